"""Turns the runs into medians, Redoubt/Redis ratios, the Markdown report and the summary line."""
import math
import statistics

FIGURES = [  # key in a run, column title, whether a higher Redoubt/Redis ratio is better
    ("rps", "throughput", True),
    ("cpu_us_per_op", "CPU/op", False),
    ("p50_ms", "p50", False),
    ("p99_ms", "p99", False),
]
TARGET_WORKLOADS = ("SET", "GET", "INCR", "LPUSH", "HSET", "ZADD")


def kept(run, max_other):
    return run["error"] is None and run["other_cpu"] <= max_other


def configs(runs):
    seen = []
    for r in runs:
        c = (r["workload"], r["pipeline"], r["size"])
        if c not in seen:
            seen.append(c)
    return seen


def stats(runs, max_other):
    """{(workload, pipeline, size, server): {figure: (median, min, max), 'kept': n, 'all': n}}"""
    out = {}
    for c in configs(runs):
        for server in ("redis", "redoubt"):
            mine = [r for r in runs if (r["workload"], r["pipeline"], r["size"]) == c
                    and r["server"] == server]
            good = [r for r in mine if kept(r, max_other)]
            s = {"kept": len(good), "all": len(mine)}
            for key, _, _ in FIGURES:
                values = [r[key] for r in good if r[key] is not None]
                s[key] = (statistics.median(values), min(values), max(values)) if values else None
            out[c + (server,)] = s
    return out


def ratios(st, runs):
    """{config: {figure: Redoubt median / Redis median or None}}"""
    out = {}
    for c in configs(runs):
        a, b = st[c + ("redis",)], st[c + ("redoubt",)]
        out[c] = {k: (b[k][0] / a[k][0] if a[k] and b[k] and a[k][0] > 0 else None)
                  for k, _, _ in FIGURES}
    return out


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def targets(rat, memory):
    """The issue's targets: (figure, target text, geomean, worst, met) rows."""
    rows = []

    def add(name, values, higher_better):
        values = [v for v in values if v]
        if not values:
            return
        g = geomean(values)
        worst = min(values) if higher_better else max(values)
        met = worst >= 1 if higher_better else worst <= 1
        rows.append((name, "≥ 1.0" if higher_better else "≤ 1.0", g, worst, met))

    add("throughput at -P 16 on " + ", ".join(TARGET_WORKLOADS),
        [r["rps"] for c, r in rat.items() if c[1] > 1 and c[0] in TARGET_WORKLOADS], True)
    add("server CPU per op at -P 1", [r["cpu_us_per_op"] for c, r in rat.items() if c[1] == 1], False)
    add("p99 latency at -P 1 and -P 16", [r["p99_ms"] for r in rat.values()], False)
    by = {(m["dataset"], m["server"]): m for m in memory}
    if ("strings", "redis") in by and ("strings", "redoubt") in by:
        add("resident memory per key (small strings)",
            [by["strings", "redoubt"]["bytes_per_key"] / by["strings", "redis"]["bytes_per_key"]],
            False)
    return rows


def fmt(v, digits=2):
    return "–" if v is None else f"{v:.{digits}f}"


def fmt_range(t, digits):
    return "–" if t is None else f"{t[0]:.{digits}f} [{t[1]:.{digits}f}–{t[2]:.{digits}f}]"


def size_label(size):
    return f"{size // 1024} KiB" if size >= 1024 and size % 1024 == 0 else f"{size} B"


def markdown(meta, runs, memory, max_other):
    st = stats(runs, max_other)
    rat = ratios(st, runs)
    lines = [f"# Redoubt vs Redis: {meta['date']} at {meta['commit']}", ""]
    if meta.get("warning"):
        lines += [f"> **{meta['warning']}**", ""]
    lines += [
        f"Machine: {meta['machine']}. Redis: {meta['redis']}. Redoubt JVM: {meta['java']}.",
        f"Settings: {meta['settings']}.",
        f"Runs: {len(runs)}; discarded because other processes used more than "
        f"{max_other * 100:.0f}% of the machine: {sum(1 for r in runs if r['error'] is None and r['other_cpu'] > max_other)}; "
        f"failed: {sum(1 for r in runs if r['error'])}.",
        "",
        "Ratios are Redoubt / Redis of the medians of the kept runs: throughput ≥ 1 is good, "
        "CPU per operation, latency and memory ≤ 1 are good.",
        "",
    ]
    tg = targets(rat, memory)
    if tg:
        lines += ["## Targets (issue 4)", "", "| figure | target | geometric mean | worst | met |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| {n} | {t} | {fmt(g)} | {fmt(w)} | {'yes' if m else 'no'} |" for n, t, g, w, m in tg]
        lines.append("")
    if rat:
        lines += ["## Ratios, Redoubt / Redis", "",
                  "| workload | -P | -d | throughput | CPU/op | p50 | p99 | runs kept (Redis, Redoubt) |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for c, r in rat.items():
            a, b = st[c + ("redis",)], st[c + ("redoubt",)]
            lines.append(f"| {c[0]} | {c[1]} | {size_label(c[2])} | {fmt(r['rps'])} | "
                         f"{fmt(r['cpu_us_per_op'])} | {fmt(r['p50_ms'])} | {fmt(r['p99_ms'])} | "
                         f"{a['kept']}/{a['all']}, {b['kept']}/{b['all']} |")
        lines += ["", "## Measured values: median [min–max] of the kept runs", "",
                  "| workload | -P | -d | server | requests/s | p50 ms | p99 ms | server CPU µs/op |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for c in rat:
            for server in ("redis", "redoubt"):
                s = st[c + (server,)]
                lines.append(f"| {c[0]} | {c[1]} | {size_label(c[2])} | {server} | "
                             f"{fmt_range(s['rps'], 0)} | {fmt_range(s['p50_ms'], 3)} | "
                             f"{fmt_range(s['p99_ms'], 3)} | {fmt_range(s['cpu_us_per_op'], 2)} |")
        lines.append("")
    if memory:
        lines += ["## Resident memory", "",
                  "| data set | Redis bytes/key | Redoubt bytes/key | ratio | Redis RSS before → after MiB | "
                  "Redoubt RSS before → after MiB |", "| --- | --- | --- | --- | --- | --- |"]
        by = {(m["dataset"], m["server"]): m for m in memory}
        for name in dict.fromkeys(m["dataset"] for m in memory):
            a, b = by.get((name, "redis")), by.get((name, "redoubt"))
            if not a or not b:
                continue
            lines.append(f"| {a['label']} | {a['bytes_per_key']:.1f} | {b['bytes_per_key']:.1f} | "
                         f"{fmt(b['bytes_per_key'] / a['bytes_per_key'] if a['bytes_per_key'] > 0 else None)} | "
                         f"{a['rss_before_kib'] / 1024:.1f} → {a['rss_after_kib'] / 1024:.1f} | "
                         f"{b['rss_before_kib'] / 1024:.1f} → {b['rss_after_kib'] / 1024:.1f} |")
        lines += ["", "Bytes per key = VmRSS growth / keys, each data set loaded into freshly started "
                  "servers. Redoubt's RSS includes heap pages the JVM has touched: garbage not yet "
                  "collected and free heap not returned to the OS count (no GC is forced).", ""]
    lines += ["## Method", "", meta["method"], ""]
    return "\n".join(lines), st, rat, tg


def summary_line(runs, rat, tg, memory, max_other, path):
    kept_n = sum(1 for r in runs if kept(r, max_other))
    parts = []
    for name, target, g, worst, _ in tg:
        short = ("throughput -P16" if name.startswith("throughput") else
                 "CPU/op -P1" if name.startswith("server CPU") else
                 "p99" if name.startswith("p99") else "memory/key")
        parts.append(f"{short} {fmt(g)} (worst {fmt(worst)}, target {target.replace(' ', '')})")
    return (f"Redoubt/Redis: {'; '.join(parts) or 'no figures'}; "
            f"runs kept {kept_n}/{len(runs)}; report {path}")
