#!/usr/bin/env bash
# A database created through a node's REST API next to bin/redoubt-server and to Redis, on the same
# machine, with redis-benchmark (SET and GET, 50 clients, -P 1 and -P 16, 100,000 random keys, no
# persistence, one shard). Prints one CSV line per run: server,pipeline,test,rps (issue 16).
#   bench/node.sh [redoubt home, default node/target/redoubt] [rounds, default 2]
# Run it on a quiet machine: nothing else building or testing.
set -euo pipefail
home=${1:-$(dirname "$0")/../node/target/redoubt}
rounds=${2:-2}
requests=${REQUESTS:-400000}
work=$(mktemp -d)
ports=()
node_pid=""
# the launcher execs the JVM, so $node_pid is the node itself: SIGTERM stops it (a few seconds when it
# records the JDK's AOT cache at its first stop); every step may fail without stopping the others
stop_all() {
  for p in "${ports[@]}"; do redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || true; done
  if [ -n "$node_pid" ]; then
    kill "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$work" || true
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_ready() {
  for _ in $(seq 1 150); do
    redis-cli -p "$1" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.2
  done
  echo "server on port $1 did not start" >&2; exit 1
}

run() { # name port
  for p in 1 16; do
    redis-benchmark -p "$2" -c 50 -P "$p" -n "$requests" -r 100000 -t set,get --csv 2>/dev/null \
      | tail -n +2 | while IFS=, read -r test rps _; do
          echo "$1,$p,${test//\"/},${rps//\"/}"
        done
  done
}

echo "server,pipeline,test,rps"
rport=$(free_port)
redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" > /dev/null 2>&1 &
wait_ready "$rport"; ports+=("$rport")

sport=$(free_port); mkdir -p "$work/server"
"$home/bin/redoubt-server" --port "$sport" --bind 127.0.0.1 --save "" --appendonly no --dir "$work/server" \
  --user default on nopass '~*' '&*' '+@all' > "$work/server.log" 2>&1 &
wait_ready "$sport"; ports+=("$sport")

api=$(free_port); first=$(free_port); nport=$(free_port)
"$home/bin/redoubt-node" --dir "$work/node" --api-port "$api" --database-port "$first" > "$work/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 1 150); do [ -s "$work/node/data/admin.password" ] && [ -s "$work/node/data/cluster-ca.pem" ] && break; sleep 0.2; done
sleep 1
# RE's defaults for a new database: the default user on without a password (loopback only), no persistence
curl -sf --cacert "$work/node/data/cluster-ca.pem" -u "admin:$(cat "$work/node/data/admin.password")" \
  -X POST "https://localhost:$api/v1/bdbs" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"port\":$nport,\"memory_size\":4294967296,\"eviction_policy\":\"noeviction\"}" > /dev/null
wait_ready "$nport"

# warm the JIT on both Redoubt databases before measuring
for p in "$sport" "$nport"; do redis-benchmark -p "$p" -c 50 -P 16 -n 2000000 -r 100000 -t set,get -q > /dev/null 2>&1; done
for _ in $(seq 1 "$rounds"); do
  run redis "$rport"
  run redoubt-server "$sport"
  run node-database "$nport"
done
