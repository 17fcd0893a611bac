#!/usr/bin/env bash
# JMH micro-benchmarks of the RESP decoder, the reply encoder and the request path (dispatcher):
#   bench/jmh/run.sh [JMH options]      e.g. bench/jmh/run.sh -prof gc DispatcherBenchmark
# Builds the benchmark jar (Maven profile jmh) when missing, then runs it on a JDK 21+
# ($JAVA_HOME if recent enough, else the newest under /usr/lib/jvm). Scores are ns per request.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
JAR="$ROOT/bench/jmh/target/redoubt-jmh.jar"
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && mvn -q -B -Pjmh -Dmaven.test.skip=true package -pl bench/jmh -am)
fi
feature() { sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1 || true; }
JAVA=""; best=0
if [ -n "${JAVA_HOME:-}" ] && [ "$(feature "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  JAVA="$JAVA_HOME/bin/java"
else
  for home in /usr/lib/jvm/*/; do
    v="$(feature "$home")"
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best" ]; then JAVA="${home}bin/java"; best="$v"; fi
  done
fi
[ -n "$JAVA" ] || { echo "bench/jmh: no JDK 21+ found (set JAVA_HOME)" >&2; exit 1; }
exec "$JAVA" -jar "$JAR" "$@"
