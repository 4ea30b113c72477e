#!/usr/bin/env python3
"""Writes the committed fuzz seeds from RFC examples and protocol transcripts.

Each target's docs (fuzz/fuzz_targets/*.rs) describe its input layout; the seeds follow it.
Run from anywhere: python3 fuzz/seeds/make_seeds.py
"""
import base64
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# Index into mail_sasl::Mechanism::ALL.
SCRAM256, SCRAM1, CRAM, PLAIN, LOGIN, OAUTHBEARER, XOAUTH2 = range(7)
SEP = b"\xff"


def write(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# sasl_client: selector (mechanism | 8 = take the initial response), challenges split at 0xFF,
# the last piece is the success data for finish().
write("sasl_client", "cram-md5-rfc2195", bytes([CRAM]) + b"<1896.697170952@postoffice.reston.mci.net>" + SEP + b"")
write("sasl_client", "login", bytes([LOGIN]) + b"Username:" + SEP + b"Password:" + SEP + b"")
write("sasl_client", "plain-ir", bytes([PLAIN | 8]) + b"" + SEP + b"")
for mech, name in ((SCRAM1, "scram-sha-1"), (SCRAM256, "scram-sha-256")):
    write("sasl_client", name, bytes([mech | 8]) + b"r=fuzz3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=64" + SEP + b"v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")
    write("sasl_client", name + "-error", bytes([mech | 8]) + b"e=invalid-proof")
err = b'{"status":"invalid_token","scope":"example_scope","openid-configuration":"https://example.com/.well-known/openid-configuration"}'
write("sasl_client", "oauthbearer-error", bytes([OAUTHBEARER | 8]) + err + SEP + b"")
write("sasl_client", "xoauth2-error", bytes([XOAUTH2 | 8]) + b'{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}' + SEP + b"")

# sasl_server: selector (mechanism | 8 initial response | 16 verdicts | 32 base64 lines |
# 64 SCRAM final in success data), client messages split at 0xFF.
write("sasl_server", "plain-rfc4616", bytes([PLAIN | 8 | 16]) + b"\x00tim\x00tanstaaftanstaaf")
write("sasl_server", "plain-authzid", bytes([PLAIN | 8 | 16]) + b"Ursel\x00Kurt\x00xipj3plmq")
write("sasl_server", "plain-b64", bytes([PLAIN | 32 | 16]) + base64.b64encode(b"\x00tim\x00tanstaaftanstaaf"))
write("sasl_server", "plain-cancel", bytes([PLAIN | 32]) + b"*")
write("sasl_server", "login", bytes([LOGIN | 16]) + b"tim" + SEP + b"tanstaaftanstaaf")
write("sasl_server", "cram-md5", bytes([CRAM | 16]) + b"tim b913a602c7eda7a495b4e6e7334d3890")
write("sasl_server", "scram-sha-1", bytes([SCRAM1 | 8 | 16]) + b"n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL" + SEP
      + b"c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=" + SEP + b"")
write("sasl_server", "scram-sha-256", bytes([SCRAM256 | 8 | 16 | 64]) + b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO" + SEP
      + b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
write("sasl_server", "scram-authzid-escaped", bytes([SCRAM256 | 8 | 16]) + b"n,a=ad=2Cmin,n=us=3Der,r=abc")
write("sasl_server", "oauthbearer-rfc7628", bytes([OAUTHBEARER | 8 | 16])
      + b"n,a=user@example.com,\x01host=server.example.com\x01port=143\x01auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01")
write("sasl_server", "oauthbearer-fail", bytes([OAUTHBEARER | 8])
      + b"n,a=user@example.com,\x01host=server.example.com\x01port=143\x01auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01" + SEP + b"\x01")
write("sasl_server", "xoauth2", bytes([XOAUTH2 | 8 | 16]) + b"user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg\x01\x01")

# sasl_framing: one client line.
for name, line in (("plain", b"AHRpbQB0YW5zdGFhZnRhbnN0YWFm"), ("empty", b"="), ("cancel", b"*"),
                   ("blank", b""), ("trailing-space", b"dGVzdA==  "), ("unpadded", b"dGVzdA")):
    write("sasl_framing", name, line)

# line_framing: limit byte, bare-LF policy byte, chunk byte, then the stream.
smtp = (b"EHLO client.example.org\r\nMAIL FROM:<a@example.org> SIZE=1000\r\n"
        b"RCPT TO:<b@example.net>\r\nDATA\r\nSubject: x\r\n\r\n..dot\r\n.\r\nQUIT\r\n")
imap = (b"* 1 FETCH (FLAGS (\\Seen) BODY[] {11}\r\nhello world)\r\n"
        b"A001 OK FETCH completed\r\n* SEARCH 2 84 882\r\n")
write("line_framing", "smtp-reject", bytes([0x80 | 20, 0, 7]) + smtp)
write("line_framing", "smtp-bare-lf-accept", bytes([30, 1, 0]) + smtp.replace(b"\r\n", b"\n"))
write("line_framing", "imap-normalize", bytes([0x40, 2, 3]) + imap)
write("line_framing", "too-long", bytes([8, 0, 1]) + b"A" * 40 + b"\r\nshort\r\n")

# dot_stuffing: two chunk-size bytes, then message data.
msg = (b"From: a@example.org\r\nSubject: dots\r\n\r\n.leading dot\r\n..two\r\n"
       b"smuggle\n.\nMAIL FROM:<x@evil>\r\n\r.\r\n\n.\r\n.\r\nlast line")
write("dot_stuffing", "message", bytes([3, 7]) + msg)
write("dot_stuffing", "pop3-multiline", bytes([0, 1]) + b"line\r\n..stuffed\r\n.\r\n+OK next")
write("dot_stuffing", "empty-terminator", bytes([1, 1]) + b".\r\n")
