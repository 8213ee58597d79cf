#!/usr/bin/env bash
# Every hot read of issue 15 next to its service's ceiling: sessions, notes, notifications in turn
# (about 3 minutes). Needs the platform running (./nexus up), wrk, curl and python3.
set -euo pipefail
dir="$(dirname "$0")"
"$dir/sessions-read.sh"; echo
"$dir/notes-read.sh"; echo
"$dir/notifications-read.sh"
