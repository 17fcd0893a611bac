"""Checks of the benchmark's own arithmetic and output, without servers: python3 bench/test_bench.py"""
import os
import struct
import sys
import tempfile
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import chart  # noqa: E402
import machine  # noqa: E402
import report  # noqa: E402
import resp  # noqa: E402
import workloads  # noqa: E402

CSV = '''"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
"LPUSH (needed to benchmark LRANGE)","259740.27","1.943","0.392","1.407","4.927","5.311","6.055"
"LRANGE_100 (first 100 elements)","54347.82","10.699","0.960","6.231","36.511","47.999","59.999"
'''


def run(server, workload, rps, cpu, p99, other=0.0, error=None, pipeline=16):
    return {"server": server, "workload": workload, "pipeline": pipeline, "size": 3, "rps": rps,
            "cpu_us_per_op": cpu, "p50_ms": p99 / 2, "p99_ms": p99, "other_cpu": other, "error": error}


class Fake(machine.Snapshot):
    def __init__(self, busy, total, servers, own):
        self.busy, self.total, self.servers, self.own, self.wall = busy, total, servers, own, 0


class BenchTest(unittest.TestCase):
    def test_csv_takes_the_measured_row_not_the_preload(self):
        row = workloads.parse_csv(CSV)
        self.assertEqual(row["rps"], 54347.82)
        self.assertEqual(row["p99_latency_ms"], 47.999)

    def test_csv_without_results_is_an_error(self):
        with self.assertRaises(ValueError):
            workloads.parse_csv("Could not connect to Redis at 127.0.0.1:1: Connection refused\n")

    def test_other_cpu_is_busy_time_minus_ours(self):
        before = Fake(1000, 5000, {1: 100, 2: 50}, 10)
        after = Fake(1300, 5400, {1: 250, 2: 60}, 50)  # busy +300, ours +150 +10 +40 = 200
        self.assertAlmostEqual(before.other_fraction(after), 100 / 400)
        self.assertEqual(before.server_ticks(after, 1), 150)

    def test_other_cpu_never_negative(self):
        before = Fake(1000, 5000, {1: 100}, 0)
        after = Fake(1100, 5400, {1: 230}, 0)  # tick sampling can make ours exceed busy
        self.assertEqual(before.other_fraction(after), 0.0)

    def test_ratios_use_medians_of_kept_runs_only(self):
        runs = [run("redis", "SET", 100, 2.0, 1.0), run("redis", "SET", 120, 2.0, 1.0),
                run("redis", "SET", 110, 2.0, 1.0),
                run("redoubt", "SET", 55, 4.0, 3.0), run("redoubt", "SET", 1000, 0.1, 0.1, other=0.5),
                run("redoubt", "SET", None, 0, 0, error="redis-benchmark exited 1")]
        st = report.stats(runs, 0.05)
        rat = report.ratios(st, runs)[("SET", 16, 3)]
        self.assertAlmostEqual(rat["rps"], 55 / 110)
        self.assertAlmostEqual(rat["cpu_us_per_op"], 2.0)
        self.assertEqual(st[("SET", 16, 3, "redoubt")]["kept"], 1)
        text, _, rat_all, tg = report.markdown(
            {"date": "d", "commit": "c", "machine": "m", "redis": "r", "java": "j", "settings": "s",
             "method": "x"}, runs, [], 0.05)
        self.assertIn("discarded because other processes used more than 5% of the machine: 1", text)
        self.assertIn("failed: 1", text)
        self.assertFalse(tg[0][4])  # throughput target not met at 0.5

    def test_resp_encoding(self):
        self.assertEqual(resp.command(b"SET", b"k", b""), b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n")

    def test_chart_is_a_valid_png(self):
        rat = {("SET", 16, 3): {"rps": 0.5, "cpu_us_per_op": 9.0, "p50_ms": None, "p99_ms": 1.0}}
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "c.png")
            chart.write(path, rat, [{"dataset": "strings", "server": "redis", "bytes_per_key": 80},
                                    {"dataset": "strings", "server": "redoubt", "bytes_per_key": 120}],
                        "TITLE")
            data = open(path, "rb").read()
        self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
        pos, chunks = 8, {}
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
            self.assertEqual(crc, zlib.crc32(kind + body) & 0xFFFFFFFF)
            chunks[kind] = body
            pos += 12 + length
        width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
        self.assertEqual(len(zlib.decompress(chunks[b"IDAT"])), height * (1 + width * 3))
        self.assertIn(b"IEND", chunks)

    def test_requests_shrink_for_growing_lists_at_large_values(self):
        lpop = workloads.BY_NAME["LPOP"]
        self.assertEqual(workloads.requests_for(lpop, 16, 3, 100000, 1000000), 1000000)
        self.assertEqual(workloads.requests_for(lpop, 16, 1024, 100000, 1000000), 250000)


if __name__ == "__main__":
    unittest.main()
