#!/usr/bin/env python3
"""Regenerates engine/src/test/resources/io/redoubt/engine/keys/command-info-7.0.15.tsv from a live
Redis 7.0.15: the fixture is Redis's own COMMAND INFO and COMMAND DOCS, never written by hand.

    redis-server --port 7399 --save '' --appendonly no --daemonize yes
    engine/src/test/scripts/command-info-7.0.15.py 7399 > \
        engine/src/test/resources/io/redoubt/engine/keys/command-info-7.0.15.tsv

The command names are the first column of the current file (the keys families' commands)."""
import os
import socket
import sys

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "redoubt", "engine", "keys",
                       "command-info-7.0.15.tsv")


class Resp:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.buf = self.sock.makefile("rb")

    def call(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a.encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.sock.sendall(out)
        return self.read()

    def read(self):
        line = self.buf.readline()[:-2]
        kind, rest = line[:1], line[1:]
        if kind in (b"+", b"-"):
            return rest.decode()
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.buf.read(n + 2)[:-2]
            return data.decode()
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise ValueError("unexpected reply " + repr(line))


def pairs(flat):
    return dict(zip(flat[0::2], flat[1::2]))


def key_spec(spec):
    spec = pairs(spec)
    flags = ",".join(sorted(f.lower() for f in spec["flags"]))
    begin = pairs(spec["begin_search"])
    bspec = pairs(begin["spec"])
    index = bspec.get("index", bspec.get("startfrom", 0))
    find = pairs(spec["find_keys"])
    fspec = pairs(find["spec"])
    if find["type"] == "range":
        rest = (fspec["lastkey"], fspec["keystep"], fspec["limit"])
    elif find["type"] == "keynum":
        rest = (fspec["keynumidx"], fspec["keystep"], fspec["firstkey"])
    else:  # unknown
        rest = (0, 0, 0)
    return "%s@%d:%d,%d,%d" % ((flags, index) + rest)


def main():
    client = Resp(int(sys.argv[1]))
    header, names = [], []
    with open(FIXTURE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                header.append(line.rstrip("\n"))
            elif line.strip():
                names.append(line.split("\t", 1)[0])
    for h in header:
        print(h)
    for name in names:
        info = client.call("COMMAND", "INFO", name)[0]
        docs = pairs(client.call("COMMAND", "DOCS", name))[name]
        docs = pairs(docs)
        print("\t".join([
            info[0], str(info[1]), ",".join(sorted(info[2])), "%d,%d,%d" % (info[3], info[4], info[5]),
            ",".join(sorted(info[6])), ",".join(info[7]), ";".join(key_spec(s) for s in info[8]),
            docs.get("summary", ""), docs.get("since", ""), docs.get("group", ""), docs.get("complexity", ""),
        ]))


if __name__ == "__main__":
    main()
