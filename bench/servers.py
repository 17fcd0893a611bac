"""Starting, talking to and stopping the two servers under test, and building Redoubt.

Both servers get the same settings: loopback only, a free port, no persistence (no RDB
snapshots, no AOF), no password, no maxmemory, their own scratch directory.
"""
import os
import signal
import socket
import subprocess
import time

REDIS_SERVER = "/usr/bin/redis-server"
JAVA_SEEN = {}  # the java binary Redoubt's launcher picked, read from /proc once it runs
DIST = os.path.join("node", "target", "redoubt")
MODULES = ("resp", "engine", "security", "dataplane", "node")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def newest_source_mtime(root):
    newest = 0.0
    for module in MODULES:
        for base, _, files in os.walk(os.path.join(root, module, "src", "main")):
            for name in files:
                newest = max(newest, os.path.getmtime(os.path.join(base, name)))
    for module in MODULES + ("",):
        pom = os.path.join(root, module, "pom.xml")
        if os.path.exists(pom):
            newest = max(newest, os.path.getmtime(pom))
    return newest


def ensure_built(root, force=False, log=print):
    """Builds the distribution when it is missing or older than the sources. Tests are not
    compiled (maven.test.skip): the benchmark needs the server only, and it is quicker."""
    launcher = os.path.join(root, DIST, "bin", "redoubt-server")
    lib = os.path.join(root, DIST, "lib")
    # Only our own jars: the dependencies keep the dates they were published with.
    jars = ([os.path.join(lib, j) for j in os.listdir(lib) if j.startswith("redoubt-")]
            if os.path.isdir(lib) else [])
    # Maven leaves an up-to-date jar untouched, so a build of unchanged code may not refresh the
    # jars' dates: a stamp written after our own build counts as well.
    stamp = os.path.join(root, DIST, ".bench-built")
    built = max(min((os.path.getmtime(j) for j in jars), default=0.0),
                os.path.getmtime(stamp) if os.path.exists(stamp) and jars else 0.0)
    if not force and os.access(launcher, os.X_OK) and built >= newest_source_mtime(root):
        return launcher
    log("building Redoubt: mvn -q -B -Dmaven.test.skip=true package -pl node -am")
    subprocess.run(["mvn", "-q", "-B", "-Dmaven.test.skip=true", "package", "-pl", "node", "-am"],
                   cwd=root, check=True)
    with open(stamp, "w"):
        pass
    return launcher


def make_tls_files(workdir):
    """A CA and a server certificate for localhost made with openssl, shared by both servers (--tls).
    Returns the paths as a dict: ca, cert, key."""
    d = os.path.join(workdir, "tls")
    os.makedirs(d, exist_ok=True)
    f = {n: os.path.join(d, n) for n in ("ca.crt", "ca.key", "server.crt", "server.key", "server.csr", "ext")}
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    run = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True)
    run("req", "-x509", *ec, "-keyout", f["ca.key"], "-out", f["ca.crt"], "-days", "2", "-subj", "/CN=bench CA")
    run("req", *ec, "-keyout", f["server.key"], "-out", f["server.csr"], "-subj", "/CN=localhost")
    with open(f["ext"], "w") as e:
        e.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", f["server.csr"], "-CA", f["ca.crt"], "-CAkey", f["ca.key"], "-CAcreateserial",
        "-days", "2", "-extfile", f["ext"], "-out", f["server.crt"])
    return {"ca": f["ca.crt"], "cert": f["server.crt"], "key": f["server.key"]}


def tls_server_args(port, tls):
    """The same TLS settings for Redis and Redoubt: TLS only (port 0), no client certificates."""
    return ["--port", "0", "--tls-port", str(port), "--tls-cert-file", tls["cert"], "--tls-key-file", tls["key"],
            "--tls-ca-cert-file", tls["ca"], "--tls-auth-clients", "no"]


class Server:
    """One server process on a loopback port; pid is the process itself (the launcher execs java).
    With TLS, port is the TLS port and client_args holds what redis-cli and redis-benchmark need."""

    def __init__(self, name, argv, port, workdir, env=None, client_args=()):
        self.name = name
        self.port = port
        self.client_args = list(client_args)
        self.log_path = os.path.join(workdir, f"{name}.log")
        with open(self.log_path, "wb") as log:
            # Own session: a Ctrl-C in the terminal reaches this script, which stops the servers.
            self.proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=workdir,
                                         env=env, start_new_session=True)
        self.pid = self.proc.pid
        self._wait_ready()

    def _wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if self.cli("PING").strip() == "PONG":
                    return
            except subprocess.SubprocessError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer PING within {timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines=20):
        with open(self.log_path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])

    def cli(self, *args, stdin=None):
        out = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), *self.client_args, *args],
                             input=stdin, capture_output=True, timeout=600, check=True)
        return out.stdout.decode()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# None: no persistence on either server; "always", "everysec" or "no": both run appendonly yes
# with that appendfsync (run.py --appendfsync), so the ratio includes the cost of the AOF.
APPENDFSYNC = {"policy": None}


def common_args(port, workdir):
    policy = APPENDFSYNC["policy"]
    aof = ["--appendonly", "no"] if policy is None else ["--appendonly", "yes", "--appendfsync", policy]
    return ["--port", str(port), "--bind", "127.0.0.1", "--save", "", *aof, "--dir", workdir]


def start_redis(workdir, tag="", tls=None):
    port = free_port()
    d = os.path.join(workdir, f"redis{tag}")
    os.makedirs(d, exist_ok=True)
    extra = tls_server_args(port, tls) if tls else []
    return Server("redis", [REDIS_SERVER, *common_args(port, d), *extra, "--daemonize", "no"], port, d,
                  client_args=["--tls", "--cacert", tls["ca"]] if tls else ())


def start_redoubt(launcher, workdir, java_opts=None, tag="", tls=None):
    port = free_port()
    d = os.path.join(workdir, f"redoubt{tag}")
    os.makedirs(d, exist_ok=True)
    env = dict(os.environ)
    if java_opts:
        env["REDOUBT_JAVA_OPTS"] = java_opts
    extra = tls_server_args(port, tls) + ["--tls-provider", tls.get("provider", "jdk")] if tls else []
    # Redis as the benchmark starts it has no password: say so explicitly, or Redoubt's secure first
    # start would give the default user a generated one
    open_default_user = ["--user", "default", "on", "nopass", "~*", "&*", "+@all"]
    server = Server("redoubt", [launcher, *common_args(port, d), *extra, *open_default_user], port, d, env=env,
                    client_args=["--tls", "--cacert", tls["ca"]] if tls else ())
    JAVA_SEEN["java"] = os.path.dirname(os.path.dirname(os.readlink(f"/proc/{server.pid}/exe")))
    return server
