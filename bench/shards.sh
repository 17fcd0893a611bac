#!/usr/bin/env bash
# Throughput of a database of N shards next to one shard and to Redis, on the same machine, with
# redis-benchmark (SET and GET, 50 clients, -P 1 and -P 16, 100,000 random keys). Prints one CSV line
# per run: server,shards,pipeline,test,rps. Used for issue 15's before/after figures:
#   bench/shards.sh [redoubt home, default node/target/redoubt] [rounds, default 2]
# Run it on a quiet machine: nothing else building or testing.
set -euo pipefail
home=${1:-$(dirname "$0")/../node/target/redoubt}
rounds=${2:-2}
requests=${REQUESTS:-400000}
work=$(mktemp -d)
ports=()
# the launcher's java outlives a kill of its shell wrapper: stop each server by SHUTDOWN
trap 'for p in "${ports[@]}"; do redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_ready() {
  for _ in $(seq 1 100); do
    redis-cli -p "$1" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.2
  done
  echo "server on port $1 did not start" >&2; exit 1
}

run() { # name shards port
  for p in 1 16; do
    redis-benchmark -p "$3" -c 50 -P "$p" -n "$requests" -r 100000 -t set,get --csv 2>/dev/null \
      | tail -n +2 | while IFS=, read -r test rps _; do
          echo "$1,$2,$p,${test//\"/},${rps//\"/}"
        done
  done
}

start_redoubt() { # shards -> port
  local port; port=$(free_port)
  mkdir -p "$work/r$1"
  "$home/bin/redoubt-server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work/r$1" \
    --shards "$1" --user default on nopass '~*' '&*' '+@all' > "$work/r$1.log" 2>&1 &
  wait_ready "$port"
  echo "$port"
}



echo "server,shards,pipeline,test,rps"
rport=$(free_port)
redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" > /dev/null 2>&1 &
wait_ready "$rport"
ports+=("$rport")
one=$(start_redoubt 1); ports+=("$one")
two=$(start_redoubt 2); ports+=("$two")
# warm the JIT on both Redoubt databases before measuring
redis-benchmark -p "$one" -c 50 -P 16 -n 2000000 -r 100000 -t set,get -q > /dev/null 2>&1
redis-benchmark -p "$two" -c 50 -P 16 -n 1000000 -r 100000 -t set,get -q > /dev/null 2>&1
for _ in $(seq 1 "$rounds"); do
  run redis 1 "$rport"
  run redoubt 1 "$one"
  run redoubt 2 "$two"
done
