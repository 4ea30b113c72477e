"""Drives the `pop3d` example (examples/pop3d.rs) with Python's poplib.

poplib lists, retrieves (compared byte for byte with the Maildir files, CRLF line ends),
tops and deletes; deleted messages must still be in the Maildir until QUIT and gone after it,
and a connection that just ends must delete nothing. Logins: USER/PASS, APOP, AUTH PLAIN and
SCRAM-SHA-256, under STLS too. Only the harness's TLS files (CA-signed `localhost`
certificate) are used, not its servers.
"""

import base64
import pathlib
import poplib
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import unittest
import uuid

import interop_env as E
from test_harness import ScramClient

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = REPO / "target" / "debug" / "examples" / "pop3d"
TIMEOUT = 10
USER = "alice"
PASSWORD = "pop3d-secret"


def setUpModule():
    """Builds the example once for every test class here."""
    build = subprocess.run(
        ["cargo", "build", "--example", "pop3d", "--all-features"],
        cwd=REPO, capture_output=True, text=True,
    )
    if build.returncode != 0:
        raise RuntimeError("cargo build failed:\n" + build.stderr[-4000:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=E.CA_CERT)
    ctx.check_hostname = True
    return ctx


def message(tag: str, n: int) -> bytes:
    """A CRLF message with dot-leading lines, a line over 1000 octets and 8-bit bytes."""
    lines = [
        b"From: Sender <sender@example.test>",
        b"To: Alice <alice@example.test>",
        b"Subject: pop3d " + tag.encode() + b" " + str(n).encode(),
        b"Message-ID: <" + tag.encode() + b"." + str(n).encode() + b"@example.test>",
        b"MIME-Version: 1.0",
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        b".A line that starts with a dot.",
        b"..Two dots.",
        b".",
        b"8-bit: gr\xc3\xbc\xc3\x9fe \xe2\x82\xac",
        b"x" * 1500,
        b"Trailing spaces:   ",
    ]
    lines += [b"body line %d" % i for i in range(20)]
    return b"\r\n".join(lines) + b"\r\n"


class Pop3dTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pop3d-")
        self.maildir = pathlib.Path(self.tmp) / "Maildir"
        for sub in ("tmp", "new", "cur"):
            (self.maildir / sub).mkdir(parents=True)
        self.tag = uuid.uuid4().hex
        # Three messages: two CRLF files, one written with LF (sent as CRLF).
        self.expected = []
        for n in range(3):
            raw = message(self.tag, n)
            name = f"{1700000000 + n}.M{n}P1.pop3d-test"
            if n == 2:
                (self.maildir / "new" / name).write_bytes(raw.replace(b"\r\n", b"\n"))
            else:
                (self.maildir / "cur" / (name + ":2,S")).write_bytes(raw)
            self.expected.append((name, raw))
        run_dir = pathlib.Path(E.ENV.get("RUN_DIR", REPO / "target" / "interop"))
        self.port = free_port()
        self.log = open(pathlib.Path(self.tmp) / "pop3d.log", "w+b")
        self.proc = subprocess.Popen(
            [
                str(BINARY),
                "--listen", f"127.0.0.1:{self.port}",
                "--maildir", str(self.maildir),
                "--user", f"{USER}:{PASSWORD}",
                "--tls-cert", str(run_dir / "tls" / "server.crt"),
                "--tls-key", str(run_dir / "tls" / "server.key"),
                "--allow-plaintext",
                "--hostname", "pop3d.example.test",
                "-v",
            ],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pop3d exited early with {self.proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT) as s:
                    if not s.recv(512).startswith(b"+OK"):
                        raise RuntimeError("bad greeting")
                    s.sendall(b"QUIT\r\n")
                    s.recv(512)
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def tearDown(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def log_text(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def connect(self) -> poplib.POP3:
        return poplib.POP3("127.0.0.1", self.port, timeout=TIMEOUT)

    def login(self) -> poplib.POP3:
        pop = self.connect()
        pop.user(USER)
        pop.pass_(PASSWORD)
        return pop

    def files(self):
        return sorted(p.name for sub in ("new", "cur") for p in (self.maildir / sub).iterdir())

    def check_messages(self, pop: poplib.POP3):
        count, size = pop.stat()
        self.assertEqual(count, 3)
        self.assertEqual(size, sum(len(raw) for _, raw in self.expected))
        listing = [tuple(int(x) for x in entry.split()) for entry in pop.list()[1]]
        self.assertEqual(listing, [(i + 1, len(raw)) for i, (_, raw) in enumerate(self.expected)])
        uids = [entry.split() for entry in pop.uidl()[1]]
        self.assertEqual(uids, [[str(i + 1).encode(), name.encode()]
                                for i, (name, _) in enumerate(self.expected)])
        for i, (_, raw) in enumerate(self.expected):
            resp, lines, octets = pop.retr(i + 1)
            self.assertEqual(resp, f"+OK {len(raw)} octets".encode())
            got = b"\r\n".join(lines) + b"\r\n"
            self.assertEqual(got, raw, f"message {i + 1} not byte-exact")
            # poplib counts the stuffed wire bytes of the lines, CRLF included.
            self.assertGreaterEqual(octets, len(raw))
        head, body = self.expected[0][1].split(b"\r\n\r\n", 1)
        top = b"\r\n".join(pop.top(1, 2)[1]) + b"\r\n"
        self.assertEqual(top, head + b"\r\n\r\n" + b"\r\n".join(body.split(b"\r\n")[:2]) + b"\r\n")

    def test_capa(self):
        pop = self.connect()
        try:
            capa = pop.capa()
            for cap in ("TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "STLS"):
                self.assertIn(cap, capa, capa)
            self.assertEqual(capa["SASL"], ["SCRAM-SHA-256", "PLAIN"])
            self.assertIn(b"<", pop.getwelcome(), "no APOP timestamp in the greeting")
        finally:
            pop.quit()

    def test_user_pass_list_retr_top_byte_exact(self):
        pop = self.login()
        try:
            self.check_messages(pop)
        finally:
            pop.quit()

    def test_wrong_password(self):
        pop = self.connect()
        pop.user(USER)
        with self.assertRaises(poplib.error_proto) as cm:
            pop.pass_("wrong")
        self.assertTrue(str(cm.exception).startswith("b'-ERR [AUTH]"), cm.exception)
        pop.user(USER)
        pop.pass_(PASSWORD)
        pop.quit()

    def test_deleted_only_after_quit(self):
        before = self.files()
        pop = self.login()
        self.assertEqual(pop.dele(1), b"+OK message 1 deleted")
        self.assertEqual(pop.dele(3), b"+OK message 3 deleted")
        with self.assertRaises(poplib.error_proto):
            pop.retr(1)
        self.assertEqual(self.files(), before, "deleted before QUIT")
        # The maildrop is locked meanwhile.
        other = self.connect()
        other.user(USER)
        with self.assertRaises(poplib.error_proto) as cm:
            other.pass_(PASSWORD)
        self.assertIn("[IN-USE]", str(cm.exception))
        other.quit()
        self.assertIn(b"(1 message left)", pop.quit())
        remaining = self.files()
        self.assertEqual(len(remaining), 1)
        self.assertTrue(remaining[0].startswith(self.expected[1][0]))
        pop = self.login()
        self.assertEqual(pop.stat(), (1, len(self.expected[1][1])))
        self.assertEqual(b"\r\n".join(pop.retr(1)[1]) + b"\r\n", self.expected[1][1])
        pop.quit()

    def test_rset_and_dropped_connection_delete_nothing(self):
        before = self.files()
        pop = self.login()
        pop.dele(1)
        pop.rset()
        pop.quit()
        self.assertEqual(self.files(), before)
        pop = self.login()
        pop.dele(1)
        pop.dele(2)
        # The client goes away without QUIT: no UPDATE.
        pop.sock.shutdown(socket.SHUT_RDWR)
        pop.file.close()
        pop.sock.close()
        deadline = time.monotonic() + 10
        while True:
            try:
                again = self.login()
                break
            except poplib.error_proto:
                # The server may not have noticed yet: the lock is still held.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.assertEqual(self.files(), before)
        self.check_messages(again)
        again.quit()

    def test_apop(self):
        pop = self.connect()
        pop.apop(USER, PASSWORD)
        self.check_messages(pop)
        pop.quit()
        pop = self.connect()
        with self.assertRaises(poplib.error_proto):
            pop.apop(USER, "wrong")
        pop.quit()

    def auth(self, pop: poplib.POP3, mech: str, step):
        """A SASL exchange (RFC 5034) over poplib's line helpers."""
        pop._putcmd("AUTH " + mech)
        while True:
            line = pop._getline()[0]
            if line.startswith(b"+OK"):
                return line
            if line.startswith(b"-ERR"):
                raise poplib.error_proto(line)
            self.assertTrue(line.startswith(b"+ ") or line == b"+", line)
            challenge = base64.b64decode(line[2:])
            pop._putline(base64.b64encode(step(challenge)))

    def test_auth_plain_and_scram(self):
        pop = self.connect()
        line = self.auth(pop, "PLAIN", lambda _c: b"\0" + USER.encode() + b"\0" + PASSWORD.encode())
        self.assertTrue(line.startswith(b"+OK"))
        self.check_messages(pop)
        pop.quit()
        pop = self.connect()
        scram = ScramClient(USER, PASSWORD, "sha256")
        self.auth(pop, "SCRAM-SHA-256", scram)
        self.assertEqual(scram.step, 3, "the server signature was never checked")
        self.check_messages(pop)
        pop.quit()
        pop = self.connect()
        with self.assertRaises(poplib.error_proto):
            self.auth(pop, "SCRAM-SHA-256", ScramClient(USER, "wrong", "sha256"))
        pop.quit()

    def test_stls(self):
        pop = self.connect()
        pop.stls(context=tls_context())
        capa = pop.capa()
        self.assertNotIn("STLS", capa)
        pop.user(USER)
        pop.pass_(PASSWORD)
        self.check_messages(pop)
        pop.quit()


if __name__ == "__main__":
    unittest.main()
