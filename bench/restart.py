"""Restart time, Redoubt against Redis: how long until a server that was killed serves its data again.

    python3 bench/restart.py [--launcher PATH] [--scale 1.0] [--rounds 3] [--java-opts "..."]

For each server: an empty start (no data: for the JVM, its own start), then a data set of about 1 GB of
AOF at scale 1 (3,000,000 strings of 200 bytes, 300,000 hashes of 10 fields, 300,000 sorted sets of 10
members) loaded with `appendonly yes` `appendfsync no`, saved to an RDB with SAVE, and the server killed
with SIGKILL. It then restarts it from the AOF (appendonly yes) and from the RDB (appendonly no), and
times each start from exec until PING is answered with PONG (a loading server answers -LOADING or does
not accept yet) and DBSIZE is the whole data set. Prints the median of --rounds restarts of each kind
and Redoubt / Redis. Files go to a scratch folder under --dir (default /tmp) that is removed at the end;
the disk needs about 4 GB free at scale 1. Does not build: point --launcher at a build.
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import resp  # noqa: E402
import servers  # noqa: E402

OPEN_DEFAULT_USER = ["--user", "default", "on", "nopass", "~*", "&*", "+@all"]


def data(scale):
    strings, collections = int(3_000_000 * scale), int(300_000 * scale)
    value = b"x" * 184
    for i in range(strings):
        yield resp.command(b"SET", b"key:%010d" % i, value + b"%016d" % i)
    for i in range(collections):
        args = [b"HSET", b"hash:%08d" % i]
        for j in range(10):
            args += [b"field:%d" % j, b"v%015d" % (i * 10 + j)]
        yield resp.command(*args)
    for i in range(collections):
        args = [b"ZADD", b"zset:%08d" % i]
        for j in range(10):
            args += [b"%d" % j, b"m%015d" % (i * 10 + j)]
        yield resp.command(*args)


def keys(scale):
    return int(3_000_000 * scale) + 2 * int(300_000 * scale)


def argv(kind, launcher, port, d, appendonly):
    common = ["--port", str(port), "--bind", "127.0.0.1", "--dir", d, "--save", "",
              "--appendonly", appendonly, "--appendfsync", "no", "--aof-use-rdb-preamble", "no"]
    if kind == "redis":
        return [servers.REDIS_SERVER, *common, "--daemonize", "no"]
    return [launcher, *common, *OPEN_DEFAULT_USER]


def ping(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.settimeout(600)
            c.sendall(b"PING\r\n")
            return c.recv(64)
    except OSError:
        return None


def timed_start(kind, launcher, d, appendonly, env, expected_keys):
    """Starts a server on d; returns (seconds until PONG, process, port)."""
    port = servers.free_port()
    t0 = time.monotonic()
    with open(os.path.join(d, f"{kind}.log"), "ab") as log:
        p = subprocess.Popen(argv(kind, launcher, port, d, appendonly), stdout=log, stderr=subprocess.STDOUT,
                             cwd=d, env=env, start_new_session=True)
    while ping(port) != b"+PONG\r\n":
        if p.poll() is not None:
            raise RuntimeError(f"{kind} exited with {p.returncode}; see {d}/{kind}.log")
        time.sleep(0.005)
    seconds = time.monotonic() - t0
    got = int(subprocess.run(["redis-cli", "-p", str(port), "DBSIZE"], capture_output=True, text=True,
                             timeout=60).stdout.strip())
    if got != expected_keys:
        raise RuntimeError(f"{kind} holds {got} keys after a restart, not {expected_keys}")
    return seconds, p, port


def stop(p, sig=signal.SIGTERM):
    if p.poll() is None:
        p.send_signal(sig)
        p.wait(timeout=120)


def du(path):
    return int(subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout.split()[0])


def measure(kind, launcher, root, scale, rounds, env, log=print):
    d = os.path.join(root, kind)
    os.makedirs(d)
    result = {}
    empty = []
    for i in range(rounds + 1):  # the first is not counted: a launcher may record its AOT cache then
        e = os.path.join(root, f"{kind}-empty")
        os.makedirs(e)
        seconds, p, _ = timed_start(kind, launcher, e, "no", env, 0)
        stop(p)
        shutil.rmtree(e)
        if i:
            empty.append(seconds)
    result["empty start"] = empty
    _, p, port = timed_start(kind, launcher, d, "yes", env, 0)
    t0 = time.monotonic()
    server = type("S", (), {"port": port, "client_args": [], "name": kind})()
    resp.pipe(server, data(scale))
    loaded = time.monotonic() - t0
    subprocess.run(["redis-cli", "-p", str(port), "SAVE"], check=True, capture_output=True, timeout=600)
    stop(p, signal.SIGKILL)
    aof = du(os.path.join(d, "appendonlydir"))
    rdb = du(os.path.join(d, "dump.rdb"))
    log(f"  {kind}: loaded {keys(scale):,} keys in {loaded:.0f} s; AOF {aof / 2**20:.0f} MiB, RDB {rdb / 2**20:.0f} MiB")
    for label, appendonly in (("AOF restart", "yes"), ("RDB restart", "no")):
        times = []
        for _ in range(rounds):
            seconds, p, _ = timed_start(kind, launcher, d, appendonly, env, keys(scale))
            stop(p, signal.SIGKILL)
            times.append(seconds)
        result[label] = times
    for label, times in result.items():
        log(f"  {kind:8} {label:12} {', '.join(f'{t:.2f}' for t in times)} s")
    shutil.rmtree(d)
    return result


def main(argv_):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--launcher", default=os.path.join(HERE, "..", servers.DIST, "bin", "redoubt-server"))
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--dir", default="/tmp")
    p.add_argument("--java-opts")
    a = p.parse_args(argv_)
    env = dict(os.environ)
    if a.java_opts:
        env["REDOUBT_JAVA_OPTS"] = a.java_opts
    root = tempfile.mkdtemp(prefix="redoubt-restart-", dir=a.dir)
    try:
        redis = measure("redis", None, root, a.scale, a.rounds, env)
        redoubt = measure("redoubt", a.launcher, root, a.scale, a.rounds, env)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for label in redis:
        r, d = statistics.median(redis[label]), statistics.median(redoubt[label])
        print(f"{label:12}: redis {r:6.2f} s, redoubt {d:6.2f} s (x{d / r:.2f})", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
