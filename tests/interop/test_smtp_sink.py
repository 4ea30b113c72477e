"""Drives the `smtp-sink` example (examples/smtp-sink.rs) with real clients.

Python's smtplib and swaks talk to the sink; the test then reads the Maildir the sink wrote
and checks that each message arrived byte for byte behind the Return-Path and Received fields.
Only the harness's TLS files (CA-signed `localhost` certificate) are used, not its servers.
"""

import pathlib
import shutil
import signal
import smtplib
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
BINARY = REPO / "target" / "debug" / "examples" / "smtp-sink"
TIMEOUT = 10
USER = "mailtest"
PASSWORD = "secret"
MAX_SIZE = 64 * 1024


def setUpModule():
    """Builds the example once for every test class here."""
    build = subprocess.run(
        ["cargo", "build", "--example", "smtp-sink", "--all-features"],
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


def start_sink(maildir: pathlib.Path, log, *extra: str, port: int = 0):
    """Starts the sink on `port` (a free one when 0); returns (process, port) once it answers."""
    run_dir = pathlib.Path(E.ENV.get("RUN_DIR", REPO / "target" / "interop"))
    port = port or free_port()
    proc = subprocess.Popen(
        [
            str(BINARY),
            "--listen", f"127.0.0.1:{port}",
            "--maildir", str(maildir),
            "--user", f"{USER}:{PASSWORD}",
            "--max-size", str(MAX_SIZE),
            "--tls-cert", str(run_dir / "tls" / "server.crt"),
            "--tls-key", str(run_dir / "tls" / "server.key"),
            "--hostname", "sink.example.test",
            *extra,
        ],
        stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"smtp-sink exited early with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
                greeting = sock.recv(512)
                if not greeting.startswith(b"220 "):
                    raise RuntimeError(f"bad greeting {greeting!r}")
                sock.sendall(b"QUIT\r\n")
                sock.recv(512)
            return proc, port
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.1)


class Wire:
    """A raw client: send bytes, read whole replies (RFC 5321 §4.2 multi-line form)."""

    def __init__(self, port: int):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.file = self.sock.makefile("rb")

    def reply(self):
        lines = []
        while True:
            line = self.file.readline()
            if not line:
                raise ConnectionError("connection closed")
            lines.append(line)
            if line[3:4] != b"-":
                return int(line[:3]), b"".join(lines)

    def send(self, data: bytes):
        self.sock.sendall(data)

    def close(self):
        self.file.close()
        self.sock.close()


def message(tag: str, extra: bytes = b"") -> bytes:
    """A CRLF message with dot-leading lines and 8-bit bytes."""
    lines = [
        b"From: Sender <sender@example.test>",
        b"To: Rcpt <rcpt@example.test>",
        b"Subject: smtp-sink " + tag.encode(),
        b"Message-ID: <" + tag.encode() + b"@example.test>",
        b"MIME-Version: 1.0",
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        b".A line that starts with a dot.",
        b"..Two dots.",
        b".",
        b"8-bit: gr\xc3\xbc\xc3\x9fe \xe2\x82\xac \xff\xfe",
        b"Trailing spaces:   ",
        b"Last line.",
    ]
    return b"\r\n".join(lines) + b"\r\n" + extra


class SmtpSinkTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="smtp-sink-")
        cls.maildir = pathlib.Path(cls.tmp) / "Maildir"
        cls.log = open(pathlib.Path(cls.tmp) / "sink.log", "w+b")
        cls.proc, cls.port = start_sink(cls.maildir, cls.log)

    @classmethod
    def tearDownClass(cls):
        cls.proc.send_signal(signal.SIGTERM)
        try:
            code = cls.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            cls.proc.kill()
            cls.proc.wait()
            raise
        finally:
            cls.log.close()
            shutil.rmtree(cls.tmp, ignore_errors=True)
        # Killed by the SIGTERM we sent (no handler), or exited on its own: both are clean.
        if code not in (0, -signal.SIGTERM):
            raise RuntimeError(f"smtp-sink exited with {code}")

    @classmethod
    def sink_log(cls) -> str:
        cls.log.flush()
        cls.log.seek(0)
        return cls.log.read().decode("utf-8", "replace")

    def find(self, tag: str, wait: float = 5.0) -> bytes:
        """The stored message whose Subject carries `tag`."""
        needle = b"Subject: smtp-sink " + tag.encode() + b"\r\n"
        deadline = time.monotonic() + wait
        while True:
            found = [p for p in (self.maildir / "new").iterdir() if needle in p.read_bytes()]
            if found:
                self.assertEqual(len(found), 1, found)
                self.assertEqual(list((self.maildir / "tmp").iterdir()), [])
                return found[0].read_bytes()
            if time.monotonic() > deadline:
                self.fail(f"no message {tag} in {self.maildir}/new\n" + self.sink_log())
            time.sleep(0.1)

    def assert_stored(self, tag: str, submitted: bytes, sender: str):
        stored = self.find(tag)
        self.assertTrue(stored.startswith(f"Return-Path: <{sender}>\r\nReceived: ".encode()),
                        stored[:200])
        self.assertTrue(stored.endswith(submitted), "message not stored byte for byte")
        trace = stored[: len(stored) - len(submitted)]
        # Return-Path, then one Received field (folded lines start with a tab).
        self.assertIn(b"by sink.example.test", trace)
        for line in trace.split(b"\r\n")[2:-1]:
            self.assertTrue(line.startswith(b"\t"), trace)

    def test_plain_8bit_two_recipients(self):
        tag = uuid.uuid4().hex
        raw = message(tag)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=TIMEOUT) as s:
            code, caps = s.ehlo("client.example.test")
            self.assertEqual(code, 250)
            for ext in ("pipelining", "size", "8bitmime", "smtputf8", "chunking",
                        "binarymime", "dsn", "enhancedstatuscodes", "starttls", "auth"):
                self.assertTrue(s.has_extn(ext), ext)
            refused = s.sendmail("sender@example.test",
                                 ["one@example.test", "two@example.org"], raw,
                                 mail_options=["BODY=8BITMIME"])
            self.assertEqual(refused, {})
        self.assert_stored(tag, raw, "sender@example.test")

    def test_starttls_login(self):
        tag = uuid.uuid4().hex
        raw = message(tag)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=TIMEOUT) as s:
            # The certificate is issued for localhost; smtplib checks the name it connected to.
            s._host = E.TLS_SERVER_NAME
            s.ehlo("client.example.test")
            code, _ = s.starttls(context=tls_context())
            self.assertEqual(code, 220)
            s.ehlo("client.example.test")
            self.assertFalse(s.has_extn("starttls"))
            with self.assertRaises(smtplib.SMTPAuthenticationError) as cm:
                s.login(USER, "wrong-password")
            self.assertEqual(cm.exception.smtp_code, 535)
            code, _ = s.login(USER, PASSWORD)
            self.assertEqual(code, 235)
            s.sendmail("tls@example.test", ["rcpt@example.test"], raw,
                       mail_options=["BODY=8BITMIME"])
        stored = self.find(tag)
        self.assertIn(b"with ESMTPSA", stored)
        self.assert_stored(tag, raw, "tls@example.test")

    def test_auth_mechanisms(self):
        for mech in ("PLAIN", "LOGIN", "CRAM-MD5"):
            with self.subTest(mech=mech), \
                    smtplib.SMTP("127.0.0.1", self.port, timeout=TIMEOUT) as s:
                s.ehlo("client.example.test")
                s.user, s.password = USER, PASSWORD
                code, _ = s.auth(mech, getattr(s, "auth_" + mech.lower().replace("-", "_")))
                self.assertEqual(code, 235)

    def test_scram_sha_256(self):
        with smtplib.SMTP("127.0.0.1", self.port, timeout=TIMEOUT) as s:
            s.ehlo("client.example.test")
            client = ScramClient(USER, PASSWORD, "sha256")
            code, _ = s.auth("SCRAM-SHA-256", lambda ch: client(ch).decode(),
                             initial_response_ok=False)
            self.assertEqual(code, 235)
            self.assertIsNotNone(client.server_signature)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=TIMEOUT) as s:
            s.ehlo("client.example.test")
            client = ScramClient(USER, "wrong-password", "sha256")
            with self.assertRaises(smtplib.SMTPAuthenticationError) as cm:
                s.auth("SCRAM-SHA-256", lambda ch: client(ch).decode(),
                       initial_response_ok=False)
            self.assertEqual(cm.exception.smtp_code, 535)

    def test_bdat_binarymime_pipelined(self):
        tag = uuid.uuid4().hex
        # Binary content: bare LF, bare CR, NUL, a lone dot line, no final line end.
        part1 = message(tag) + b"bare\nLF and bare\rCR\x00NUL\r\n.\r\n"
        part2 = b"\xff\x00 end without CRLF"
        w = Wire(self.port)
        try:
            self.assertEqual(w.reply()[0], 220)
            w.send(b"EHLO client.example.test\r\n")
            self.assertEqual(w.reply()[0], 250)
            # The whole transaction in one write (RFC 2920 with RFC 3030 BDAT).
            w.send(b"MAIL FROM:<bdat@example.test> BODY=BINARYMIME\r\n"
                   b"RCPT TO:<one@example.test>\r\n"
                   + f"BDAT {len(part1)}\r\n".encode() + part1
                   + f"BDAT {len(part2)} LAST\r\n".encode() + part2
                   + b"QUIT\r\n")
            codes = [w.reply()[0] for _ in range(5)]
            self.assertEqual(codes, [250, 250, 250, 250, 221])
        finally:
            w.close()
        self.assert_stored(tag, part1 + part2, "bdat@example.test")

    def test_null_sender_and_rset(self):
        tag = uuid.uuid4().hex
        raw = message(tag)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=TIMEOUT) as s:
            s.ehlo("client.example.test")
            self.assertEqual(s.mail("dropped@example.test")[0], 250)
            self.assertEqual(s.rset()[0], 250)
            s.sendmail("<>", ["postmaster"], raw)
        self.assert_stored(tag, raw, "")

    def test_swaks_pipelining(self):
        swaks = shutil.which("swaks")
        if swaks is None:
            self.fail("swaks is not installed (scripts/interop/install.sh installs it)")
        tag = uuid.uuid4().hex
        body = message(tag)
        with tempfile.NamedTemporaryFile(suffix=".eml") as f:
            # swaks sends the data, then CRLF.CRLF: leave the last line end to it.
            f.write(body[:-2])
            f.flush()
            run = subprocess.run(
                [swaks, "--server", f"127.0.0.1:{self.port}", "--pipeline",
                 "--from", "swaks@example.test", "--to", "a@example.test,b@example.test",
                 "--helo", "swaks.example.test", "--data", "@" + f.name],
                capture_output=True, timeout=60,
            )
        self.assertEqual(run.returncode, 0, run.stdout.decode("utf-8", "replace"))
        self.assertIn(b"PIPELINING", run.stdout)
        self.assert_stored(tag, body, "swaks@example.test")

    def test_too_large_gets_552(self):
        tag = uuid.uuid4().hex
        raw = message(tag, b"x" * 76 + b"\r\n") + (b"y" * 76 + b"\r\n") * (MAX_SIZE // 78 + 10)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=TIMEOUT) as s:
            s.ehlo("client.example.test")
            # Without SIZE= the data itself is measured.
            s.esmtp_features.pop("size", None)
            with self.assertRaises(smtplib.SMTPDataError) as cm:
                s.sendmail("big@example.test", ["rcpt@example.test"], raw)
            self.assertEqual(cm.exception.smtp_code, 552)
            # And SIZE= is refused up front.
            code, _ = s.mail("big@example.test", [f"SIZE={len(raw)}"])
            self.assertEqual(code, 552)
            # The session goes on.
            self.assertEqual(s.noop()[0], 250)
        time.sleep(0.2)
        needle = tag.encode()
        self.assertFalse(any(needle in p.read_bytes()
                             for p in (self.maildir / "new").iterdir()))


class LmtpSinkTest(unittest.TestCase):
    """`--lmtp`: one reply per recipient after the data; `--max-connections` ends the sink."""

    def test_lmtp_per_recipient_replies(self):
        tmp = tempfile.mkdtemp(prefix="smtp-sink-lmtp-")
        try:
            maildir = pathlib.Path(tmp) / "Maildir"
            with open(pathlib.Path(tmp) / "sink.log", "w+b") as log:
                # One session for the readiness probe, one for the test.
                proc, port = start_sink(maildir, log, "--lmtp", "--domain", "example.test",
                                        "--max-connections", "2")
                try:
                    tag = uuid.uuid4().hex
                    raw = message(tag)
                    w = Wire(port)
                    try:
                        code, greeting = w.reply()
                        self.assertEqual(code, 220)
                        self.assertIn(b"LMTP", greeting)
                        w.send(b"EHLO client.example.test\r\n")
                        self.assertGreaterEqual(w.reply()[0], 500)
                        w.send(b"LHLO client.example.test\r\n")
                        self.assertEqual(w.reply()[0], 250)
                        w.send(b"MAIL FROM:<lmtp@example.test>\r\n"
                               b"RCPT TO:<one@example.test>\r\n"
                               b"RCPT TO:<other@example.org>\r\n"
                               b"RCPT TO:<two@Example.Test>\r\n"
                               b"DATA\r\n")
                        codes = [w.reply()[0] for _ in range(4)]
                        self.assertEqual(codes, [250, 250, 550, 250])
                        self.assertEqual(w.reply()[0], 354)
                        w.send(raw.replace(b"\r\n.", b"\r\n..") + b".\r\nQUIT\r\n")
                        # Two accepted recipients: two replies, then QUIT's.
                        codes = [w.reply()[0] for _ in range(3)]
                        self.assertEqual(codes, [250, 250, 221])
                    finally:
                        w.close()
                    self.assertEqual(proc.wait(timeout=10), 0)
                finally:
                    if proc.poll() is None:
                        proc.kill()
                        proc.wait()
                log.seek(0)
                text = log.read().decode("utf-8", "replace")
            stored = [p.read_bytes() for p in (maildir / "new").iterdir()]
            self.assertEqual(len(stored), 1, text)
            self.assertTrue(stored[0].startswith(b"Return-Path: <lmtp@example.test>\r\n"))
            self.assertIn(b"with LMTP", stored[0])
            self.assertTrue(stored[0].endswith(raw))
            self.assertIn("exiting after 2 sessions, 1 messages", text)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class PostfixRelayTest(unittest.TestCase):
    """Postfix relays the sink domain to smtp-sink (scripts/interop/start.sh: transport_maps),
    so a real MTA's SMTP client is our server's peer: EHLO, STARTTLS (Postfix verifies nothing
    but encrypts), PIPELINING, 8-bit data. The message is submitted to Postfix with smtplib."""

    def test_postfix_relays_into_the_sink(self):
        tmp = tempfile.mkdtemp(prefix="smtp-sink-relay-")
        try:
            maildir = pathlib.Path(tmp) / "Maildir"
            with open(pathlib.Path(tmp) / "sink.log", "w+b") as log:
                proc, _ = start_sink(maildir, log, port=int(E.ENV["SINK_PORT"]))
                try:
                    tag = uuid.uuid4().hex
                    raw = message(tag)
                    rcpt = f"relay-{tag[:8]}@{E.ENV['SINK_DOMAIN']}"
                    with smtplib.SMTP(E.HOST, E.SMTP_PORT, timeout=TIMEOUT) as s:
                        s.ehlo("client.example.test")
                        refused = s.sendmail(E.ADDRESS, [rcpt], raw, mail_options=["BODY=8BITMIME"])
                        self.assertEqual(refused, {})
                    needle = f"Subject: smtp-sink {tag}\r\n".encode()
                    deadline = time.monotonic() + 60
                    found = []
                    while not found:
                        new = maildir / "new"
                        found = [p for p in new.iterdir() if needle in p.read_bytes()] \
                            if new.is_dir() else []
                        if not found:
                            if time.monotonic() > deadline:
                                log.seek(0)
                                self.fail("Postfix did not relay into the sink within 60s\n"
                                          + log.read().decode("utf-8", "replace")
                                          + postfix_log_tail())
                            time.sleep(0.2)
                finally:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(timeout=10)
            self.assertEqual(len(found), 1)
            stored = found[0].read_bytes()
            self.assertTrue(stored.startswith(f"Return-Path: <{E.ADDRESS}>\r\n".encode()),
                            stored[:200])
            # Postfix adds its own trace (Received) and may add Date; the body and every header
            # field submitted arrive unchanged, 8-bit bytes and dot-leading lines included.
            head, _, body = stored.partition(b"\r\n\r\n")
            sent_head, _, sent_body = raw.partition(b"\r\n\r\n")
            self.assertEqual(body, sent_body)
            for field in sent_head.split(b"\r\n"):
                self.assertIn(field + b"\r\n", head + b"\r\n")
            self.assertIn(b"by mx." + E.DOMAIN.encode(), head)
            log_text = postfix_log_tail(400)
            self.assertRegex(log_text, rf"TLS connection established to 127\.0\.0\.1\[127\.0\.0\.1\]:{E.ENV['SINK_PORT']}")
            self.assertRegex(log_text, rf"to=<{rcpt}>, relay=127\.0\.0\.1\[127\.0\.0\.1\]:{E.ENV['SINK_PORT']}.*status=sent")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def postfix_log_tail(lines: int = 40) -> str:
    path = pathlib.Path(E.ENV.get("LOG_DIR", "")) / "postfix.log"
    if not path.is_file():
        return f"\n(no {path})"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


if __name__ == "__main__":
    unittest.main()
