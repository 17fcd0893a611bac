"""Resident memory per key: how much VmRSS grows when a data set is loaded into a fresh server.

Each data set goes into freshly started servers (a server that already ran the throughput
workloads keeps its grown heap or allocator arenas, which would hide the growth). For the JVM,
RSS counts heap pages touched so far, including garbage not yet collected and free heap G1
has not given back; no GC is forced: RSS is what the machine pays, so that is what is reported.
"""
import subprocess
import time

import machine
import resp
import servers

VALUE = 16  # bytes per string value, hash field value and sorted-set member


def strings(count):
    return (resp.command(b"SET", b"key:%08d" % i, b"v%015d" % i) for i in range(count))


def collections(count, cmd, prefix, pair):
    """count commands cmd prefix:<i> with 10 (pair(j, n)) argument pairs each."""
    def one(i):
        args = [cmd, prefix + b":%06d" % i]
        for j in range(10):
            args += pair(j, i * 10 + j)
        return resp.command(*args)
    return (one(i) for i in range(count))


def hashes(count):
    return collections(count, b"HSET", b"hash", lambda j, n: (b"field:%d" % j, b"v%015d" % n))


def zsets(count):
    return collections(count, b"ZADD", b"zset", lambda j, n: (b"%d" % j, b"m%015d" % n))


def lists(count):
    return collections(count, b"RPUSH", b"list", lambda j, n: (b"v%015d" % n,))


def sets(count):
    return collections(count, b"SADD", b"set", lambda j, n: (b"s%015d" % n,))


def streams(count):
    """count streams of 10 entries, each one field with a 16-byte value (10 XADDs per key)."""
    return (resp.command(b"XADD", b"stream:%06d" % i, b"*", b"field", b"v%015d" % (i * 10 + j))
            for i in range(count) for j in range(10))


BIG_LIST_ELEMENTS = 1_000_000
BIG_LIST_BATCH = 100


def biglist(count):
    """count lists of BIG_LIST_ELEMENTS 16-byte elements, pushed BIG_LIST_BATCH per RPUSH."""
    def one(i, batch):
        first = batch * BIG_LIST_BATCH
        return resp.command(b"RPUSH", b"biglist:%d" % i,
                            *(b"v%015d" % n for n in range(first, first + BIG_LIST_BATCH)))
    return (one(i, b) for i in range(count) for b in range(BIG_LIST_ELEMENTS // BIG_LIST_BATCH))


def elements_per_key(name):
    """Elements one key of data set name holds, to print bytes per element."""
    return {"strings": 1, "lists": 10, "hashes": 10, "zsets": 10, "sets": 10, "streams": 10,
            "biglist": BIG_LIST_ELEMENTS}[name]


def datasets(scale):
    n = lambda base: max(1000, int(base * scale))
    return [
        ("strings", f"{n(1_000_000):,} keys with 16-byte values", strings, n(1_000_000)),
        ("hashes", f"{n(100_000):,} hashes of 10 fields (16-byte values)", hashes, n(100_000)),
        ("zsets", f"{n(100_000):,} sorted sets of 10 members (16 bytes)", zsets, n(100_000)),
        ("lists", f"{n(100_000):,} lists of 10 elements (16 bytes)", lists, n(100_000)),
        ("sets", f"{n(100_000):,} sets of 10 members (16 bytes)", sets, n(100_000)),
        ("streams", f"{n(100_000):,} streams of 10 entries (one 16-byte field)", streams, n(100_000)),
        ("biglist", f"one list of {BIG_LIST_ELEMENTS:,} elements (16 bytes)", biglist, 1),
    ]


def load(server, generate, count):
    """Loads count keys through redis-cli --pipe; returns the resident memory (KiB) before and after."""
    time.sleep(1)
    before = machine.rss_kib(server.pid)
    resp.pipe(server, generate(count))
    time.sleep(1)
    after = machine.rss_kib(server.pid)
    keys = int(server.cli("DBSIZE").strip())
    if keys != count:
        raise RuntimeError(f"{server.name} holds {keys} keys after loading {count}")
    return before, after


def measure(launcher, workdir, scale, java_opts, log=print):
    """Returns one dict per data set and server: rss before/after in KiB and bytes per key."""
    results = []
    for name, label, generate, count in datasets(scale):
        for start in (lambda t: servers.start_redis(workdir, t),
                      lambda t: servers.start_redoubt(launcher, workdir, java_opts, t)):
            try:
                server = start(f"-mem-{name}")
            except (RuntimeError, OSError) as e:
                log(f"  memory {name}: could not start a server: {e}")
                continue
            try:
                before, after = load(server, generate, count)
                row = {"dataset": name, "label": label, "server": server.name, "keys": count,
                       "rss_before_kib": before, "rss_after_kib": after,
                       "bytes_per_key": (after - before) * 1024 / count}
                log(f"  memory {name:8} {server.name:8} RSS {before / 1024:7.1f} -> "
                    f"{after / 1024:7.1f} MiB, {row['bytes_per_key']:7.1f} B/key")
                results.append(row)
            except (RuntimeError, subprocess.SubprocessError) as e:
                log(f"  memory {name} {server.name}: FAILED {e}")
            finally:
                server.stop()
    return results
