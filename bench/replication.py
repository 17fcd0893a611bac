"""Replication throughput and lag, Redoubt next to Redis, under the same write load.

    python3 bench/replication.py            # 3 rounds of 200k pipelined SETs per pairing
    python3 bench/replication.py --quick    # smoke run: 1 round of 20k

Two pairings, each run with Redis and with Redoubt in the role under test, the other role always
Debian's redis-server (so the ratio is the role's, not the pair's):
  * master:  the master under test, a Redis replica. redis-benchmark writes to the master.
  * replica: a Redis master, the replica under test.
While redis-benchmark runs (SET, -c 50 -P 16 -d 64 -r 100000) the script samples both servers'
INFO replication every 50 ms: lag = master_repl_offset - the replica's slave_repl_offset, in bytes.
After the load it measures the catch-up time (until the replica's offset equals the master's). Each
pairing first makes one uncounted run (JIT warm-up). It prints one line per run and a table of
medians with Redoubt/Redis ratios; nothing is written. Unlike run.py it does not wait for a quiet
machine: read its ratios as indications on a busy one.
"""
import argparse
import csv
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import servers  # noqa: E402


def info(port):
    """INFO replication as a dict, over a raw socket (quicker than a redis-cli process per sample)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"INFO replication\r\n")
        data = b""
        while b"\r\n" not in data:
            data += s.recv(65536)
        head, _, rest = data.partition(b"\r\n")
        length = int(head[1:])
        while len(rest) < length + 2:
            rest += s.recv(65536)
    fields = {}
    for line in rest[:length].decode().splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            fields[k] = v
    return fields


def lag(master, replica):
    # the replica first: read the other way round, it could pass the master's older offset (a negative lag)
    applied = int(info(replica.port).get("slave_repl_offset", "0"))
    return int(info(master.port)["master_repl_offset"]) - applied


def wait_linked(master, replica, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = info(replica.port)
        if r.get("master_link_status") == "up" and lag(master, replica) == 0:
            return
        time.sleep(0.05)
    raise RuntimeError(f"{replica.name} did not sync with {master.name}:\n{replica.log_tail()}")


def one_run(master, replica, requests):
    master.cli("FLUSHALL")
    wait_linked(master, replica)
    samples = []
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                samples.append(lag(master, replica))
            except OSError:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = subprocess.run(["redis-benchmark", "-h", "127.0.0.1", "-p", str(master.port), "-t", "set", "-c", "50",
                          "-P", "16", "-d", "64", "-r", "100000", "-n", str(requests), "--csv", "-q"],
                         capture_output=True, check=True, timeout=600).stdout.decode()
    ended = time.monotonic()
    while lag(master, replica) != 0:
        if time.monotonic() - ended > 120:
            raise RuntimeError(f"{replica.name} did not catch up:\n{replica.log_tail()}")
        time.sleep(0.005)
    catch_up_ms = (time.monotonic() - ended) * 1000
    done.set()
    sampler.join()
    rows = [r for r in csv.reader(io.StringIO(out)) if r and r[0] == "SET"]
    return {"rps": float(rows[0][1]), "max_lag": max(samples, default=0),
            "mean_lag": statistics.mean(samples) if samples else 0, "catch_up_ms": catch_up_ms}


def start(kind, launcher, workdir, tag):
    server = (servers.start_redis(workdir, tag=tag) if kind == "redis"
              else servers.start_redoubt(launcher, workdir, tag=tag))
    server.name = f"{kind}{tag}"
    # no diskless delay: each run's (re)sync starts at once, for either server
    server.cli("CONFIG", "SET", "repl-diskless-sync-delay", "0")
    return server


def pairing(role, kind, launcher, workdir, rounds, requests):
    master = start(kind if role == "master" else "redis", launcher, workdir, f"-{role}-{kind}-m")
    replica = start(kind if role == "replica" else "redis", launcher, workdir, f"-{role}-{kind}-r")
    try:
        replica.cli("REPLICAOF", "127.0.0.1", str(master.port))
        wait_linked(master, replica)
        one_run(master, replica, requests)  # warm-up, not counted: Redoubt's JIT compiles the hot paths
        runs = []
        for i in range(rounds):
            r = one_run(master, replica, requests)
            print(f"{role:7} {kind:7} round {i + 1}: {r['rps']:>10.0f} SET/s, max lag {r['max_lag']:>9} B, "
                  f"mean lag {r['mean_lag']:>11.0f} B, catch-up {r['catch_up_ms']:7.1f} ms", flush=True)
            runs.append(r)
        return {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    finally:
        replica.stop()
        master.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="one round of 20k requests: a smoke run")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--requests", type=int, default=200_000)
    p.add_argument("--build", action="store_true",
                   help="rebuild Redoubt first (servers.py looks for changes in some modules only, not replication)")
    a = p.parse_args()
    rounds, requests = (1, 20_000) if a.quick else (a.rounds, a.requests)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    launcher = servers.ensure_built(root, force=a.build)
    with tempfile.TemporaryDirectory(prefix="bench-repl-") as workdir:
        results = {}
        for role in ("master", "replica"):
            for kind in ("redis", "redoubt"):
                results[(role, kind)] = pairing(role, kind, launcher, workdir, rounds, requests)
    print()
    print("| role under test | metric | Redis | Redoubt | Redoubt/Redis |")
    print("| --- | --- | --- | --- | --- |")
    for role in ("master", "replica"):
        for metric in ("rps", "max_lag", "mean_lag", "catch_up_ms"):
            redis, redoubt = results[(role, "redis")][metric], results[(role, "redoubt")][metric]
            ratio = f"{redoubt / redis:.2f}" if redis else "-"
            print(f"| {role} | {metric} | {redis:.0f} | {redoubt:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
