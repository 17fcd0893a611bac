"""Memory per key, Redoubt against Redis, without the throughput part of run.py.

    python3 bench/memcompare.py [--launcher PATH] [--scale 0.3] [--datasets strings,hashes,zsets,lists,sets,streams,biglist]
                                [--java-opts "..."] [--repeat 1]

Loads the data sets of memory.py into fresh servers (Debian's redis-server and the given Redoubt
launcher, default node/target/redoubt/bin/redoubt-server; it does NOT rebuild, so a copy of a build
can be measured while the sources change) and prints, per data set, the VmRSS growth per key of
both and their ratio. The JVM's RSS right after loading depends on where the young generation
happened to be when loading stopped, so it varies from run to run (by 2x between identical runs
here). Redoubt's live heap per key is printed too: the used heap after a full GC (jcmd GC.run),
loaded minus empty, on a second fresh server. It is reproducible to a few bytes per key, and it is
what a data-structure change moves; RSS after a full GC is not printed, as G1 gives free heap back
concurrently and partly, so it is no steadier than RSS as loaded. Also prints MEMORY USAGE of one key on both, to compare the estimates, and the CPU time
(utime + stime, all threads, GC included) Redoubt spent on the load, to weigh JVM flags.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import machine  # noqa: E402
import memory  # noqa: E402
import resp  # noqa: E402
import servers  # noqa: E402

SAMPLE_KEY = {"strings": "key:00000001", "hashes": "hash:000001", "zsets": "zset:000001",
              "lists": "list:000001", "sets": "set:000001", "streams": "stream:000001",
              "biglist": "biglist:0"}
JCMD = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd"


def heap_used_kib(pid):
    out = subprocess.run([JCMD, str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) if m else None


def full_gc(server):
    subprocess.run([JCMD, str(server.pid), "GC.run"], capture_output=True, check=True)
    time.sleep(1)


def live_heap_kib(server):
    full_gc(server)
    return heap_used_kib(server.pid)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--launcher", default=os.path.join(HERE, "..", servers.DIST, "bin", "redoubt-server"))
    p.add_argument("--scale", type=float, default=0.3)
    p.add_argument("--datasets", default="strings,hashes,zsets,lists,sets,streams,biglist")
    p.add_argument("--java-opts")
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args(argv)
    wanted = a.datasets.split(",")
    with tempfile.TemporaryDirectory(prefix="redoubt-memcompare-") as workdir:
        for name, _, generate, count in memory.datasets(a.scale):
            if name not in wanted:
                continue
            for _ in range(a.repeat):
                redis = servers.start_redis(workdir, f"-{name}")
                try:
                    rb, ra = memory.load(redis, generate, count)
                    redis_usage = redis.cli("MEMORY", "USAGE", SAMPLE_KEY[name]).strip()
                finally:
                    redis.stop()
                redoubt = servers.start_redoubt(a.launcher, workdir, a.java_opts, f"-{name}")
                try:
                    ticks = machine.process_ticks(redoubt.pid)
                    db, da = memory.load(redoubt, generate, count)
                    cpu = (machine.process_ticks(redoubt.pid) - ticks) / os.sysconf("SC_CLK_TCK")
                    usage = redoubt.cli("MEMORY", "USAGE", SAMPLE_KEY[name]).strip()
                finally:
                    redoubt.stop()
                # the same load again into a fresh server, with a full GC before and after
                redoubt = servers.start_redoubt(a.launcher, workdir, a.java_opts, f"-{name}-gc")
                try:
                    time.sleep(1)
                    heap_before = live_heap_kib(redoubt)
                    resp.pipe(redoubt, generate(count))
                    heap_after = live_heap_kib(redoubt)
                finally:
                    redoubt.stop()
                per = lambda before, after: (after - before) * 1024 / count
                r, d = per(rb, ra), per(db, da)
                live = per(heap_before, heap_after) if heap_before and heap_after else float("nan")
                print(f"{name:8} {count:>8,} keys: redis {r:7.1f} B/key; redoubt {d:7.1f} B/key "
                      f"(x{d / r:.2f}), live heap {live:7.1f} "
                      f"(x{live / r:.2f}); MEMORY USAGE {SAMPLE_KEY[name]}: redis {redis_usage}, "
                      f"redoubt {usage}; Redoubt CPU for the load {cpu:.2f} s", flush=True)
                # the growth charges the keys with whatever the start had not touched yet: a JVM that
                # starts smaller (the AOT cache) shows more growth for the same end, so print both ends
                print(f"{'':8} RSS before -> after the load: redis {rb / 1024:6.1f} -> {ra / 1024:6.1f} MiB, "
                      f"redoubt {db / 1024:6.1f} -> {da / 1024:6.1f} MiB", flush=True)
                per_element = memory.elements_per_key(name)
                if per_element > 1:
                    print(f"{'':8} per element: redis {r / per_element:7.1f} B, redoubt {d / per_element:7.1f} B, "
                          f"live heap {live / per_element:7.1f} B", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
