"""The ratio chart as a PNG, drawn and encoded with the standard library only (zlib).

One row per workload configuration, one panel per figure; each bar starts at 1.0 (parity) on a
log scale from 1/4 to 4 and is green when Redoubt is better than Redis, red when worse.
"""
import math
import struct
import zlib

import font
import report

WHITE, BLACK, GREY, LIGHT = (255, 255, 255), (0, 0, 0), (150, 150, 150), (235, 235, 235)
GOOD, BAD = (60, 160, 80), (210, 70, 60)
ROW, LABEL_W, PANEL_W, GAP = 14, 150, 210, 34
LOW, HIGH = 0.25, 4.0


class Canvas:
    def __init__(self, width, height):
        self.w, self.h = width, height
        self.px = bytearray(WHITE * (width * height))

    def rect(self, x0, y0, x1, y1, color):
        x0, x1 = max(0, min(x0, x1)), min(self.w, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.h, max(y0, y1))
        row = bytes(color) * (x1 - x0)
        for y in range(y0, y1):
            i = (y * self.w + x0) * 3
            self.px[i:i + len(row)] = row

    def text(self, x, y, s, color=BLACK, scale=1):
        for ch in s:
            for gy, line in enumerate(font.glyph(ch)):
                for gx, on in enumerate(line):
                    if on:
                        self.rect(x + gx * scale, y + gy * scale, x + (gx + 1) * scale,
                                  y + (gy + 1) * scale, color)
            x += font.ADVANCE * scale

    def png(self):
        raw = b"".join(b"\x00" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3]) for y in range(self.h))

        def chunk(kind, data):
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def x_of(ratio, x0):
    r = min(HIGH, max(LOW, ratio))
    return x0 + round((math.log(r) - math.log(LOW)) / (math.log(HIGH) - math.log(LOW)) * (PANEL_W - 1))


def panel_axis(c, x0, y0, y1, title):
    c.text(x0, y0 - 2 * ROW, title)
    for tick in (0.25, 0.5, 1, 2, 4):
        x = x_of(tick, x0)
        c.rect(x, y0, x + 1, y1, BLACK if tick == 1 else LIGHT)
        label = f"{tick:g}"
        c.text(x - len(label) * 3, y0 - ROW + 3, label, GREY)


def bar(c, x0, y, ratio, higher_better):
    if ratio is None:
        c.text(x0 + 4, y + 3, "N/A", GREY)
        return
    one, tip = x_of(1, x0), x_of(ratio, x0)
    good = ratio >= 1 if higher_better else ratio <= 1
    c.rect(min(one, tip), y + 3, max(one, tip) + 1, y + ROW - 3, GOOD if good else BAD)
    label = f"{ratio:.2f}"
    width = len(label) * font.ADVANCE
    if tip >= one:
        # Beyond the bar's tip when it fits, else on the free side of the 1.0 line.
        tx = tip + 4 if tip + 4 + width <= x0 + PANEL_W else one - 4 - width
    else:
        tx = tip - 4 - width if tip - 4 - width >= x0 else one + 4
    c.text(tx, y + 4, label)


def write(path, rat, memory, title):
    configs = list(rat)
    mem = {}
    for m in memory:
        mem.setdefault(m["dataset"], {})[m["server"]] = m["bytes_per_key"]
    mem_rows = [(k, v["redoubt"] / v["redis"] if v.get("redis", 0) > 0 and "redoubt" in v else None)
                for k, v in mem.items()]
    top = 60
    body = max(len(configs), 1) * ROW
    mem_top = top + body + 3 * ROW
    height = mem_top + max(len(mem_rows), 1) * ROW + 2 * ROW
    width = LABEL_W + len(report.FIGURES) * (PANEL_W + GAP) + GAP
    c = Canvas(width, height)
    c.text(GAP, 8, title, BLACK, 2)
    for i, (_, name, higher) in enumerate(report.FIGURES):
        x0 = LABEL_W + i * (PANEL_W + GAP)
        panel_axis(c, x0, top, top + body, f"{name.upper()} ({'HIGHER' if higher else 'LOWER'} IS BETTER)")
        for j, cfg in enumerate(configs):
            bar(c, x0, top + j * ROW, rat[cfg][report.FIGURES[i][0]], higher)
    for j, (w, p, size) in enumerate(configs):
        if j % 2:
            c.rect(0, top + j * ROW, LABEL_W - 4, top + (j + 1) * ROW, LIGHT)
        c.text(4, top + j * ROW + 4, f"{w} -P{p} {report.size_label(size).replace(' ', '')}")
    if mem_rows:
        panel_axis(c, LABEL_W, mem_top, mem_top + len(mem_rows) * ROW, "MEMORY PER KEY (LOWER IS BETTER)")
        for j, (name, ratio) in enumerate(mem_rows):
            c.text(4, mem_top + j * ROW + 4, name)
            bar(c, LABEL_W, mem_top + j * ROW, ratio, False)
    with open(path, "wb") as f:
        f.write(c.png())
