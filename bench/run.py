#!/usr/bin/env python3
"""Redoubt vs Redis, side by side on this machine: `python3 bench/run.py [--quick]`.

Builds Redoubt if needed, starts Debian's redis-server and Redoubt with the same settings,
warms up the JVM, then runs the same redis-benchmark workloads against each, alternating
Redis/Redoubt run by run for several rounds, waiting for a quiet machine before each run and
discarding runs during which other processes used the CPU. Then loads the memory data sets
into fresh servers. Writes bench/results/<date>-<commit>.md (+ .png chart, + .json raw runs)
and prints a one-line summary last. See bench/README.md.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import chart  # noqa: E402
import memory  # noqa: E402
import report  # noqa: E402
import servers  # noqa: E402
import workloads  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="smoke test: 1/20 of the requests, 2 rounds, 5 s warm-up, memory data sets at 1/10")
    p.add_argument("--rounds", type=int, help="runs of each workload per server (default 5, quick 2)")
    p.add_argument("--requests-p1", type=int, help="requests per run at -P 1 (default 100000)")
    p.add_argument("--requests-p16", type=int, help="requests per run at -P 16 (default 1000000)")
    p.add_argument("--warmup", type=float, help="seconds of load on Redoubt before measuring (default 30)")
    p.add_argument("--clients", type=int, default=50, help="redis-benchmark -c")
    p.add_argument("--keyspace", type=int, default=100000, help="redis-benchmark -r")
    p.add_argument("--workloads", default=",".join(w.name for w in workloads.WORKLOADS))
    p.add_argument("--pipelines", default="1,16")
    p.add_argument("--sizes", default="3,1024", help="value sizes in bytes (redis-benchmark -d)")
    p.add_argument("--all-sizes", action="store_true",
                   help="also run the large-value variant of workloads -d does not change "
                        "(PING_MBULK, INCR, SADD, ZADD)")
    p.add_argument("--quiet-threshold", type=float, default=5.0,
                   help="percent of the machine other processes may use for the machine to count as quiet")
    p.add_argument("--quiet-seconds", type=float, default=2.0, help="quiet this long before a run starts")
    p.add_argument("--quiet-max-wait", type=float, default=120.0, help="start anyway after waiting this long")
    p.add_argument("--max-other-cpu", type=float, default=5.0,
                   help="discard a run when other processes used more than this percent of the machine")
    p.add_argument("--memory-scale", type=float, help="share of the memory data sets (default 1, quick 0.1)")
    p.add_argument("--tls", action="store_true",
                   help="throughput over TLS: both servers TLS-only with the same openssl-made certificate "
                        "(no client certificates); memory runs stay plain")
    p.add_argument("--tls-provider", choices=("jdk", "openssl"), default="jdk",
                   help="with --tls: Redoubt's tls-provider (jdk enforces every cipher setting; openssl is BoringSSL)")
    p.add_argument("--skip-memory", action="store_true")
    p.add_argument("--skip-throughput", action="store_true")
    p.add_argument("--build", action="store_true", help="rebuild Redoubt even when it looks up to date")
    p.add_argument("--redoubt-java-opts", help="extra JVM flags for Redoubt (REDOUBT_JAVA_OPTS)")
    p.add_argument("--appendfsync", choices=["always", "everysec", "no"],
                   help="run both servers with appendonly yes and this appendfsync (default: no persistence)")
    p.add_argument("--out", default=os.path.join(HERE, "results"), help="folder for the results")
    p.add_argument("--rerender", metavar="RUN.json",
                   help="measure nothing: write the report, chart and summary again from a saved run")
    a = p.parse_args(argv)
    servers.APPENDFSYNC["policy"] = a.appendfsync
    a.rounds = a.rounds or (2 if a.quick else 5)
    a.requests_p1 = a.requests_p1 or (5000 if a.quick else 100000)
    a.requests_p16 = a.requests_p16 or (50000 if a.quick else 1000000)
    a.warmup = a.warmup if a.warmup is not None else (5 if a.quick else 30)
    a.memory_scale = a.memory_scale or (0.1 if a.quick else 1.0)
    names = [n.strip().upper() for n in a.workloads.split(",") if n.strip()]
    unknown = [n for n in names if n not in workloads.BY_NAME]
    if unknown:
        p.error(f"unknown workload {', '.join(unknown)}; known: {', '.join(workloads.BY_NAME)}")
    a.workloads = [workloads.BY_NAME[n] for n in names]
    a.pipelines = [int(x) for x in a.pipelines.split(",")]
    a.sizes = [int(x) for x in a.sizes.split(",")]
    return a


def log(msg):
    print(msg, flush=True)


def sh(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def git_commit():
    commit = sh("git", "rev-parse", "--short", "HEAD") or "nogit"
    dirty = sh("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results")
    return commit + ("-dirty" if dirty else "")


def machine_description():
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = f"{int(f.readline().split()[1]) // 1024 // 1024} GiB"
    return f"{os.cpu_count()} CPUs ({model}), {mem} RAM, Linux {platform.release()}"


def configs(a):
    for w in a.workloads:
        for p in a.pipelines:
            for size in a.sizes:
                if w.sized or a.all_sizes or size == a.sizes[0]:
                    yield w, p, size


def warm_up(redoubt, seconds, a):
    """Load on Redoubt so the JIT has compiled the hot paths before anything is measured."""
    tests = ",".join(w.test or "lrange_100" for w in a.workloads)
    deadline = time.monotonic() + seconds
    log(f"warming up Redoubt for {seconds:.0f} s")
    while (left := deadline - time.monotonic()) > 0:
        for pipeline, n in ((16, 200000), (1, 20000)):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                subprocess.run(["redis-benchmark", "-h", "127.0.0.1", "-p", str(redoubt.port), *redoubt.client_args,
                                "-c", str(a.clients), "-P", str(pipeline), "-n", str(n), "-r",
                                str(a.keyspace), "-d", str(a.sizes[0]), "-q", "-t", tests],
                               capture_output=True, timeout=left)
            except subprocess.TimeoutExpired:
                pass
    redoubt.cli("FLUSHALL")


def failed_run(server, w, pipeline, size, requests, error):
    return {"server": server.name, "workload": w.name, "pipeline": pipeline, "size": size,
            "requests": requests, "rps": None, "p50_ms": None, "p99_ms": None, "avg_ms": None,
            "server_cpu_s": 0, "cpu_us_per_op": 0, "other_cpu": 0, "wall_s": 0, "quiet_wait_s": 0,
            "was_quiet": False, "error": f"{type(error).__name__}: {error}"[:300],
            "time": time.strftime("%H:%M:%S")}


def throughput(a, launcher, workdir):
    quiet = {"threshold": a.quiet_threshold / 100, "quiet_seconds": a.quiet_seconds,
             "max_wait": a.quiet_max_wait}
    tls = dict(servers.make_tls_files(workdir), provider=a.tls_provider) if a.tls else None
    redis = servers.start_redis(workdir, tls=tls)
    redoubt = None
    runs = []
    try:
        redoubt = servers.start_redoubt(launcher, workdir, a.redoubt_java_opts, tls=tls)
        log(f"redis-server on port {redis.port} (pid {redis.pid}), "
            f"Redoubt on port {redoubt.port} (pid {redoubt.pid})")
        warm_up(redoubt, a.warmup, a)
        plan = list(configs(a))
        total = len(plan) * 2 * a.rounds
        for rnd in range(a.rounds):
            for w, pipeline, size in plan:
                # Who goes first alternates by round: A/B, then B/A.
                pair = (redis, redoubt) if rnd % 2 == 0 else (redoubt, redis)
                for server in pair:
                    other = redoubt if server is redis else redis
                    n = workloads.requests_for(w, pipeline, size, a.requests_p1, a.requests_p16)
                    try:
                        r = workloads.measure(server, other, w, pipeline, size, n, a.keyspace,
                                              a.clients, quiet)
                    except (subprocess.SubprocessError, RuntimeError) as e:
                        r = failed_run(server, w, pipeline, size, n, e)
                    if server.proc.poll() is not None:
                        log(f"{server.name} stopped (exit {server.proc.returncode}); reporting what was "
                            f"measured so far. Its last lines:\n{server.log_tail()}")
                        runs.append(r)
                        return runs
                    r["round"] = rnd + 1
                    runs.append(r)
                    verdict = ("FAILED " + r["error"] if r["error"] else
                               "discarded" if r["other_cpu"] > a.max_other_cpu / 100 else "kept")
                    log(f"[{len(runs)}/{total}] round {rnd + 1} {w.name} -P {pipeline} -d {size} "
                        f"{server.name}: {r['rps'] or 0:,.0f} req/s, p50 {r['p50_ms'] or 0:.3f} ms, "
                        f"p99 {r['p99_ms'] or 0:.3f} ms, {r['cpu_us_per_op']:.2f} µs CPU/op, "
                        f"others {r['other_cpu'] * 100:.1f}% (waited {r['quiet_wait_s']} s"
                        f"{'' if r['was_quiet'] else ', never quiet'}): {verdict}")
    finally:
        if redoubt:
            redoubt.stop()
        redis.stop()
    return runs


def warning(a):
    notes = []
    if a.quick:
        notes.append("Smoke run (--quick): runs too short for stable figures")
    if a.max_other_cpu > 5 or a.quiet_threshold > 5:
        notes.append(f"quiet and discard thresholds relaxed to {a.quiet_threshold:g}% and "
                     f"{a.max_other_cpu:g}%: runs shared the machine with other work")
    return "; ".join(notes) + ". Not a measurement to quote." if notes else None


def rerender(path):
    """Writes the report, chart and summary again from a run's .json (after changing them)."""
    with open(path) as f:
        saved = json.load(f)
    meta, runs, mem = saved["meta"], saved["runs"], saved["memory"]
    base = path[:-len(".json")]
    max_other = meta.get("max_other_cpu", 0.05)
    text, _, rat, tg = report.markdown(meta, runs, mem, max_other)
    with open(base + ".md", "w") as f:
        f.write(text)
    chart.write(base + ".png", rat, mem, meta["title"])
    print(report.summary_line(runs, rat, tg, mem, max_other, os.path.relpath(base + ".md")), flush=True)


def main(argv):
    a = parse_args(argv)
    if a.rerender:
        return rerender(a.rerender)
    missing = [t for t in ("redis-server", "redis-benchmark", "redis-cli") if not shutil.which(t)]
    if missing or not os.path.exists(servers.REDIS_SERVER):
        sys.exit(f"bench: needs Debian's Redis 7 tools ({', '.join(missing) or servers.REDIS_SERVER} "
                 "missing): apt-get install redis-server redis-tools")
    launcher = servers.ensure_built(ROOT, a.build, log)
    commit = git_commit()
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    os.makedirs(a.out, exist_ok=True)
    base = os.path.join(a.out, f"{date}-{commit}" + (f"-tls-{a.tls_provider}" if a.tls else "") + ("-quick" if a.quick else ""))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="redoubt-bench-") as workdir:
        runs = [] if a.skip_throughput else throughput(a, launcher, workdir)
        mem = [] if a.skip_memory else (log("memory: loading data sets into fresh servers")
                                        or memory.measure(launcher, workdir, a.memory_scale,
                                                          a.redoubt_java_opts, log))
    minutes = (time.monotonic() - started) / 60
    meta = {
        "date": date, "commit": commit,
        "warning": warning(a),
        "machine": machine_description(),
        "redis": sh("redis-server", "--version").split(" sha=")[0],
        "java": servers.JAVA_SEEN.get("java", "?"),
        "settings": (f"{a.rounds} rounds, -c {a.clients}, -r {a.keyspace}, {a.requests_p1:,} requests "
                     f"per run at -P 1 and {a.requests_p16:,} at -P 16 (fewer for MSET, LRANGE_100 and, at "
                     f"1 KiB, LPUSH and LPOP), "
                     f"{a.warmup:.0f} s warm-up, quiet below {a.quiet_threshold}% for {a.quiet_seconds} s "
                     f"(at most {a.quiet_max_wait:.0f} s wait), discard above {a.max_other_cpu}%, "
                     f"memory data sets at scale {a.memory_scale}, took {minutes:.1f} min"
                     + (f", throughput over TLS (TLS 1.3, Redoubt tls-provider {a.tls_provider}, OpenSSL in Redis)"
                        if a.tls else "")
                     + (f", REDOUBT_JAVA_OPTS={a.redoubt_java_opts}" if a.redoubt_java_opts else "")
                     + (f", both with appendonly yes appendfsync {a.appendfsync}" if a.appendfsync else "")),
        "method": METHOD,
        "max_other_cpu": a.max_other_cpu / 100,
        "title": f"REDOUBT / REDIS  {date}  {commit}" + ("  TLS" if a.tls else "")
                 + ("  SMOKE RUN" if a.quick else ""),
    }
    text, st, rat, tg = report.markdown(meta, runs, mem, a.max_other_cpu / 100)
    with open(base + ".md", "w") as f:
        f.write(text)
    with open(base + ".json", "w") as f:
        json.dump({"meta": meta, "runs": runs, "memory": mem}, f, indent=1)
    chart.write(base + ".png", rat, mem, meta["title"])
    print(report.summary_line(runs, rat, tg, mem, a.max_other_cpu / 100,
                              os.path.relpath(base + ".md", os.getcwd())), flush=True)


METHOD = """\
Each run: FLUSHALL, load the data the workload reads (GET: the -r keys; LPOP: a list of as many
elements as requests; LRANGE_100: a list of 1000), wait until other processes use less than the
quiet threshold, then one `redis-benchmark -c C -P P -n N -d D -r R --csv` for that workload alone.
Servers alternate run by run (Redis first in odd rounds, Redoubt first in even ones). Server CPU
per operation = the server process's utime+stime delta (/proc/<pid>/stat) / requests; for MSET an
operation is one 10-key MSET. Other processes' CPU = busy time in /proc/stat minus both servers,
this script and redis-benchmark; a run where that exceeded the discard threshold is not used.
Throughput, p50 and p99 are redis-benchmark's. Workloads that do not send or read values
(PING_MBULK, INCR, SADD, ZADD) run with the first -d only. LRANGE_100 runs as the custom command
`lrange mylist 0 99` on a preloaded list (redis-benchmark's own test would push the list inside the
measured invocation). At -P 1 on a 2-core machine redis-benchmark itself is the bottleneck, so
throughput there says little; CPU per operation is the figure that tells the servers apart."""


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit("bench: interrupted; servers stopped")
