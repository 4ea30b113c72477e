"""Drives the `imapd` example (examples/imapd/) with Python's imaplib, and with the
`imap-client` example (every subcommand, IDLE included).

imaplib logs in (LOGIN, AUTHENTICATE PLAIN, under STARTTLS too), lists, selects, fetches
(compared byte for byte with the Maildir files, CRLF line ends), searches, stores flags,
copies, moves, expunges, appends (fetched back byte-exact, APPENDUID) and logs out. UIDs must
survive a restart of the server, and a message delivered into `new/` while a client is
selected must be announced by NOOP. Only the harness's TLS files (CA-signed `localhost`
certificate) are used, not its servers.
"""

import base64
import imaplib
import pathlib
import re
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

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = REPO / "target" / "debug" / "examples" / "imapd"
CLIENT = REPO / "target" / "debug" / "examples" / "imap-client"
TIMEOUT = 10
USER = "alice"
PASSWORD = "imapd-secret"


def setUpModule():
    """Builds the example once for every test class here."""
    build = subprocess.run(
        ["cargo", "build", "--example", "imapd", "--example", "imap-client", "--all-features"],
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


def message(tag: str, n: int, extra: bytes = b"") -> bytes:
    """A CRLF MIME message with an attachment, 8-bit text and a long line."""
    return b"\r\n".join([
        b"From: Sender <sender@example.test>",
        b"To: Alice <alice@example.test>, Bob <bob@example.test>",
        b"Subject: imapd " + tag.encode() + b" " + str(n).encode(),
        b"Date: Mon, 23 Nov 2026 10:00:0" + str(n).encode() + b" +0100",
        b"Message-ID: <" + tag.encode() + b"." + str(n).encode() + b"@example.test>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="b1"',
        b"",
        b"--b1",
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        b"gr\xc3\xbc\xc3\x9fe " + extra,
        b"x" * 1200,
        b"--b1",
        b"Content-Type: application/octet-stream; name=data.bin",
        b"Content-Disposition: attachment; filename=data.bin",
        b"Content-Transfer-Encoding: base64",
        b"",
        base64.b64encode(bytes(range(256))),
        b"--b1--",
        b"",
    ])


class ImapdCase(unittest.TestCase):
    """A fresh Maildir with three messages and an `Archive` folder, and `imapd` serving it."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="imapd-")
        self.maildir = pathlib.Path(self.tmp) / "Maildir"
        for sub in ("tmp", "new", "cur"):
            (self.maildir / sub).mkdir(parents=True)
        self.tag = uuid.uuid4().hex
        self.expected = []
        for n in range(3):
            raw = message(self.tag, n, b"needle" if n == 1 else b"")
            name = f"{1700000000 + n}.M{n}P1.imapd-test"
            if n == 2:
                # Written with LF, as an MTA delivers: served with CRLF.
                (self.maildir / "new" / name).write_bytes(raw.replace(b"\r\n", b"\n"))
            else:
                (self.maildir / "cur" / (name + ":2,S")).write_bytes(raw)
            self.expected.append(raw)
        (self.maildir / ".Archive" / "cur").mkdir(parents=True)
        (self.maildir / ".Archive" / "new").mkdir()
        (self.maildir / ".Archive" / "tmp").mkdir()
        self.port = free_port()
        self.log = open(pathlib.Path(self.tmp) / "imapd.log", "w+b")
        self.start()

    def start(self):
        run_dir = pathlib.Path(E.ENV.get("RUN_DIR", REPO / "target" / "interop"))
        self.proc = subprocess.Popen(
            [
                str(BINARY),
                "--listen", f"127.0.0.1:{self.port}",
                "--maildir", str(self.maildir),
                "--user", f"{USER}:{PASSWORD}",
                "--tls-cert", str(run_dir / "tls" / "server.crt"),
                "--tls-key", str(run_dir / "tls" / "server.key"),
                "--allow-plaintext",
                "-v",
            ],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"imapd exited early with {self.proc.returncode}:\n{self.log_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT) as s:
                    if not s.recv(512).startswith(b"* OK"):
                        raise RuntimeError("bad greeting")
                    s.sendall(b"a LOGOUT\r\n")
                    s.recv(512)
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def tearDown(self):
        self.stop()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def log_text(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def login(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=TIMEOUT)
        imap.login(USER, PASSWORD)
        return imap

    def fetch_raw(self, imap, uid) -> bytes:
        typ, data = imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
        self.assertEqual(typ, "OK", data)
        return data[0][1]

    def uids(self, imap, criteria="ALL"):
        typ, data = imap.uid("SEARCH", criteria)
        self.assertEqual(typ, "OK", data)
        return [int(x) for x in data[0].split()]


class ImapdTest(ImapdCase):
    """Python's imaplib against `imapd`."""

    def test_capability_and_login(self):
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=TIMEOUT)
        for cap in ("IMAP4REV1", "IMAP4REV2", "STARTTLS", "IDLE", "UIDPLUS", "MOVE", "AUTH=PLAIN"):
            self.assertIn(cap, imap.capabilities)
        with self.assertRaises(imaplib.IMAP4.error):
            imap.login(USER, "wrong")
        imap.login(USER, PASSWORD)
        self.assertEqual(imap.state, "AUTH")
        typ, _ = imap.logout()
        self.assertEqual(typ, "BYE")

    def test_authenticate_plain_under_starttls(self):
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=TIMEOUT)
        imap.starttls(ssl_context=tls_context())
        self.assertIn("AUTH=PLAIN", imap.capabilities)
        typ, _ = imap.authenticate("PLAIN", lambda _: f"\0{USER}\0{PASSWORD}".encode())
        self.assertEqual(typ, "OK")
        typ, data = imap.select("INBOX", readonly=True)
        self.assertEqual((typ, data), ("OK", [b"3"]))
        imap.logout()

    def test_list_select_fetch_byte_exact(self):
        imap = self.login()
        typ, data = imap.list()
        self.assertEqual(typ, "OK")
        names = sorted(re.search(rb'"\." (\S+)$', line).group(1) for line in data)
        self.assertEqual(names, [b"Archive", b"INBOX"])
        typ, data = imap.select("INBOX")
        self.assertEqual((typ, data), ("OK", [b"3"]))
        uids = self.uids(imap)
        self.assertEqual(len(uids), 3)
        for uid, raw in zip(uids, self.expected):
            self.assertEqual(self.fetch_raw(imap, uid), raw, f"UID {uid} not byte-exact")
        typ, data = imap.fetch("1:3", "(RFC822.SIZE ENVELOPE BODYSTRUCTURE FLAGS)")
        self.assertEqual(typ, "OK")
        text = b" ".join(d if isinstance(d, bytes) else d[0] for d in data)
        for raw in self.expected:
            self.assertIn(b"RFC822.SIZE %d" % len(raw), text)
        self.assertIn(b'("Alice" NIL "alice" "example.test")', text)
        self.assertIn(b'"APPLICATION" "OCTET-STREAM"', text)
        self.assertIn(b'"MIXED"', text)
        # A section: the attachment, still base64.
        typ, data = imap.fetch("1", "(BODY.PEEK[2])")
        self.assertEqual(data[0][1], base64.b64encode(bytes(range(256))))
        imap.logout()

    def test_search_store_copy_move_expunge(self):
        imap = self.login()
        imap.select("INBOX")
        all_uids = self.uids(imap)
        self.assertEqual(self.uids(imap, "BODY needle"), [all_uids[1]])
        self.assertEqual(self.uids(imap, f'SUBJECT "imapd {self.tag} 2"'), [all_uids[2]])
        self.assertEqual(self.uids(imap, "UNSEEN"), [all_uids[2]])
        # RFC 9394 PARTIAL: a window of the result from either end, NIL past its end.
        # imaplib files the ESEARCH response under its name.
        for window, expected in [
            ("1:2", b"%d%s%d" % (all_uids[0], b":" if all_uids[1] == all_uids[0] + 1 else b",", all_uids[1])),
            ("-1:-1", b"%d" % all_uids[2]),
            ("5:6", b"NIL"),
        ]:
            typ, _ = imap.uid("SEARCH", "RETURN", f"(PARTIAL {window})", "ALL")
            self.assertEqual(typ, "OK")
            esearch = imap.response("ESEARCH")[1][-1]
            self.assertTrue(esearch.endswith(b"UID PARTIAL (%s %s)" % (window.encode(), expected)), esearch)
        typ, _ = imap.uid("STORE", str(all_uids[0]), "+FLAGS", r"(\Flagged \Deleted)")
        self.assertEqual(typ, "OK")
        self.assertEqual(self.uids(imap, "FLAGGED"), [all_uids[0]])
        # Flags live in the file name.
        self.assertTrue(any(p.name.endswith(":2,FST") for p in (self.maildir / "cur").iterdir()))
        typ, data = imap.uid("COPY", str(all_uids[1]), "Archive")
        self.assertEqual(typ, "OK", data)
        # imaplib files the response code under its name: "UIDVALIDITY SOURCE DEST".
        self.assertRegex(imap.response("COPYUID")[1][0], rb"^\d+ %d \d+$" % all_uids[1])
        typ, data = imap.uid("MOVE", str(all_uids[2]), "Archive")
        self.assertEqual(typ, "OK", data)
        typ, data = imap.expunge()
        self.assertEqual(typ, "OK")
        self.assertEqual(self.uids(imap), [all_uids[1]])
        typ, data = imap.select("Archive")
        self.assertEqual((typ, data), ("OK", [b"2"]))
        archived = self.uids(imap)
        self.assertEqual(self.fetch_raw(imap, archived[0]), self.expected[1])
        self.assertEqual(self.fetch_raw(imap, archived[1]), self.expected[2])
        imap.close()
        imap.logout()

    def test_append_fetch_back_and_uids_survive_restart(self):
        imap = self.login()
        raw = message(self.tag, 9, b"appended")
        typ, data = imap.append("Archive", r"(\Seen)", imaplib.Time2Internaldate(1700000000), raw)
        self.assertEqual(typ, "OK", data)
        m = re.search(rb"APPENDUID (\d+) (\d+)", data[0])
        self.assertIsNotNone(m, data)
        validity, uid = int(m.group(1)), int(m.group(2))
        imap.select("Archive")
        self.assertEqual(self.fetch_raw(imap, uid), raw)
        typ, data = imap.uid("FETCH", str(uid), "(FLAGS INTERNALDATE)")
        self.assertIn(rb"\Seen", data[0])
        imap.select("INBOX")
        inbox_uids = self.uids(imap)
        imap.logout()

        self.stop()
        self.start()
        imap = self.login()
        typ, data = imap.status("Archive", "(UIDVALIDITY MESSAGES)")
        self.assertIn(b"UIDVALIDITY %d" % validity, data[0])
        imap.select("Archive")
        self.assertEqual(self.fetch_raw(imap, uid), raw)
        imap.select("INBOX")
        self.assertEqual(self.uids(imap), inbox_uids)
        imap.logout()

    def test_new_delivery_is_announced(self):
        imap = self.login()
        imap.select("INBOX")
        raw = message(self.tag, 7)
        (self.maildir / "new" / f"1800000000.M7P1.imapd-test").write_bytes(raw)
        typ, data = imap.noop()
        self.assertEqual(typ, "OK")
        self.assertIn(b"4", imap.untagged_responses.get("EXISTS", [b""]))
        uids = self.uids(imap)
        self.assertEqual(self.fetch_raw(imap, uids[-1]), raw)
        imap.logout()


class ImapClientAgainstImapdTest(ImapdCase):
    """The `imap-client` example against `imapd`: both ends of this project's IMAP machines."""

    def client(self, *args, check=True):
        run = subprocess.run(
            [str(CLIENT), "--server", f"127.0.0.1:{self.port}", "--user", USER,
             "--password", PASSWORD, *args],
            capture_output=True, timeout=60,
        )
        if check:
            self.assertEqual(run.returncode, 0, run.stderr.decode("utf-8", "replace"))
        return run

    def test_subcommands(self):
        out = self.client("list").stdout.decode()
        self.assertIn("INBOX", out)
        self.assertIn("Archive", out)
        self.assertTrue(self.client("status", "INBOX").stdout.startswith(b"MESSAGES 3 "))
        table = self.client("fetch", "INBOX").stdout.decode()
        for n in range(3):
            self.assertIn(f"imapd {self.tag} {n}", table)
        uids = self.client("search", "INBOX", "ALL").stdout.split()
        self.assertEqual(len(uids), 3)
        for uid, raw in zip(uids, self.expected):
            self.assertEqual(self.client("get", "INBOX", uid.decode()).stdout, raw)
        self.assertEqual(self.client("search", "INBOX", "BODY", "needle").stdout.split(), [uids[1]])
        # AUTHENTICATE SCRAM-SHA-256 and a new mailbox.
        self.client("--auth", "SCRAM-SHA-256", "create", "Project")
        raw = message(self.tag, 5, b"appended by imap-client")
        path = pathlib.Path(self.tmp) / "append.eml"
        path.write_bytes(raw)
        out = self.client("append", "Project", str(path)).stdout.split()
        self.assertEqual(len(out), 2, out)
        self.assertEqual(self.client("get", "Project", out[1].decode()).stdout, raw)
        self.client("move", "INBOX", uids[0].decode(), "Project")
        self.assertEqual(len(self.client("search", "INBOX", "ALL").stdout.split()), 2)
        self.assertEqual(len(self.client("search", "Project", "ALL").stdout.split()), 2)
        missing = self.client("get", "INBOX", "999", check=False)
        self.assertEqual(missing.returncode, 1)

    def test_starttls(self):
        run_dir = pathlib.Path(E.ENV.get("RUN_DIR", REPO / "target" / "interop"))
        out = self.client("--starttls", "--ca-file", str(run_dir / "tls" / "ca.crt"),
                          "--server-name", "localhost", "--auth", "PLAIN", "status", "INBOX")
        self.assertTrue(out.stdout.startswith(b"MESSAGES 3 "))

    def test_idle_sees_a_delivery(self):
        proc = subprocess.Popen(
            [str(CLIENT), "--server", f"127.0.0.1:{self.port}", "--user", USER,
             "--password", PASSWORD, "idle", "INBOX", "--count", "1", "--timeout", "30"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        try:
            line = proc.stdout.readline()
            self.assertTrue(line.startswith(b"-- idling in INBOX"), line)
            raw = message(self.tag, 8)
            tmp = self.maildir / "tmp" / "1800000001.M8P1.imapd-test"
            tmp.write_bytes(raw)
            tmp.rename(self.maildir / "new" / tmp.name)
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.assertEqual(proc.returncode, 0, err.decode("utf-8", "replace"))
        self.assertIn(f"imapd {self.tag} 8".encode(), out)


if __name__ == "__main__":
    unittest.main()
