"""Differential test: the `msg-dump` example (examples/msg-dump.rs) against Python's email
package (policy.default) on a corpus of generated messages (tests/interop/msg_corpus.py), the
sample messages of crates/rfc5322-msg/tests/samples, and the test messages of Python's own email
package where the interpreter installed them (read in place, not copied here).

For every message, both sides must agree on the addresses of From/Sender/Reply-To/To/Cc/Bcc
(display names and addr-specs, group members flattened), the decoded subject, the date (RFC 3339
with the writer's offset), the Message-ID, In-Reply-To and References, and the MIME tree: every
node in pre-order with its IMAP section path, content type, charset, disposition, file name,
transfer encoding, decoded size and (for text leaves) decoded text.

Where the two legitimately differ, `python_view`, `OVERRIDES` and `SAME_TREE_ONLY` normalize
Python's answer to ours with a comment saying why; nothing is dropped from the comparison
silently. Needs only the standard library and cargo; no servers. Standalone:
python3 tests/interop/test_msg_dump.py
"""

import json
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest
import email
from email import policy
from email.parser import BytesParser

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import msg_corpus  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = REPO / "target" / "debug" / "examples" / "msg-dump"
SAMPLES = REPO / "crates" / "rfc5322-msg" / "tests" / "samples"
ADDRESS_FIELDS = ["from", "sender", "reply_to", "to", "cc", "bcc"]


def node(path, ctype, size=None, text=None, charset=None, cte=None):
    """A `parts` entry without disposition or file name."""
    return {"path": path, "content_type": ctype, "charset": charset, "disposition": None,
            "filename": None, "transfer_encoding": cte, "size": size, "text": text}


# Cases where Python's answer differs from ours for a reason the RFCs give us. Each entry:
# corpus name -> {path into the JSON: (what Python says, what we must say, why)}. Both values are
# asserted, so a change on either side shows up; everything not named is compared as usual.
OVERRIDES = {
    "unclosed-multipart": {
        # RFC 2046 §5.1.1: the CRLF before a delimiter belongs to the delimiter. With the close
        # delimiter missing there is none after the last part, so its final line break is
        # content; Python drops it anyway.
        ("parts", 2, "size"): (10, 12, "no close delimiter"),
        ("parts", 2, "text"): ("<b>two</b>", "<b>two</b>\r\n", "no close delimiter"),
    },
    "content-type-comments": {
        # RFC 2045 §5.1 and §6.1 allow comments (RFC 822 structured fields) in Content-Type and
        # Content-Transfer-Encoding; Python keeps them as part of the value.
        ("parts", 0, "content_type"): ("text/plain (plain text)", "text/plain", "comment"),
        ("parts", 0, "transfer_encoding"): ("8bit (raw)", "8bit", "comment"),
    },
    "space-before-colon": {
        # RFC 5322 §4.5 (obs-optional): white space between a field name and its colon is
        # obsolete syntax that must be accepted. Python takes `Subject : spaced` for the start
        # of the body.
        ("subject",): (None, "spaced", "obs-optional"),
        ("from",): ([], [{"name": None, "address": "a@b.test"}], "obs-optional"),
        ("parts", 0, "size"): (40, 3, "obs-optional"),
        ("parts", 0, "text"): ("Subject : spaced\r\nFrom : a@b.test\r\n\r\nx\r\n", "x\r\n",
                               "obs-optional"),
    },
    "qp-bad-escapes": {
        # RFC 2045 §6.7 rules (3) and (5): white space at the end of an encoded line was added
        # in transport and must be deleted, so `e= ` + CRLF is a soft line break. Python's
        # quopri keeps `= `.
        ("parts", 0, "size"): (23, 19, "qp soft break"),
        ("parts", 0, "text"): ("a=ZZb é cd=3\r\ne= \r\nf\r\n", "a=ZZb é cd=3\r\nef\r\n",
                               "qp soft break"),
    },
    "cpython-msg_42.txt": {
        # An encapsulated multipart whose body is only a close delimiter: RFC 2046 §5.1.1 asks
        # for at least one body part, so msg-dump keeps the entity a leaf with its bytes
        # ("--BBB--" and a line break); Python makes it a leaf with an empty payload.
        ("parts", 3, "size"): (0, 8, "multipart without parts"),
    },
    "same-boundary-nested": {
        # A nested multipart reusing its parent's boundary breaks RFC 2046 §5.1.1 (the boundary
        # must not occur inside the encapsulated parts). We give delimiter lines to the
        # innermost open multipart, so the inner one gets "inner" and its close delimiter, and
        # "outer" is the second part of the outer one; Python ends the inner multipart at once
        # (0 octets, no children) and loses "outer".
        ("parts",): (
            [node("", "multipart/mixed"), node("1", "multipart/alternative", size=0),
             node("2", "text/plain", 5, "inner", "us-ascii")],
            [node("", "multipart/mixed"), node("1", "multipart/alternative"),
             node("1.1", "text/plain", 5, "inner", "us-ascii"),
             node("2", "text/plain", 5, "outer", "us-ascii")],
            "same boundary"),
    },
}


def tree(parts):
    return [f"{p['path']} {p['content_type']}" for p in parts]


# Python's test messages whose MIME structure Python and msg-dump read differently. For these
# the trees (section path and type of every node) are asserted on both sides, and the rest of
# each node is not compared (the nodes do not correspond).
SAME_TREE_ONLY = {
    # Outlook Express for Mac nests a multipart/alternative with its parent's boundary. We give
    # each delimiter line to the innermost open multipart with that boundary, so the
    # alternative gets the text and HTML parts and its close delimiter, and the GIF after it is
    # the second part of the mixed; Python ends the alternative at once and loses the GIF.
    "cpython-msg_15.txt": (
        [" multipart/mixed", "1 multipart/alternative", "2 text/plain", "3 text/html"],
        [" multipart/mixed", "1 multipart/alternative", "1.1 text/plain", "1.2 text/html",
         "2 image/gif"],
    ),
    # Adjacent delimiter lines: msg-dump counts the empty part between them (no header, so
    # text/plain, 0 octets), keeping the section numbers a count of delimiters gives; Python
    # skips it.
    "cpython-msg_37.txt": (
        [" multipart/mixed", "1 text/x-one", "2 text/x-two", "3 text/x-two"],
        [" multipart/mixed", "1 text/x-one", "2 text/plain", "3 text/x-two", "4 text/plain",
         "5 text/plain", "6 text/plain", "7 text/x-two"],
    ),
    # Three multipart/alternative parts that reuse the boundary of the multipart/mixed around
    # them; with the innermost-first rule each one gets its two parts and the plain-text part
    # after the inner mixed is part 2. Python ends the first alternative at once and loses the
    # other two.
    "cpython-msg_39.txt": (
        [" multipart/mixed", "1 multipart/mixed", "1.1 multipart/alternative",
         "1.2 application/octet-stream", "1.3 application/octet-stream", "2 text/plain"],
        [" multipart/mixed", "1 multipart/mixed", "1.1 multipart/alternative",
         "1.1.1 application/octet-stream", "1.1.2 application/octet-stream",
         "1.2 multipart/alternative", "1.2.1 application/octet-stream",
         "1.2.2 application/octet-stream", "1.3 multipart/alternative",
         "1.3.1 application/octet-stream", "1.3.2 application/octet-stream", "2 text/plain"],
    ),
}


def apply_override(view, path, value):
    *head, last = path
    for key in head:
        view = view[key]
    view[last] = value


def get_path(view, path):
    for key in path:
        view = view[key]
    return view


def setUpModule():
    """Builds the example once."""
    build = subprocess.run(
        ["cargo", "build", "--example", "msg-dump", "--features", "msg"],
        cwd=REPO, capture_output=True, text=True,
    )
    if build.returncode != 0:
        raise RuntimeError("cargo build failed:\n" + build.stderr[-4000:])


def run_dump(raw: bytes) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".eml") as f:
        f.write(raw)
        f.flush()
        out = subprocess.run([str(BINARY), f.name], capture_output=True, timeout=30)
    if out.returncode != 0:
        raise AssertionError(f"msg-dump failed: {out.stderr.decode(errors='replace')}")
    return json.loads(out.stdout)


def py_addresses(msg, name):
    """Address list of the field `name`, groups flattened (`.addresses` does that)."""
    header = msg.get(name.replace("_", "-"))
    if header is None:
        return []
    field = name.replace("_", "-")
    raw = next(v for n, v in msg.raw_items() if n.lower() == field)
    adjacent_words = ADJACENT_EW_RE.search(raw)
    out = []
    for a in getattr(header, "addresses", ()):
        # Python returns "" for no display name; the JSON uses null.
        display = a.display_name or None
        if display and any("\udc80" <= c <= "\udcff" for c in display):
            # RFC 6532 §3.2: header values may be UTF-8. Python's BytesParser keeps the 8-bit
            # bytes of a display name as surrogate escapes (its Subject is decoded); undo that.
            display = display.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if display and adjacent_words:
            # RFC 2047 §6.2: white space between adjacent encoded words is not displayed.
            # Python 3.11 drops it in unstructured fields but keeps it inside a phrase, so
            # `=?UTF-8?Q?Ren=C3=A9e?= =?UTF-8?Q?_Dupont?=` gives it "Renée  Dupont" (two
            # spaces: the separator and the encoded `_`). Only the doubled space is undone.
            display = display.replace("  ", " ")
        address = a.addr_spec
        if address == "<>":
            # The null path (`MAILER DAEMON <>`, RFC 5321 §4.5.5): Python writes the empty
            # angle address as "<>", msg-dump as the empty address "".
            address = ""
        out.append({"name": display, "address": address})
    return out


def py_date(msg):
    header = msg.get("date")
    dt = getattr(header, "datetime", None) if header is not None else None
    if dt is None:
        return None
    if dt.tzinfo is None:
        # Python returns a naive datetime for "-0000" (RFC 5322 §3.3: UTC, local offset
        # unknown); RFC 3339 §4.3 writes that "-00:00", which is what msg-dump prints.
        return dt.isoformat() + "-00:00"
    return dt.isoformat()


ADJACENT_EW_RE = re.compile(r"\?=\s+=\?")
ID_RE = re.compile(r"<([^<>]*)>")


def py_ids(value):
    if value is None:
        return []
    return [i.strip() for i in ID_RE.findall(str(value))]


def py_message_id(msg):
    ids = py_ids(msg.get("message-id"))
    return ids[0] if ids else None


LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
                 "cp819", "ibm819", "iso-ir-100", "csisolatin1", "iso_8859-1:1987"}


def cp1252_c1(c):
    if "\x80" <= c <= "\x9f":
        try:
            return bytes([ord(c)]).decode("cp1252")
        except UnicodeDecodeError:
            return c  # undefined in windows-1252: WHATWG keeps the C1 control
    return c


NOT_COMPARED = "not compared"


def is_default_type(part, parent_subtype):
    """Whether the part's type is the RFC 2045 §5.2 / RFC 2046 §5.1.5 default: no
    Content-Type field, or one Python could not read a type/subtype from."""
    ct = part.get("content-type")
    if ct is None:
        return True
    return "/" not in str(ct).split(";")[0]


def py_parts(msg):
    nodes = []

    def walk(part, path, parent_subtype):
        maintype = part.get_content_maintype()
        ctype = part.get_content_type()
        charset = part.get_param("charset")
        if isinstance(charset, tuple):  # RFC 2231 form: (charset, language, value)
            charset = charset[2]
        charset = charset.strip().lower() if charset else None
        if charset is None and ctype == "text/plain" and is_default_type(part, parent_subtype):
            # RFC 2045 §5.2: without a Content-Type the entity is "text/plain;
            # charset=us-ascii"; msg-dump reports that default, Python leaves it implicit.
            charset = "us-ascii"
        disp = part.get_content_disposition()
        if disp not in (None, "inline", "attachment"):
            # RFC 2183 §2.8: an unrecognized disposition type is treated as "attachment";
            # msg-dump reports it so, Python passes the word through.
            disp = "attachment"
        cte = part.get("content-transfer-encoding")
        cte = str(cte).strip().lower() if cte is not None else None
        is_multipart = maintype == "multipart" and part.is_multipart()
        is_message = ctype in ("message/rfc822", "message/global") and part.is_multipart()
        size = None
        text = None
        if not is_multipart and not is_message:
            payload = part.get_payload(decode=True)
            size = len(payload) if payload is not None else 0
            if maintype == "message" and part.is_multipart():
                # Python parses every message/* type into sub-messages; for
                # message/delivery-status (RFC 3464) it makes a list of header blocks and has
                # no byte payload left to measure. msg-dump keeps such a part a leaf with its
                # decoded size, which Python cannot give: not compared (null on both sides).
                size = NOT_COMPARED
            if maintype == "text":
                text = part.get_content()
                if charset in LATIN1_LABELS:
                    # The WHATWG Encoding Standard (which encoding_rs implements, and mail
                    # readers follow) decodes the `iso-8859-1` labels as windows-1252: Outlook
                    # writes "€" as 0x80 under that label (samples/outlook.eml). Python decodes
                    # 0x80-0x9F as C1 controls; map them the way windows-1252 does.
                    text = "".join(cp1252_c1(c) for c in text)
        nodes.append({
            "path": path,
            "content_type": ctype,
            "charset": charset,
            "disposition": disp,
            "filename": part.get_filename(),
            "transfer_encoding": cte,
            "size": size,
            "text": text,
        })
        if is_multipart:
            subtype = part.get_content_subtype()
            for i, child in enumerate(part.get_payload(), 1):
                walk(child, f"{path}.{i}" if path else str(i), subtype)
        elif is_message:
            inner = part.get_payload()[0]
            inner_multipart = inner.get_content_maintype() == "multipart" and inner.is_multipart()
            walk(inner, path if inner_multipart else f"{path}.1", None)

    root_multipart = msg.get_content_maintype() == "multipart" and msg.is_multipart()
    walk(msg, "" if root_multipart else "1", None)
    return nodes


def python_view(raw: bytes) -> dict:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    subject = msg.get("subject")
    view = {
        "subject": str(subject) if subject is not None else None,
        "date": py_date(msg),
        "message_id": py_message_id(msg),
        "in_reply_to": py_ids(msg.get("in-reply-to")),
        "references": py_ids(msg.get("references")),
        "parts": py_parts(msg),
    }
    for name in ADDRESS_FIELDS:
        view[name] = py_addresses(msg, name)
    return view


def compared(ours: dict) -> dict:
    """The keys of msg-dump's output that are compared (`headers` is ours alone)."""
    keys = ["subject", "date", "message_id", "in_reply_to", "references", "parts"]
    return {k: ours[k] for k in keys + ADDRESS_FIELDS}


# The messages of Python's own email tests, read where the interpreter installed them (they are
# not copied into this repository). Absent on a Python built without its test suite; the corpus
# is still over 250 messages then.
PY_TEST_DATA = pathlib.Path(email.__file__).resolve().parent.parent / "test" / "test_email" / "data"


def corpus():
    cases = msg_corpus.corpus()
    for path in sorted(SAMPLES.glob("*.eml")):
        cases["sample-" + path.name] = path.read_bytes()
    if PY_TEST_DATA.is_dir():
        for path in sorted(PY_TEST_DATA.glob("msg_*.txt")):
            cases["cpython-" + path.name] = path.read_bytes()
    return cases


class MsgDumpAgainstPython(unittest.TestCase):
    maxDiff = None

    def test_corpus_agrees(self):
        cases = corpus()
        self.assertGreater(len(cases), 250)
        for name, raw in cases.items():
            with self.subTest(message=name):
                ours = compared(run_dump(raw))
                theirs = python_view(raw)
                if name in SAME_TREE_ONLY:
                    py_tree, our_tree = SAME_TREE_ONLY[name]
                    self.assertEqual(tree(theirs["parts"]), py_tree, f"{name}: Python's tree")
                    self.assertEqual(tree(ours["parts"]), our_tree, f"{name}: our tree")
                    theirs["parts"] = ours["parts"]
                for path, (py_value, our_value, _why) in OVERRIDES.get(name, {}).items():
                    self.assertEqual(get_path(theirs, path), py_value,
                                     f"{name}: Python's {path} changed")
                    apply_override(theirs, path, our_value)
                for mine, py in zip(ours["parts"], theirs["parts"]):
                    if py["size"] == NOT_COMPARED:
                        self.assertEqual(mine["content_type"], py["content_type"])
                        self.assertIsNotNone(mine["size"])
                        mine["size"] = py["size"] = None
                self.assertEqual(ours, theirs, f"{name}:\n{raw[:3000]!r}")

    def test_dump_shape(self):
        ours = run_dump(b"Subject: x\r\n\r\nbody\r\n")
        self.assertEqual(set(ours), {"subject", "date", "message_id", "in_reply_to",
                                     "references", "headers", "parts"} | set(ADDRESS_FIELDS))
        self.assertEqual(ours["headers"], [{"name": "Subject", "value": "x"}])
        self.assertEqual(ours["parts"], [{
            "path": "1", "content_type": "text/plain", "charset": "us-ascii",
            "disposition": None, "filename": None, "transfer_encoding": None,
            "size": 6, "text": "body\r\n"}])


if __name__ == "__main__":
    unittest.main()
