"""Proves the interop harness: real Postfix accepts a message and real Dovecot serves it.

Python's own smtplib, poplib and imaplib are the clients here, so a failure points at the
harness (configs, ports, users, TLS), not at mailproto.
"""

import base64
import contextlib
import hashlib
import hmac
import imaplib
import os
import poplib
import smtplib
import ssl
import time
import unittest
import uuid

import interop_env as E

TIMEOUT = 10
DELIVERY_WAIT = 20.0
# Header fields the delivery path may put in front of the submitted message (Postfix's
# Received, Dovecot LMTP's Return-Path, Delivered-To and Received).
TRACE_FIELDS = {b"return-path", b"delivered-to", b"received"}


def tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=E.CA_CERT)
    ctx.check_hostname = True
    return ctx


def make_message(message_id: str) -> bytes:
    """A message in wire form (CRLF) with lines that exercise dot-stuffing and 8-bit-free text."""
    lines = [
        f"From: Interop Sender <sender@{E.DOMAIN}>",
        f"To: Interop User <{E.ADDRESS}>",
        "Subject: mailproto interop harness check",
        "Date: Mon, 23 Nov 2026 10:00:00 +0000",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "First line of the body.",
        ".A line that starts with a dot (dot-stuffed on the wire).",
        "..Two dots.",
        "",
        "Trailing spaces stay:   ",
        "x" * 900,
        "Last line.",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def submit(message_id: str) -> bytes:
    raw = make_message(message_id)
    with smtplib.SMTP(E.HOST, E.SMTP_PORT, timeout=TIMEOUT) as smtp:
        code, _ = smtp.ehlo("client.example.test")
        if code != 250:
            raise AssertionError(f"EHLO answered {code}")
        code, msg = smtp.mail(f"sender@{E.DOMAIN}")
        if code != 250:
            raise AssertionError(f"MAIL FROM answered {code} {msg!r}")
        code, msg = smtp.rcpt(E.ADDRESS)
        if code != 250:
            raise AssertionError(f"RCPT TO answered {code} {msg!r}")
        code, msg = smtp.data(raw)
        if code != 250:
            raise AssertionError(f"DATA answered {code} {msg!r}")
    return raw


def header_value(raw: bytes, name: bytes):
    head = raw.split(b"\r\n\r\n", 1)[0]
    for line in head.split(b"\r\n"):
        key, sep, value = line.partition(b":")
        if sep and key.strip().lower() == name.lower():
            return value.strip()
    return None


@contextlib.contextmanager
def imap_connection():
    """An IMAP connection to Dovecot, shut down however the block ends."""
    imap = imaplib.IMAP4(E.HOST, E.IMAP_PORT, timeout=TIMEOUT)
    try:
        yield imap
    finally:
        try:
            imap.shutdown()
        except OSError:
            pass


def pop3_login() -> poplib.POP3:
    pop = poplib.POP3(E.HOST, E.POP3_PORT, timeout=TIMEOUT)
    pop.user(E.USER)
    pop.pass_(E.PASSWORD)
    return pop


def pop3_find(message_id: str):
    """(message number, UIDL, full message) of the message with this Message-ID, or None."""
    pop = pop3_login()
    try:
        count, _size = pop.stat()
        uidls = {}
        for entry in pop.uidl()[1]:
            num, uid = entry.split(b" ", 1)
            uidls[int(num)] = uid
        if len(uidls) != count:
            raise AssertionError(f"STAT says {count} messages, UIDL lists {len(uidls)}")
        for num in range(1, count + 1):
            top = b"\r\n".join(pop.top(num, 0)[1])
            if header_value(top + b"\r\n\r\n", b"message-id") == message_id.encode():
                lines = pop.retr(num)[1]
                return num, uidls[num], b"\r\n".join(lines) + b"\r\n"
        return None
    finally:
        pop.quit()


class ScramClient:
    """Just enough of an RFC 5802/7677 SCRAM client to check that Dovecot offers working SCRAM."""

    def __init__(self, user: str, password: str, hash_name: str):
        self.user, self.password, self.hash_name = user, password, hash_name
        self.nonce = base64.b64encode(os.urandom(18)).decode()
        self.step = 0
        self.server_signature = None

    def __call__(self, challenge: bytes) -> bytes:
        self.step += 1
        if self.step == 1:
            self.client_first_bare = f"n={self.user},r={self.nonce}"
            return ("n,," + self.client_first_bare).encode()
        if self.step == 2:
            server_first = challenge.decode()
            attrs = dict(kv.split("=", 1) for kv in server_first.split(","))
            if not attrs["r"].startswith(self.nonce):
                raise AssertionError("server nonce does not extend the client nonce")
            salted = hashlib.pbkdf2_hmac(self.hash_name, self.password.encode(),
                                         base64.b64decode(attrs["s"]), int(attrs["i"]))
            client_key = hmac.digest(salted, b"Client Key", self.hash_name)
            stored_key = hashlib.new(self.hash_name, client_key).digest()
            final_bare = f"c=biws,r={attrs['r']}"
            auth_message = f"{self.client_first_bare},{server_first},{final_bare}".encode()
            signature = hmac.digest(stored_key, auth_message, self.hash_name)
            proof = bytes(a ^ b for a, b in zip(client_key, signature))
            server_key = hmac.digest(salted, b"Server Key", self.hash_name)
            self.server_signature = hmac.digest(server_key, auth_message, self.hash_name)
            return f"{final_bare},p={base64.b64encode(proof).decode()}".encode()
        expected = b"v=" + base64.b64encode(self.server_signature)
        if challenge != expected:
            raise AssertionError(f"bad server signature {challenge!r}")
        return b""


class DeliveryTest(unittest.TestCase):
    """SMTP submission to Postfix, read back through Dovecot's POP3 and IMAP."""

    def test_submitted_message_reaches_pop3_and_imap(self):
        message_id = f"<{uuid.uuid4().hex}@interop.mailproto.test>"
        sent = submit(message_id)

        deadline = time.monotonic() + DELIVERY_WAIT
        found = None
        while found is None and time.monotonic() < deadline:
            found = pop3_find(message_id)
            if found is None:
                time.sleep(0.2)
        self.assertIsNotNone(found, f"{message_id} not delivered within {DELIVERY_WAIT}s "
                                    "(see target/interop/log/postfix.log and dovecot.log)")
        _num, uidl, pop_raw = found
        self.assertTrue(uidl, "empty UIDL")

        # The delivered message is the submitted one byte for byte, behind trace fields only.
        self.assertTrue(pop_raw.endswith(sent),
                        "POP3 RETR does not end with the submitted message:\n"
                        + pop_raw.decode("ascii", "replace"))
        prefix = pop_raw[: len(pop_raw) - len(sent)]
        for line in prefix.split(b"\r\n"):
            if line and not line[:1].isspace():
                name = line.split(b":", 1)[0].lower()
                self.assertIn(name, TRACE_FIELDS, f"unexpected field added in delivery: {line!r}")
        self.assertEqual(header_value(pop_raw, b"delivered-to"), E.ADDRESS.encode())

        with imap_connection() as imap:
            imap.login(E.USER, E.PASSWORD)
            typ, _ = imap.select("INBOX")
            self.assertEqual(typ, "OK")
            typ, data = imap.search(None, "HEADER", "Message-ID", f'"{message_id}"')
            self.assertEqual(typ, "OK")
            nums = data[0].split()
            self.assertEqual(len(nums), 1, f"SEARCH HEADER Message-ID found {nums!r}")
            typ, data = imap.fetch(nums[0], "(BODY[])")
            self.assertEqual(typ, "OK")
            imap_raw = data[0][1]
            self.assertEqual(imap_raw, pop_raw, "IMAP BODY[] differs from POP3 RETR")
            imap.logout()

    def test_postfix_refuses_relay_and_unknown_users(self):
        with smtplib.SMTP(E.HOST, E.SMTP_PORT, timeout=TIMEOUT) as smtp:
            smtp.ehlo("client.example.test")
            self.assertEqual(smtp.mail(f"sender@{E.DOMAIN}")[0], 250)
            code, msg = smtp.rcpt("someone@elsewhere.invalid")
            self.assertGreaterEqual(code, 500, f"relay to another domain answered {code} {msg!r}")
            code, msg = smtp.rcpt(f"nobody-{uuid.uuid4().hex[:8]}@{E.DOMAIN}")
            self.assertGreaterEqual(code, 500, f"unknown user answered {code} {msg!r}")
            smtp.rset()


class CapabilityTest(unittest.TestCase):
    """What later tests rely on: SASL mechanisms and STARTTLS on every protocol."""

    def test_imap_capability(self):
        with imap_connection() as imap:
            caps = set(imap.capabilities)
            for cap in ("IMAP4REV1", "STARTTLS", "AUTH=PLAIN", "AUTH=LOGIN", "AUTH=CRAM-MD5",
                        "AUTH=SCRAM-SHA-1", "AUTH=SCRAM-SHA-256"):
                self.assertIn(cap, caps, f"IMAP CAPABILITY lacks {cap}: {sorted(caps)}")
            imap.starttls(ssl_context=tls_context())
            imap.login(E.USER, E.PASSWORD)
            imap.logout()

    def test_pop3_capa(self):
        pop = poplib.POP3(E.HOST, E.POP3_PORT, timeout=TIMEOUT)
        try:
            capa = pop.capa()
            self.assertIn("STLS", capa, f"POP3 CAPA lacks STLS: {capa}")
            mechs = set(capa.get("SASL", []))
            for mech in ("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"):
                self.assertIn(mech, mechs, f"POP3 CAPA SASL lacks {mech}: {capa}")
            pop.stls(context=tls_context())
            pop.user(E.USER)
            pop.pass_(E.PASSWORD)
        finally:
            pop.quit()

    def test_smtp_starttls_and_auth(self):
        with smtplib.SMTP(E.HOST, E.SMTP_PORT, timeout=TIMEOUT) as smtp:
            smtp.ehlo("client.example.test")
            self.assertTrue(smtp.has_extn("starttls"), "Postfix does not offer STARTTLS")
            smtp.starttls(context=tls_context())
            smtp.ehlo("client.example.test")
            mechs = set(smtp.esmtp_features.get("auth", "").upper().split())
            self.assertIn("SCRAM-SHA-256", mechs, f"Postfix AUTH lacks SCRAM-SHA-256: {mechs}")
            self.assertIn("PLAIN", mechs)
            code, _ = smtp.login(E.USER, E.PASSWORD)
            self.assertEqual(code, 235)


class AuthTest(unittest.TestCase):
    """Dovecot really accepts the mechanisms it advertises with the stored password."""

    def imap_auth(self, mech, authobject):
        with imap_connection() as imap:
            typ, _ = imap.authenticate(mech, authobject)
            self.assertEqual(typ, "OK")
            imap.logout()

    def test_imap_scram_sha_256(self):
        client = ScramClient(E.USER, E.PASSWORD, "sha256")
        self.imap_auth("SCRAM-SHA-256", client)
        self.assertEqual(client.step, 3, "the server-final message was never checked")

    def test_imap_scram_sha_1(self):
        client = ScramClient(E.USER, E.PASSWORD, "sha1")
        self.imap_auth("SCRAM-SHA-1", client)
        self.assertEqual(client.step, 3, "the server-final message was never checked")

    def test_imap_cram_md5(self):
        with imap_connection() as imap:
            typ, _ = imap.login_cram_md5(E.USER, E.PASSWORD)
            self.assertEqual(typ, "OK")
            imap.logout()

    def test_wrong_password_is_refused(self):
        with imap_connection() as imap:
            with self.assertRaises(imaplib.IMAP4.error):
                imap.login(E.USER, E.PASSWORD + "-wrong")


if __name__ == "__main__":
    unittest.main()
