//! The `msg-dump` example's JSON, exactly: the example is included as a module and its `dump`
//! called in process. The comparison with Python's email package over a large corpus is
//! tests/interop/test_msg_dump.py.
#![cfg(feature = "msg")]

#[allow(dead_code)]
#[path = "../examples/msg-dump.rs"]
mod msg_dump;

use msg_dump::{dump, json_string};

#[test]
fn json_strings_are_escaped() {
    let mut s = String::new();
    json_string(&mut s, "a\"b\\c\r\n\t\u{1}\u{1f}\u{7f}é€\u{1F600}/");
    assert_eq!(
        s,
        "\"a\\\"b\\\\c\\r\\n\\t\\u0001\\u001f\\u007fé€\u{1F600}/\""
    );
}

#[test]
fn message_without_mime_headers() {
    let raw = b"From: John Doe <jdoe@machine.example>\r\n\
                To: Mary Smith <mary@example.net>, A Group:Ed Jones <c@a.test>,joe@where.test;\r\n\
                Subject: =?utf-8?q?caf=C3=A9?=\r\n\
                Date: Fri, 21 Nov 1997 09:55:06\r\n -0600\r\n\
                Message-ID: <1234@local.machine.example>\r\n\
                References: <a@b> <c@d>\r\n\
                \r\n\
                Hello \"you\".\r\n";
    assert_eq!(
        dump(raw),
        concat!(
            r#"{"subject": "café", "from": [{"name": "John Doe", "address": "jdoe@machine.example"}], "#,
            r#""sender": [], "reply_to": [], "to": [{"name": "Mary Smith", "address": "mary@example.net"}, "#,
            r#"{"name": "Ed Jones", "address": "c@a.test"}, {"name": null, "address": "joe@where.test"}], "#,
            r#""cc": [], "bcc": [], "date": "1997-11-21T09:55:06-06:00", "#,
            r#""message_id": "1234@local.machine.example", "in_reply_to": [], "references": ["a@b", "c@d"], "#,
            r#""headers": [{"name": "From", "value": "John Doe <jdoe@machine.example>"}, "#,
            r#"{"name": "To", "value": "Mary Smith <mary@example.net>, A Group:Ed Jones <c@a.test>,joe@where.test;"}, "#,
            r#"{"name": "Subject", "value": "=?utf-8?q?caf=C3=A9?="}, "#,
            r#"{"name": "Date", "value": "Fri, 21 Nov 1997 09:55:06 -0600"}, "#,
            r#"{"name": "Message-ID", "value": "<1234@local.machine.example>"}, "#,
            r#"{"name": "References", "value": "<a@b> <c@d>"}], "#,
            r#""parts": [{"path": "1", "content_type": "text/plain", "charset": "us-ascii", "#,
            r#""disposition": null, "filename": null, "transfer_encoding": null, "size": 14, "#,
            r#""text": "Hello \"you\".\r\n"}]}"#,
        )
    );
}

#[test]
fn mime_tree_in_pre_order() {
    let raw = b"Content-Type: multipart/mixed; boundary=o\r\n\r\n\
                --o\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\
                Content-Transfer-Encoding: Quoted-Printable\r\n\r\ncaf=E9\r\n\
                --o\r\nContent-Type: message/rfc822\r\n\r\n\
                Subject: inner\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n\
                --i\r\n\r\none\r\n--i\r\nContent-Type: image/png\r\n\
                Content-Transfer-Encoding: base64\r\n\
                Content-Disposition: x-unknown; filename*=utf-8''%C3%A9.png\r\n\r\nAAEC\r\n--i--\r\n\
                --o--\r\n";
    let json = dump(raw);
    let parts = &json[json.find("\"parts\"").unwrap()..];
    assert_eq!(
        parts,
        concat!(
            r#""parts": [{"path": "", "content_type": "multipart/mixed", "charset": null, "disposition": null, "filename": null, "transfer_encoding": null, "size": null, "text": null}, "#,
            r#"{"path": "1", "content_type": "text/plain", "charset": "iso-8859-1", "disposition": null, "filename": null, "transfer_encoding": "quoted-printable", "size": 4, "text": "café"}, "#,
            r#"{"path": "2", "content_type": "message/rfc822", "charset": null, "disposition": null, "filename": null, "transfer_encoding": null, "size": null, "text": null}, "#,
            r#"{"path": "2", "content_type": "multipart/alternative", "charset": null, "disposition": null, "filename": null, "transfer_encoding": null, "size": null, "text": null}, "#,
            r#"{"path": "2.1", "content_type": "text/plain", "charset": "us-ascii", "disposition": null, "filename": null, "transfer_encoding": null, "size": 3, "text": "one"}, "#,
            r#"{"path": "2.2", "content_type": "image/png", "charset": null, "disposition": "attachment", "filename": "é.png", "transfer_encoding": "base64", "size": 3, "text": null}]}"#,
        )
    );
}

#[test]
fn empty_input() {
    let json = dump(b"");
    assert!(json.starts_with("{\"subject\": null, \"from\": [], "));
    assert!(json.ends_with(
        "\"headers\": [], \"parts\": [{\"path\": \"1\", \"content_type\": \"text/plain\", \
         \"charset\": \"us-ascii\", \"disposition\": null, \"filename\": null, \
         \"transfer_encoding\": null, \"size\": 0, \"text\": \"\"}]}"
    ));
}
