#!/usr/bin/env bash
# Lints OpenAPI documents with Spectral and the rules in .spectral.yaml beside this script; prints
# every finding and exits non-zero when one is an error. Installs Spectral (npm ci, from the
# committed package-lock.json) on first use. Needs Node.js 20+ with npm.
#   tools/openapi-lint/lint.sh services/*/target/openapi/openapi.json
# `mvn verify` runs it on each service's document (written at build time to target/openapi/).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -gt 0 ] || { echo "usage: $0 openapi.json..." >&2; exit 2; }
if [ ! -x "$here/node_modules/.bin/spectral" ]; then
  command -v npm >/dev/null || {
    echo "openapi-lint: npm is not on PATH; install Node.js 20+ (e.g. apt-get install nodejs npm)," \
         "or skip the lint with -Dopenapi-lint.skip" >&2
    exit 1
  }
  echo "openapi-lint: installing Spectral (npm ci in $here)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec "$here/node_modules/.bin/spectral" lint --ruleset "$here/.spectral.yaml" --fail-severity error "$@"
