"""Bulk loading through `redis-cli --pipe`: commands encoded as RESP arrays, streamed to stdin."""
import re
import subprocess


def command(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


def pipe(server, commands, chunk=4 << 20):
    """Sends every command to server with redis-cli --pipe; returns the number of replies.
    Raises when a reply was an error or a reply is missing."""
    proc = subprocess.Popen(["redis-cli", "-h", "127.0.0.1", "-p", str(server.port), *server.client_args, "--pipe"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sent = 0
    buf = []
    size = 0
    for c in commands:
        buf.append(c)
        size += len(c)
        sent += 1
        if size >= chunk:
            proc.stdin.write(b"".join(buf))
            buf, size = [], 0
    proc.stdin.write(b"".join(buf))
    proc.stdin.close()
    output = proc.stdout.read().decode(errors="replace")
    proc.wait()
    m = re.search(r"errors: (\d+), replies: (\d+)", output)
    if proc.returncode != 0 or not m or int(m.group(1)) or int(m.group(2)) != sent:
        raise RuntimeError(f"redis-cli --pipe to {server.name} failed: {output.strip()[-300:]}")
    return sent
