"""The generated corpus of tests/interop/test_msg_dump.py: messages (bytes) built from pools of
header values and body parts that real mail uses, in fixed hand-picked cases and in seeded
random combinations, so every run sees the same corpus.

Everything here is made up by this file; nothing is copied from real mail.
"""

import base64
import email.quoprimime
import random

# Address fields: groups, comments, quoted names and local parts, encoded words, domain
# literals, obsolete routes.
ADDRESSES = [
    "John Doe <jdoe@machine.example>",
    '"Joe Q. Public" <john.q.public@example.com>',
    "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
    "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
    "Undisclosed recipients:;",
    '"Giant; \\"Big\\" Box" <sysservices@example.net>',
    "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
    "jdoe@example.org (John Doe)",
    "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>",
    "=?UTF-8?B?5bGx55Sw5aSq6YOO?= <yamada@example.jp>",
    "=?iso-2022-jp?B?GyRCOzNFRBsoQg==?= <yamada2@example.jp>",
    "=?koi8-r?B?98HT0dE=?= <vasya@example.ru>",
    '"Doe, John" <j@x.test>',
    '"quoted local"@example.com',
    "user@[192.168.0.1]",
    "<@route.example:user@example.com>",
    "Team: a@b.test, \"C, D\" <c@d.test>; , e@f.test",
    "=?utf-8?q?Andr=C3=A9?= Pirard <PIRARD@vm1.ulg.ac.be>",
    "=?UTF-8?Q?Ren=C3=A9e?= =?UTF-8?Q?_Dupont?= <renee@example.fr>",
    "<bare@angle.test>",
    "Mixed Case <MiXeD@Example.COM>",
]

# Dates: obsolete and odd zones, two-digit years, missing seconds, no weekday.
DATES = [
    "Fri, 21 Nov 1997 09:55:06 -0600",
    "Thu, 13 Feb 1969 23:32:54 -0330",
    "Fri, 21 Nov 97 09:55:06 GMT",
    "21 Nov 1997 10:01:22 -0600",
    "Tue, 1 Jul 2003 10:52:37 +0200",
    "Mon, 23 Nov 2026 14:01 +0530",
    "Thu, 4 May 2001 14:05:44 EDT",
    "Thu, 4 May 2001 14:05:44 PST",
    "Thu, 4 May 2001 14:05:44 -0000",
    "Thu, 4 May 2001 14:05:44 +1345",
    "Sat, 31 Dec 2050 23:59:59 +1400",
    "Sun, 1 Jan 2006 00:00:00 +0000",
    "Wed, 29 Feb 2012 12:30:00 UT",
    "Mon,  5 Jan 2015 9:05:01 +0100",
    "Fri, 21 Nov 1997 09:55:06 -0600 (CST)",
    "Thu, 4 May 2001 14:05:44",
    "Thu, 4 May 2001 14:05:44 Z",
    "Thu, 4 May 2001 14:05:44 XYZ",
    "Thu, 4 May 2001 14:05:44 A",
]

SUBJECTS = [
    "Saying Hello",
    "Re: a folded\r\n subject line that goes on",
    "=?utf-8?q?caf=C3=A9?=",
    "=?utf-8?q?a?= =?utf-8?q?b?=",
    "Re: =?iso-8859-1?q?h=E9llo?= world",
    "=?utf-8?B?4oI=?= =?utf-8?B?rA==?=",
    "=?ISO-2022-JP?B?GyRCJEskWyRzJGcbKEI=?=",
    "=?koi8-r?B?8NLJ18XU?=",
    "=?gb2312?B?xOO6ww==?=",
    "=?windows-1252?Q?=80_price?=",
    "=?US-ASCII*EN?Q?Keith_Moore?=",
    "=?UTF-8?B?UmU6IFLDqXN1bcOpIGRlcyBkb25uw6llcw==?=",
    "plain words =?utf-8?q?then=20encoded?= and plain",
    "",
]

MESSAGE_IDS = [
    "<1234@local.machine.example>",
    "<CAJ+abc123=def@mail.gmail.example>",
    "<5678.21-Nov-1997@example.com>",
    "  <spaced@example.org>  ",
    "<AM0PR01MB1234.eurprd01.prod.example@AM0PR01MB1234.eurprd01.prod.example>",
]

REFS = [
    "<root-0@example.net> <prev-1@example.net>",
    "<a@b>\r\n <c@d>\r\n <e@f>",
    "<only@one.example>",
]

# (label, charset, transfer encoding, text). The texts avoid bytes whose meaning differs
# between Python's codecs and the WHATWG encodings (iso-8859-1 0x80-0x9F, undefined
# windows-1252 bytes); those are a documented choice, covered by the Rust tests.
TEXTS = [
    ("ascii", "us-ascii", "7bit", "Hello there.\r\nSecond line.\r\n"),
    ("utf8-8bit", "utf-8", "8bit", "Grüße aus Köln, 日本語, €\r\n"),
    ("utf8-qp", "utf-8", "quoted-printable", "Résumé des données — voilà\r\n" + "x" * 90 + "\r\n"),
    ("utf8-b64", "utf-8", "base64", "Ünïcödé text in base64.\r\n"),
    ("latin1-qp", "iso-8859-1", "quoted-printable", "Café crème, ¡olé!\r\n"),
    ("latin1-8bit", "iso-8859-1", "8bit", "Smørrebrød\r\n"),
    ("cp1252-8bit", "windows-1252", "8bit", "“Quotes” and € and …\r\n"),
    ("cp1252-qp", "windows-1252", "quoted-printable", "– dash — and ‘single’\r\n"),
    ("koi8r-b64", "koi8-r", "base64", "Привет, мир!\r\n"),
    ("koi8r-8bit", "koi8-r", "8bit", "Съешь же ещё этих мягких булок\r\n"),
    ("gb2312-b64", "gb2312", "base64", "你好，世界\r\n"),
    ("iso2022jp-7bit", "iso-2022-jp", "7bit", "こんにちは、世界\r\n"),
    ("utf8-upper", "UTF-8", "Base64", "Upper-case labels.\r\n"),
    ("no-charset", None, None, "No charset parameter.\r\n"),
]

# (header value of Content-Disposition or None, extra Content-Type parameter, expected name)
FILENAMES = [
    ('attachment; filename="report.pdf"', "", "report.pdf"),
    ("attachment; filename*=utf-8''%C3%9Cbersicht%202026.pdf", "", "Übersicht 2026.pdf"),
    ("attachment;\r\n filename*0*=utf-8''%E6%97%A5%E6%9C%AC;\r\n filename*1*=%E8%AA%9E.txt",
     "", "日本語.txt"),
    ('attachment; filename="=?utf-8?B?0J/RgNC40LLQtdGCLmRvY3g=?="', "", "Привет.docx"),
    ("attachment", '; name="=?iso-8859-1?Q?r=E9sum=E9=2Epdf?="', "résumé.pdf"),
    ("attachment; filename*=iso-8859-1'de'%DCbersicht.pdf", "", "Übersicht.pdf"),
    ('attachment; filename*0="long-name-part-one-"; filename*1="and-two.bin"', "",
     "long-name-part-one-and-two.bin"),
    ('inline; filename="image001.png"', "", "image001.png"),
    (None, '; name="only-name.zip"', "only-name.zip"),
    ('ATTACHMENT; FileName="UPPER.TXT"', "", "UPPER.TXT"),
    ('attachment; filename=unquoted.dat', "", "unquoted.dat"),
]


def charset_codec(charset):
    return {"us-ascii": "ascii", None: "ascii"}.get(charset and charset.lower(), charset)


def encode_body(data: bytes, cte) -> bytes:
    cte = (cte or "7bit").lower()
    if cte == "base64":
        s = base64.b64encode(data).decode()
        return ("\r\n".join(s[i:i + 76] for i in range(0, len(s), 76)) + "\r\n").encode()
    if cte == "quoted-printable":
        text = data.decode("latin-1").replace("\r\n", "\n")
        return email.quoprimime.body_encode(text, maxlinelen=76, eol="\r\n").encode("latin-1")
    return data


def text_leaf(rng, kind=None, subtype="plain"):
    label, charset, cte, text = kind or rng.choice(TEXTS)
    data = text.encode(charset_codec(charset))
    head = f"Content-Type: text/{subtype}"
    if charset:
        head += f"; charset={charset}" if rng.random() < 0.5 else f'; charset="{charset}"'
    head += "\r\n"
    if cte:
        head += f"Content-Transfer-Encoding: {cte}\r\n"
    return head.encode() + b"\r\n" + encode_body(data, cte)


def attachment_leaf(rng, fname=None, mime="application/pdf"):
    disp, ct_extra, _ = fname or rng.choice(FILENAMES)
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 600)))
    head = f"Content-Type: {mime}{ct_extra}\r\nContent-Transfer-Encoding: base64\r\n"
    if disp:
        head += f"Content-Disposition: {disp}\r\n"
    if "inline" in (disp or ""):
        head += f"Content-ID: <img{rng.randrange(1000)}@cid.example>\r\n"
    return head.encode() + b"\r\n" + encode_body(data, "base64")


def boundary(rng, depth):
    styles = ["b{}_{:08x}", "----=_Part_{}_{:08x}", "=_{}.{:08x}", "{}'()+_,-./:=? {:08x}"]
    return rng.choice(styles).format(depth, rng.getrandbits(32))


def multipart(rng, subtype, children, depth, preamble=True):
    b = boundary(rng, depth)
    head = f'Content-Type: multipart/{subtype}; boundary="{b}"'
    if subtype == "related":
        head += '; type="text/html"'
    out = (head + "\r\n\r\n").encode()
    if preamble and rng.random() < 0.5:
        out += b"This is a multi-part message in MIME format.\r\n"
    for c in children:
        out += f"\r\n--{b}\r\n".encode() + c
        if not c.endswith(b"\r\n") and rng.random() < 0.3:
            out += b"\r\n"
    out += f"\r\n--{b}--\r\n".encode()
    if rng.random() < 0.3:
        out += b"epilogue text\r\n"
    return out


def header_block(rng, top=True):
    h = []
    if top:
        h.append(("From", rng.choice(ADDRESSES)))
        for name in ("To", "Cc", "Reply-To", "Sender", "Bcc"):
            if rng.random() < (0.9 if name == "To" else 0.3):
                h.append((name, rng.choice(ADDRESSES)))
        if rng.random() < 0.95:
            h.append(("Subject", rng.choice(SUBJECTS)))
        if rng.random() < 0.95:
            h.append(("Date", rng.choice(DATES)))
        if rng.random() < 0.9:
            h.append(("Message-ID", rng.choice(MESSAGE_IDS)))
        if rng.random() < 0.4:
            h.append(("In-Reply-To", rng.choice(REFS[2:])))
            h.append(("References", rng.choice(REFS)))
        h.append(("MIME-Version", "1.0"))
    return "".join(f"{n}: {v}\r\n" for n, v in h).encode()


def entity(rng, depth):
    """A random MIME entity (its MIME header and body)."""
    roll = rng.random()
    if depth >= 3 or roll < 0.45:
        if rng.random() < 0.6:
            return text_leaf(rng, subtype=rng.choice(["plain", "plain", "html"]))
        return attachment_leaf(rng, mime=rng.choice(["application/pdf", "image/png",
                                                     "application/octet-stream"]))
    if roll < 0.55:
        inner = header_block(rng) + entity(rng, depth + 1)
        return b"Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + inner
    if roll < 0.65:
        kids = [text_leaf(rng, subtype="html")] + [
            attachment_leaf(rng, fname=FILENAMES[7], mime="image/png")
            for _ in range(rng.randrange(1, 3))]
        return multipart(rng, "related", kids, depth)
    if roll < 0.75:
        kids = [text_leaf(rng), text_leaf(rng, subtype="html")]
        return multipart(rng, "alternative", kids, depth)
    kids = [entity(rng, depth + 1) for _ in range(rng.randrange(1, 4))]
    return multipart(rng, rng.choice(["mixed", "mixed", "alternative", "related"]), kids, depth)


def fixed_cases():
    """Hand-picked messages, one idea each."""
    rng = random.Random(7)
    cases = {}
    cases["no-mime-headers"] = (b"From: a@b.test\r\nTo: c@d.test\r\nSubject: plain\r\n"
                                b"Date: Fri, 21 Nov 1997 09:55:06 -0600\r\n\r\nJust text.\r\n")
    cases["lf-only"] = cases["no-mime-headers"].replace(b"\r\n", b"\n")
    cases["no-body"] = b"From: a@b.test\r\nSubject: headers only\r\n"
    cases["empty"] = b""
    cases["header-no-colon-body"] = b"Subject: x\r\n\r\n"
    for i, addr in enumerate(ADDRESSES):
        cases[f"address-{i}"] = (f"From: {addr}\r\nTo: {addr}\r\nCc: {addr}\r\n"
                                 "Subject: addresses\r\n\r\nx\r\n").encode()
    for i, d in enumerate(DATES):
        cases[f"date-{i}"] = f"From: a@b.test\r\nDate: {d}\r\n\r\nx\r\n".encode()
    for i, s in enumerate(SUBJECTS):
        cases[f"subject-{i}"] = f"From: a@b.test\r\nSubject: {s}\r\n\r\nx\r\n".encode()
    for i, m in enumerate(MESSAGE_IDS):
        cases[f"msgid-{i}"] = (f"Message-ID: {m}\r\nIn-Reply-To: {m}\r\n"
                               f"References: {REFS[i % len(REFS)]}\r\n\r\nx\r\n").encode()
    for kind in TEXTS:
        cases[f"text-{kind[0]}"] = (b"From: a@b.test\r\nMIME-Version: 1.0\r\n"
                                    + text_leaf(rng, kind=kind))
    for i, f in enumerate(FILENAMES):
        cases[f"filename-{i}"] = (b"From: a@b.test\r\nMIME-Version: 1.0\r\n"
                                  + multipart(rng, "mixed", [text_leaf(rng, kind=TEXTS[0]),
                                                             attachment_leaf(rng, fname=f)], 0))
    cases["raw-utf8-filename"] = (
        b"From: a@b.test\r\nMIME-Version: 1.0\r\n"
        + multipart(rng, "mixed", [
            "Content-Type: application/pdf\r\nContent-Disposition: attachment; "
            "filename=\"Übersicht.pdf\"\r\n\r\n%PDF".encode()], 0))
    cases["alternative-with-attachments"] = (
        header_block(rng) + multipart(rng, "mixed", [
            multipart(rng, "alternative", [
                text_leaf(rng, kind=TEXTS[1]),
                multipart(rng, "related", [
                    text_leaf(rng, kind=TEXTS[3], subtype="html"),
                    attachment_leaf(rng, fname=FILENAMES[7], mime="image/png")], 2)], 1),
            attachment_leaf(rng, fname=FILENAMES[1]),
            attachment_leaf(rng, fname=FILENAMES[3])], 0))
    inner = header_block(rng) + multipart(rng, "mixed", [
        text_leaf(rng, kind=TEXTS[4]), attachment_leaf(rng, fname=FILENAMES[0])], 5)
    middle = header_block(rng) + multipart(rng, "mixed", [
        text_leaf(rng, kind=TEXTS[0]),
        b"Content-Type: message/rfc822\r\n\r\n" + inner], 3)
    cases["nested-rfc822"] = header_block(rng) + multipart(rng, "mixed", [
        text_leaf(rng, kind=TEXTS[0]), b"Content-Type: message/rfc822\r\n\r\n" + middle], 0)
    cases["rfc822-single"] = (header_block(rng) + b"Content-Type: message/rfc822\r\n\r\n"
                              + header_block(rng) + text_leaf(rng, kind=TEXTS[2]))
    cases["digest"] = header_block(rng) + multipart(rng, "digest", [
        b"\r\n" + header_block(rng) + text_leaf(rng, kind=TEXTS[0]),
        b"\r\n" + header_block(rng) + text_leaf(rng, kind=TEXTS[1]),
        b"Content-Type: text/plain\r\n\r\nnot a message\r\n"], 0)
    cases["part-without-headers"] = header_block(rng) + multipart(rng, "mixed", [
        b"\r\nno headers at all\r\n", text_leaf(rng, kind=TEXTS[0])], 0)
    cases["qp-soft-breaks"] = (
        b"From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"soft=\r\nbreak and =C3=A9 and trailing=20\r\nlast line=\r\n")
    cases["base64-unpadded"] = (
        b"From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ\r\n")
    cases["folded-headers"] = (
        b"From: John\r\n Doe <jdoe@machine.example>\r\nTo: a@b.test,\r\n\tc@d.test\r\n"
        b"Subject: one\r\n two\r\n\tthree\r\nDate: Fri, 21 Nov 1997\r\n 09:55:06 -0600\r\n"
        b"Message-ID:\r\n <folded@example.org>\r\n\r\nx\r\n")
    cases["content-type-case"] = (
        b"From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: TEXT/HTML; CHARSET=ISO-8859-1\r\n"
        b"Content-Transfer-Encoding: QUOTED-PRINTABLE\r\n\r\n<p>caf=E9</p>\r\n")
    H = b"From: a@b.test\r\nMIME-Version: 1.0\r\n"
    cases["unclosed-multipart"] = H + (b"Content-Type: multipart/mixed; boundary=u\r\n\r\n"
                                       b"--u\r\n\r\none\r\n--u\r\nContent-Type: text/html\r\n\r\n"
                                       b"<b>two</b>\r\n")
    cases["multipart-without-boundary"] = H + (b"Content-Type: multipart/mixed\r\n\r\n"
                                               b"--x\r\n\r\nbody\r\n--x--\r\n")
    cases["boundary-like-lines"] = H + (b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                                        b"--bb not a delimiter\r\n--b  \t\r\n\r\n"
                                        b"part one\r\n--bx\r\n--b\r\n\r\ntwo\r\n--b-- \r\n")
    cases["rfc6532-utf8-headers"] = ("From: Jörg Müller <joerg@example.de>\r\n"
                                     "To: \"日本 太郎\" <taro@example.jp>\r\n"
                                     "Subject: Grüße, 日本語\r\n\r\nx\r\n").encode()
    cases["message-global"] = H + (b"Content-Type: message/global\r\n\r\n"
                                   + "Subject: ñ\r\nFrom: ü@example.org\r\n\r\nbody\r\n".encode())
    cases["content-type-comments"] = H + (b"Content-Type: text/plain (plain text); charset=\"utf-8\""
                                          b" (utf)\r\nContent-Transfer-Encoding: 8bit (raw)\r\n\r\n"
                                          + "é\r\n".encode())
    cases["rfc2231-name-continuation"] = H + multipart(rng, "mixed", [
        b"Content-Type: application/octet-stream;\r\n name*0*=iso-8859-1'fr'r%E9;\r\n"
        b" name*1*=sum%E9;\r\n name*2=\".txt\"\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD\r\n"], 0)
    cases["duplicate-subject"] = b"Subject: first\r\nSubject: second\r\n\r\nx\r\n"
    cases["space-before-colon"] = b"Subject : spaced\r\nFrom : a@b.test\r\n\r\nx\r\n"
    cases["mbox-from-line"] = b"From a@b.test Mon Nov 23 14:00:00 2026\r\nSubject: mbox\r\n\r\nx\r\n"
    cases["base64-garbage"] = H + (b"Content-Type: application/octet-stream\r\n"
                                   b"Content-Transfer-Encoding: base64\r\n\r\n"
                                   b"QU JD\r\nRE*VG\r\n=\r\nSGk=\r\n")
    cases["qp-bad-escapes"] = H + (b"Content-Type: text/plain; charset=utf-8\r\n"
                                   b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                                   b"a=ZZb =c3=a9 c=\r\nd=3\r\ne= \r\nf\r\n")
    cases["cte-odd-spelling"] = H + (b"Content-Type: text/plain\r\n"
                                     b"Content-Transfer-Encoding:  7BIT \r\n\r\nx\r\n")
    cases["same-boundary-nested"] = H + (b"Content-Type: multipart/mixed; boundary=s\r\n\r\n--s\r\n"
                                         b"Content-Type: multipart/alternative; boundary=s\r\n\r\n"
                                         b"--s\r\n\r\ninner\r\n--s--\r\n--s\r\n\r\nouter\r\n--s--\r\n")
    for label, text in [("ks_c_5601-1987", "안녕하세요"), ("euc-kr", "안녕"), ("shift_jis", "日本語"),
                        ("euc-jp", "日本語"), ("big5", "中文"), ("iso-8859-2", "Zażółć"),
                        ("iso-8859-7", "Ελληνικά"), ("windows-1251", "Привет"),
                        ("iso-8859-15", "€uro"), ("utf-16", None)]:
        if text is None:
            continue
        codec = {"ks_c_5601-1987": "cp949"}.get(label, label)
        cases[f"charset-{label}"] = H + (f"Subject: =?{label}?B?".encode()
                                         + base64.b64encode(text.encode(codec))
                                         + f"?=\r\nContent-Type: text/plain; charset={label}\r\n"
                                           "Content-Transfer-Encoding: base64\r\n\r\n".encode()
                                         + base64.b64encode(text.encode(codec)) + b"\r\n")
    return cases


def random_cases(n, seed=5322):
    rng = random.Random(seed)
    cases = {}
    for i in range(n):
        raw = header_block(rng) + entity(rng, 0)
        if rng.random() < 0.1:
            raw = raw.replace(b"\r\n", b"\n")
        cases[f"random-{i:03d}"] = raw
    return cases


def corpus(n_random=300):
    """Every generated message, by name."""
    cases = fixed_cases()
    cases.update(random_cases(n_random))
    return cases
