"""CPU accounting from /proc: how busy the machine is, and how much of that is not ours.

The machine is shared, so a run is only trusted when the other processes stayed quiet while it
ran. "Ours" is the two servers (read from /proc/<pid>/stat, all their threads, live and exited),
this script and its reaped children (redis-benchmark, redis-cli: os.times() counts them once
waited for). Everything else the kernel accounts as busy time in /proc/stat is "other".
All figures are in clock ticks (USER_HZ), the unit /proc uses.
"""
import os
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def machine_ticks():
    """(busy, total) ticks summed over all CPUs since boot, from the first line of /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    # user nice system idle iowait irq softirq steal; guest time is already inside user.
    total = sum(fields)
    return total - fields[3] - fields[4], total


def process_ticks(pid):
    """utime + stime of a process (all its threads) in ticks, or 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
    except FileNotFoundError:
        return 0
    # The command name may contain spaces or parentheses: fields start after the last ')'.
    rest = data[data.rindex(")") + 2:].split()
    return int(rest[11]) + int(rest[12])  # fields 14 (utime) and 15 (stime)


def own_ticks():
    """CPU of this script plus its reaped children (redis-benchmark, redis-cli), in ticks."""
    t = os.times()
    return round((t.user + t.system + t.children_user + t.children_system) * CLK_TCK)


def rss_kib(pid):
    """Resident set size (VmRSS) of a process in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


class Snapshot:
    """One reading of the machine's, the servers' and our own CPU counters."""

    def __init__(self, server_pids):
        self.busy, self.total = machine_ticks()
        self.servers = {pid: process_ticks(pid) for pid in server_pids}
        self.own = own_ticks()
        self.wall = time.monotonic()

    def other_fraction(self, later):
        """Share of the whole machine (0..1) used by other processes between self and later."""
        total = later.total - self.total
        if total <= 0:
            return 0.0
        ours = sum(later.servers[p] - self.servers[p] for p in self.servers) + later.own - self.own
        return max(0, (later.busy - self.busy) - ours) / total

    def server_ticks(self, later, pid):
        return later.servers[pid] - self.servers[pid]


def wait_until_quiet(server_pids, threshold, quiet_seconds, max_wait, step=0.5):
    """Waits until other processes used less than threshold (0..1) of the machine for
    quiet_seconds in a row, or max_wait passed. Returns (seconds waited, whether it got quiet)."""
    start = time.monotonic()
    quiet_since = None
    prev = Snapshot(server_pids)
    while True:
        time.sleep(step)
        now = Snapshot(server_pids)
        if prev.other_fraction(now) < threshold:
            quiet_since = quiet_since if quiet_since is not None else prev.wall
            if now.wall - quiet_since >= quiet_seconds:
                return now.wall - start, True
        else:
            quiet_since = None
        if now.wall - start >= max_wait:
            return now.wall - start, False
        prev = now
