#!/usr/bin/env bash
# Builds Redoubt on first use, then starts a node of the control plane in the foreground.
#
#   ./redoubt-node.sh [--dir DIR] [--bind ADDR] [--api-port PORT] [--database-port PORT]
#                     [--bootstrap auto|manual] [--config FILE]
#
# A fresh node creates its cluster, an admin user (password printed once, kept in data/admin.password
# of the install, readable by you only) and a database db1 on 127.0.0.1:6379 that the admin reaches
# with its own credentials; the REST API is HTTPS on 127.0.0.1:9443 (CA: data/cluster-ca.pem). The
# build lays out the install folder node/target/redoubt; this script runs its bin/redoubt-node.
# Rebuild after changing the code with: mvn -q -DskipTests package. Stop the node with Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
DIST="$ROOT/node/target/redoubt"

if [ ! -x "$DIST/bin/redoubt-node" ] || ! ls "$DIST"/lib/redoubt-node-*.jar >/dev/null 2>&1; then
  command -v mvn >/dev/null 2>&1 || { echo "redoubt: Maven (mvn) is needed to build the node" >&2; exit 1; }
  echo "redoubt: building (mvn -q -B -DskipTests package), first time only..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package)
fi
exec "$DIST/bin/redoubt-node" "$@"
