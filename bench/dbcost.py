"""The cost of an idle database: resident memory and CPU of a node hosting 1, 10 and 50 of them.

    python3 bench/dbcost.py [--dist node/target/redoubt] [--counts 1,10,50] [--idle-seconds 30]

Redoubt: bench/dbcost/IdleDatabases.java (compiled here against the install's jars) starts that many
databases in one process, of one shard each (each a node with its own threads: RedoubtServer), then
of two shards each on the node's shared threads (ShardedDatabase), through the install's own
sbin/redoubt-java, so with the server's JVM flags (the AOT cache off: it would be recorded for this
class). Redis: as many redis-server processes (Redis hosts one database per process). After the start
and a settling pause, prints VmRSS (summed over Redis's processes) and the CPU time (utime + stime,
all threads) used over --idle-seconds with no client connected, as a percentage of one core.
Does not build: point --dist at a build.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import machine  # noqa: E402
import servers  # noqa: E402

SETTLE_SECONDS = 5


def javac(dist):
    """The javac of the JDK the launcher would pick (sbin/redoubt-java's choice: the newest)."""
    best, best_v = None, 0
    for home in sorted(os.listdir("/usr/lib/jvm")):
        release = os.path.join("/usr/lib/jvm", home, "release")
        tool = os.path.join("/usr/lib/jvm", home, "bin", "javac")
        if os.path.exists(release) and os.access(tool, os.X_OK):
            for line in open(release):
                if line.startswith("JAVA_VERSION="):
                    v = int(line.split('"')[1].split(".")[0])
                    if v > best_v:
                        best, best_v = tool, v
    return best


def install_with_bench_class(dist, work):
    """A copy of the install whose lib/ also holds the compiled IdleDatabases (jars are linked)."""
    home = os.path.join(work, "install")
    os.makedirs(os.path.join(home, "lib"))
    os.makedirs(os.path.join(home, "sbin"))
    shutil.copy(os.path.join(dist, "sbin", "redoubt-java"), os.path.join(home, "sbin"))
    os.symlink(os.path.join(dist, "config"), os.path.join(home, "config"))
    for jar in os.listdir(os.path.join(dist, "lib")):
        if jar.endswith(".jar"):
            os.symlink(os.path.join(dist, "lib", jar), os.path.join(home, "lib", jar))
    classes = os.path.join(work, "classes")
    subprocess.run([javac(dist), "-d", classes, "-cp", os.path.join(dist, "lib", "*"),
                    os.path.join(HERE, "dbcost", "IdleDatabases.java")], check=True)
    subprocess.run(["jar" if shutil.which("jar") else os.path.join(os.path.dirname(javac(dist)), "jar"),
                    "cf", os.path.join(home, "lib", "bench-idle-databases.jar"), "-C", classes, "."], check=True)
    return home


def idle_cpu_percent(pids, seconds):
    before = sum(machine.process_ticks(p) for p in pids)
    time.sleep(seconds)
    after = sum(machine.process_ticks(p) for p in pids)
    return (after - before) / os.sysconf("SC_CLK_TCK") / seconds * 100


def redoubt(home, count, shards, work, idle_seconds):
    d = os.path.join(work, f"redoubt-{count}-{shards}")
    env = dict(os.environ, REDOUBT_AOT="off")
    p = subprocess.Popen([os.path.join(home, "sbin", "redoubt-java"), "IdleDatabases", str(count), str(shards), d],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(os.path.join(work, f"redoubt-{count}.log"), "w"), env=env, text=True)
    try:
        line = p.stdout.readline()
        while line and not line.startswith("ready"):  # the server's log goes to standard output too
            line = p.stdout.readline()
        if not line.startswith("ready"):
            with open(os.path.join(work, f"redoubt-{count}.log")) as log:
                raise RuntimeError(f"IdleDatabases did not start: {line!r} {log.read()[-2000:]}")
        time.sleep(SETTLE_SECONDS)
        return machine.rss_kib(p.pid), idle_cpu_percent([p.pid], idle_seconds)
    finally:
        p.stdin.close()
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()


def redis(count, work, idle_seconds):
    started = []
    try:
        for i in range(count):
            started.append(servers.start_redis(work, f"-{count}-{i}"))
        time.sleep(SETTLE_SECONDS)
        pids = [s.pid for s in started]
        return sum(machine.rss_kib(p) for p in pids), idle_cpu_percent(pids, idle_seconds)
    finally:
        for s in started:
            s.stop()


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dist", default=os.path.join(HERE, "..", servers.DIST))
    p.add_argument("--counts", default="1,10,50")
    p.add_argument("--idle-seconds", type=float, default=30)
    a = p.parse_args(argv)
    work = tempfile.mkdtemp(prefix="redoubt-dbcost-")
    try:
        home = install_with_bench_class(os.path.abspath(a.dist), work)
        for count in (int(c) for c in a.counts.split(",")):
            r_rss, r_cpu = redis(count, work, a.idle_seconds)
            print(f"{count:3} idle databases: redis ({count} processes) RSS {r_rss / 1024:7.1f} MiB, "
                  f"CPU {r_cpu:5.2f}% of a core", flush=True)
            for shards in (1, 2):
                d_rss, d_cpu = redoubt(home, count, shards, work, a.idle_seconds)
                print(f"{'':20} redoubt, {shards} shard{'s' if shards > 1 else ''} each: RSS {d_rss / 1024:7.1f} MiB "
                      f"(x{d_rss / r_rss:.2f}), CPU {d_cpu:5.2f}%", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
