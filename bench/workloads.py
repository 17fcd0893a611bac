"""The redis-benchmark workloads, the data each needs before it runs, and one measured run.

Every run starts from an empty database (FLUSHALL) plus the data that workload reads, loaded
before measuring, so the CPU counted for a run is that workload's and nothing else's:
redis-benchmark's own LRANGE test would first push a list inside the same invocation, so
LRANGE_100 runs as the equivalent custom command on a preloaded list instead.
"""
import csv
import hashlib
import io
import subprocess
import time

import machine
import resp


class Workload:
    """name: as in redis-benchmark -t; sized: whether -d changes what it sends or reads;
    scale: share of the requests of a normal run (for the workloads that cost more per request);
    large_scale: a further share with values over 100 bytes, for the workloads whose data or
    replies grow with every request (a single list), to keep each server's memory near 256 MiB."""

    def __init__(self, name, test=None, command=None, sized=True, scale=1.0, large_scale=1.0,
                 prepare=None):
        self.name = name
        self.test = test
        self.command = command
        self.sized = sized
        self.scale = scale
        self.large_scale = large_scale
        self.prepare = prepare

    def args(self):
        return ["-t", self.test] if self.test else list(self.command)


def preload_strings(server, requests, size, keyspace):
    # The keys redis-benchmark's GET reads: key:<12-digit random int below -r>.
    value = b"x" * size
    resp.pipe(server, (resp.command(b"SET", b"key:%012d" % i, value) for i in range(keyspace)))


def preload_list(count):
    def prepare(server, requests, size, keyspace):
        n = count or requests
        value = b"x" * size
        batch = 1000
        resp.pipe(server, (resp.command(b"RPUSH", b"mylist", *([value] * min(batch, n - i)))
                           for i in range(0, n, batch)))
    return prepare


# The scripting workload: one GET and one SET through redis.call, sent as EVALSHA.
GET_SET_SCRIPT = b"local v = redis.call('GET', KEYS[1]) redis.call('SET', KEYS[1], ARGV[1]) return v"
GET_SET_SHA = hashlib.sha1(GET_SET_SCRIPT).hexdigest()


def load_script(server, requests, size, keyspace):
    resp.pipe(server, [resp.command(b"SCRIPT", b"LOAD", GET_SET_SCRIPT)])


# The same GET and SET as a Redis 7 function, sent as FCALL (REPLACE: FLUSHALL keeps libraries).
GET_SET_LIBRARY = (b"#!lua name=bench\n"
                   b"redis.register_function('getset', function(keys, args) "
                   b"local v = redis.call('GET', keys[1]) redis.call('SET', keys[1], args[1]) return v end)")


def load_library(server, requests, size, keyspace):
    resp.pipe(server, [resp.command(b"FUNCTION", b"LOAD", b"REPLACE", GET_SET_LIBRARY)])


WORKLOADS = [
    Workload("PING_MBULK", test="ping_mbulk", sized=False),
    Workload("SET", test="set"),
    Workload("GET", test="get", prepare=preload_strings),
    Workload("INCR", test="incr", sized=False),
    Workload("LPUSH", test="lpush", large_scale=0.25),
    Workload("LPOP", test="lpop", large_scale=0.25, prepare=preload_list(None)),
    Workload("SADD", test="sadd", sized=False),
    Workload("HSET", test="hset"),
    Workload("ZADD", test="zadd", sized=False),
    Workload("LRANGE_100", command=["lrange", "mylist", "0", "99"], scale=0.2, large_scale=0.25,
             prepare=preload_list(1000)),  # 100 KiB per reply at 1 KiB values
    Workload("MSET", test="mset", scale=0.2),
    Workload("EVALSHA", command=["evalsha", GET_SET_SHA, "1", "key:__rand_int__", "v"], sized=False,
             prepare=load_script),
    Workload("FCALL", command=["fcall", "getset", "1", "key:__rand_int__", "v"], sized=False,
             prepare=load_library),
]
BY_NAME = {w.name: w for w in WORKLOADS}


def parse_csv(text):
    """The last result row of redis-benchmark --csv as a dict of floats (rps, *_latency_ms)."""
    rows = list(csv.reader(io.StringIO(text)))
    header = next((r for r in rows if r and r[0] == "test"), None)
    data = [r for r in rows if r and r[0] != "test" and len(r) == len(header or [])]
    if not header or not data:
        raise ValueError("no CSV result from redis-benchmark")
    return {k: float(v) for k, v in zip(header[1:], data[-1][1:])}


def requests_for(workload, pipeline, size, base_p1, base_p16):
    n = (base_p16 if pipeline > 1 else base_p1) * workload.scale
    if size > 100:
        n *= workload.large_scale
    return max(1000, int(n))


def measure(server, other, workload, pipeline, size, requests, keyspace, clients, quiet):
    """One measured run of workload against server (other is the idle second server).
    Returns a dict of figures; 'error' is set when redis-benchmark failed."""
    server.cli("FLUSHALL")
    if workload.prepare:
        workload.prepare(server, requests, size, keyspace)
    pids = [server.pid, other.pid]
    waited, was_quiet = machine.wait_until_quiet(pids, **quiet)
    argv = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(server.port), *server.client_args, "-c", str(clients),
            "-P", str(pipeline), "-n", str(requests), "-d", str(size), "-r", str(keyspace),
            "--csv", *workload.args()]
    before = machine.Snapshot(pids)
    try:
        out = subprocess.run(argv, capture_output=True, timeout=900)
        after = machine.Snapshot(pids)
        stderr = out.stderr.decode(errors="replace").strip()[-300:]
        try:
            figures = parse_csv(out.stdout.decode(errors="replace"))
            error = None if out.returncode == 0 else f"redis-benchmark exited {out.returncode}: {stderr}"
        except ValueError as e:
            figures, error = {}, f"{e}: {stderr}"
    except subprocess.TimeoutExpired:
        after = machine.Snapshot(pids)
        figures, error = {}, "redis-benchmark did not finish within 900 s"
    server_ticks = before.server_ticks(after, server.pid)
    return {
        "server": server.name, "workload": workload.name, "pipeline": pipeline, "size": size,
        "requests": requests, "rps": figures.get("rps"),
        "p50_ms": figures.get("p50_latency_ms"), "p99_ms": figures.get("p99_latency_ms"),
        "avg_ms": figures.get("avg_latency_ms"),
        "server_cpu_s": server_ticks / machine.CLK_TCK,
        "cpu_us_per_op": server_ticks / machine.CLK_TCK / requests * 1e6,
        "other_cpu": before.other_fraction(after), "wall_s": after.wall - before.wall,
        "quiet_wait_s": round(waited, 1), "was_quiet": was_quiet, "error": error,
        "time": time.strftime("%H:%M:%S"),
    }
