# shellcheck shell=bash
# deploy/servers.sh: starts the PostgreSQL, Redis and RabbitMQ installed on this machine, the way
# the CI image documents. Sourced by ./nexus and .ci/run; it only defines functions.
#
#   server_answers <host> <port>        true if host:port accepts a TCP connection within 3 s
#   server_ensure <name> <host> <port>  name: PostgreSQL, Redis or RabbitMQ. If nothing answers at
#                                       host:port, start the local server and wait for it (at most
#                                       SERVER_WAIT_SECONDS, default 60, per wait); if it is not
#                                       installed, say how to install it. Prints why it failed.

SERVER_WAIT_SECONDS="${SERVER_WAIT_SECONDS:-60}"

server_answers() {
  # shellcheck disable=SC2016  # $1 and $2 are expanded by the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# The documented start command of each server (each listens on its standard port).
server_start() {
  case "$1" in
    PostgreSQL)
      # shellcheck disable=SC2046  # the command is used exactly as documented
      pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
      ;;
    Redis)
      redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
      ;;
    RabbitMQ)
      rabbitmq-server -detached
      ;;
  esac
}

server_ensure() {
  local name="$1" host="$2" port="$3" program package deadline
  case "$name" in
    PostgreSQL) program=pg_ctlcluster package=postgresql ;;
    Redis) program=redis-server package=redis-server ;;
    RabbitMQ) program=rabbitmq-server package=rabbitmq-server ;;
    *) printf 'ERROR: unknown server %s\n' "$name" >&2; return 1 ;;
  esac

  printf '==> Checking %s on %s:%s\n' "$name" "$host" "$port"
  if server_answers "$host" "$port"; then
    printf '==> %s is already running\n' "$name"
    return 0
  fi
  if ! command -v "$program" >/dev/null; then
    printf 'ERROR: %s does not answer on %s:%s and is not installed here (no %s).\n' "$name" "$host" "$port" "$program" >&2
    printf '  Install it (apt-get install %s), or run the servers with Docker:\n' "$package" >&2
    printf '    docker-compose up -d postgres redis rabbitmq\n' >&2
    return 1
  fi

  printf '==> Starting %s\n' "$name"
  if ! server_start "$name"; then
    printf 'ERROR: could not start %s\n' "$name" >&2
    return 1
  fi
  printf '==> Waiting for %s (up to %s s)\n' "$name" "$SERVER_WAIT_SECONDS"
  deadline=$((SECONDS + SERVER_WAIT_SECONDS))
  until server_answers "$host" "$port"; do
    if ((SECONDS >= deadline)); then
      printf 'ERROR: %s did not answer on %s:%s within %s seconds\n' "$name" "$host" "$port" "$SERVER_WAIT_SECONDS" >&2
      return 1
    fi
    sleep 1
  done
  printf '==> %s answers on %s:%s\n' "$name" "$host" "$port"
  if [[ "$name" == RabbitMQ ]]; then
    printf '==> Waiting for RabbitMQ to finish booting (rabbitmqctl await_startup, up to %s s)\n' "$SERVER_WAIT_SECONDS"
    if ! timeout "$SERVER_WAIT_SECONDS" rabbitmqctl await_startup </dev/null; then
      printf 'ERROR: RabbitMQ did not finish starting within %s seconds (rabbitmqctl await_startup)\n' "$SERVER_WAIT_SECONDS" >&2
      return 1
    fi
  fi
}
