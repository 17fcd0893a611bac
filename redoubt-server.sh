#!/usr/bin/env bash
# Builds Redoubt on first use, then starts a node in the foreground on 127.0.0.1:6379.
#
#   ./redoubt-server.sh [config-file] [--name value ...]     e.g. ./redoubt-server.sh --port 6380
#
# The build lays out the install folder node/target/redoubt (bin/, sbin/, config/, lib/); this
# script runs its bin/redoubt-server. Rebuild after changing the code with: mvn -q -DskipTests package
# Stop the node with Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
DIST="$ROOT/node/target/redoubt"

if [ ! -x "$DIST/bin/redoubt-server" ] || ! ls "$DIST"/lib/redoubt-node-*.jar >/dev/null 2>&1; then
  command -v mvn >/dev/null 2>&1 || { echo "redoubt: Maven (mvn) is needed to build the server" >&2; exit 1; }
  echo "redoubt: building the server (mvn -q -B -DskipTests package), first time only..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package)
fi
exec "$DIST/bin/redoubt-server" "$@"
