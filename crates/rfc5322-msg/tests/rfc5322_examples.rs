//! Every example message of RFC 5322 Appendix A, parsed, with every field asserted exactly and
//! the message re-serialized byte for byte.

use rfc5322_msg::types::{Address, Message, PartKind};

/// The RFC prints messages with LF; on the wire they have CRLF.
fn crlf(s: &str) -> Vec<u8> {
    s.replace('\n', "\r\n").into_bytes()
}

/// (display name, address) of every mailbox, group members flattened.
fn mailboxes(list: &[Address<'_>]) -> Vec<(Option<String>, String)> {
    list.iter()
        .flat_map(|a| a.mailboxes())
        .map(|m| (m.name().map(str::to_owned), m.address().to_owned()))
        .collect()
}

fn mb(name: Option<&str>, addr: &str) -> (Option<String>, String) {
    (name.map(str::to_owned), addr.to_owned())
}

fn check_common(raw: &[u8], msg: &Message<'_>) {
    assert_eq!(msg.to_bytes(), raw);
    assert_eq!(msg.part_count(), 1);
    assert_eq!(msg.root().kind(), PartKind::Leaf);
    assert_eq!(msg.root().section().to_string(), "1");
}

const A_1_1_FIRST: &str = "From: John Doe <jdoe@machine.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, \"Hello\".
";

#[test]
fn a_1_1_simple_addressing() {
    let raw = crlf(A_1_1_FIRST);
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    let names: Vec<_> = msg.headers().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["From", "To", "Subject", "Date", "Message-ID"]);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("John Doe"), "jdoe@machine.example")]
    );
    assert_eq!(
        mailboxes(&msg.to()),
        [mb(Some("Mary Smith"), "mary@example.net")]
    );
    assert_eq!(msg.subject().as_deref(), Some("Saying Hello"));
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "1997-11-21T09:55:06-06:00"
    );
    assert_eq!(
        msg.message_id().as_deref(),
        Some("1234@local.machine.example")
    );
    assert_eq!(
        msg.root().raw_body(),
        b"This is a message just to say hello.\r\nSo, \"Hello\".\r\n"
    );
    assert_eq!(msg.root().lines(), 2);
    let f = msg.headers().get("subject").unwrap();
    assert_eq!(f.raw(), b"Subject: Saying Hello\r\n");
    assert_eq!(f.raw_value(), b" Saying Hello");

    // The same message sent by a secretary.
    let raw = crlf(
        "From: John Doe <jdoe@machine.example>
Sender: Michael Jones <mjones@machine.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, \"Hello\".
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("John Doe"), "jdoe@machine.example")]
    );
    assert_eq!(
        mailboxes(&msg.sender()),
        [mb(Some("Michael Jones"), "mjones@machine.example")]
    );
    assert_eq!(
        mailboxes(&msg.to()),
        [mb(Some("Mary Smith"), "mary@example.net")]
    );
    assert_eq!(msg.subject().as_deref(), Some("Saying Hello"));
    assert_eq!(
        msg.message_id().as_deref(),
        Some("1234@local.machine.example")
    );
}

#[test]
fn a_1_2_different_types_of_mailboxes() {
    let raw = crlf(
        "From: \"Joe Q. Public\" <john.q.public@example.com>
To: Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>
Cc: <boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>
Date: Tue, 1 Jul 2003 10:52:37 +0200
Message-ID: <5678.21-Nov-1997@example.com>

Hi everyone.
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("Joe Q. Public"), "john.q.public@example.com")]
    );
    assert_eq!(
        mailboxes(&msg.to()),
        [
            mb(Some("Mary Smith"), "mary@x.test"),
            mb(None, "jdoe@example.org"),
            mb(Some("Who?"), "one@y.test"),
        ]
    );
    assert_eq!(
        mailboxes(&msg.cc()),
        [
            mb(None, "boss@nil.test"),
            mb(Some("Giant; \"Big\" Box"), "sysservices@example.net"),
        ]
    );
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "2003-07-01T10:52:37+02:00"
    );
    assert_eq!(
        msg.message_id().as_deref(),
        Some("5678.21-Nov-1997@example.com")
    );
    assert_eq!(msg.subject(), None);
}

#[test]
fn a_1_3_group_addresses() {
    let raw = crlf(
        "From: Pete <pete@silly.example>
To: A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;
Cc: Undisclosed recipients:;
Date: Thu, 13 Feb 1969 23:32:54 -0330
Message-ID: <testabcd.1234@silly.example>

Testing.
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("Pete"), "pete@silly.example")]
    );
    let to = msg.to();
    assert_eq!(to.len(), 1);
    let g = to[0].as_group().unwrap();
    assert_eq!(g.name(), "A Group");
    assert_eq!(
        mailboxes(&to),
        [
            mb(Some("Ed Jones"), "c@a.test"),
            mb(None, "joe@where.test"),
            mb(Some("John"), "jdoe@one.test"),
        ]
    );
    let cc = msg.cc();
    assert_eq!(cc.len(), 1);
    let g = cc[0].as_group().unwrap();
    assert_eq!(g.name(), "Undisclosed recipients");
    assert!(g.members().is_empty());
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "1969-02-13T23:32:54-03:30"
    );
    assert!(msg.date().unwrap().timestamp() < 0);
    assert_eq!(
        msg.message_id().as_deref(),
        Some("testabcd.1234@silly.example")
    );
}

#[test]
fn a_2_reply_messages() {
    let raw = crlf(A_1_1_FIRST);
    let first = Message::parse(&raw);
    check_common(&raw, &first);

    let raw = crlf(
        "From: Mary Smith <mary@example.net>
To: John Doe <jdoe@machine.example>
Reply-To: \"Mary Smith: Personal Account\" <smith@home.example>
Subject: Re: Saying Hello
Date: Fri, 21 Nov 1997 10:01:10 -0600
Message-ID: <3456@example.net>
In-Reply-To: <1234@local.machine.example>
References: <1234@local.machine.example>

This is a reply to your hello.
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("Mary Smith"), "mary@example.net")]
    );
    assert_eq!(
        mailboxes(&msg.to()),
        [mb(Some("John Doe"), "jdoe@machine.example")]
    );
    assert_eq!(
        mailboxes(&msg.reply_to()),
        [mb(
            Some("Mary Smith: Personal Account"),
            "smith@home.example"
        )]
    );
    assert_eq!(msg.subject().as_deref(), Some("Re: Saying Hello"));
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "1997-11-21T10:01:10-06:00"
    );
    assert_eq!(msg.message_id().as_deref(), Some("3456@example.net"));
    assert_eq!(msg.in_reply_to(), ["1234@local.machine.example"]);
    assert_eq!(msg.references(), ["1234@local.machine.example"]);

    let raw = crlf(
        "To: \"Mary Smith: Personal Account\" <smith@home.example>
From: John Doe <jdoe@machine.example>
Subject: Re: Saying Hello
Date: Fri, 21 Nov 1997 11:00:00 -0600
Message-ID: <abcd.1234@local.machine.test>
In-Reply-To: <3456@example.net>
References: <1234@local.machine.example> <3456@example.net>

This is a reply to your reply.
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    assert_eq!(
        mailboxes(&msg.to()),
        [mb(
            Some("Mary Smith: Personal Account"),
            "smith@home.example"
        )]
    );
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("John Doe"), "jdoe@machine.example")]
    );
    assert_eq!(msg.subject().as_deref(), Some("Re: Saying Hello"));
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "1997-11-21T11:00:00-06:00"
    );
    assert_eq!(
        msg.message_id().as_deref(),
        Some("abcd.1234@local.machine.test")
    );
    assert_eq!(msg.in_reply_to(), ["3456@example.net"]);
    assert_eq!(
        msg.references(),
        ["1234@local.machine.example", "3456@example.net"]
    );
}

#[test]
fn a_3_resent_messages() {
    let raw = crlf(
        "Resent-From: Mary Smith <mary@example.net>
Resent-To: Jane Brown <j-brown@other.example>
Resent-Date: Mon, 24 Nov 1997 14:22:01 -0800
Resent-Message-ID: <78910@example.net>
From: John Doe <jdoe@machine.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, \"Hello\".
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    let h = msg.headers();
    assert_eq!(
        mailboxes(&h.resent_from()),
        [mb(Some("Mary Smith"), "mary@example.net")]
    );
    assert_eq!(
        mailboxes(&h.resent_to()),
        [mb(Some("Jane Brown"), "j-brown@other.example")]
    );
    assert_eq!(
        h.resent_date().unwrap().to_rfc3339(),
        "1997-11-24T14:22:01-08:00"
    );
    assert_eq!(h.resent_message_id().as_deref(), Some("78910@example.net"));
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("John Doe"), "jdoe@machine.example")]
    );
    assert_eq!(
        mailboxes(&msg.to()),
        [mb(Some("Mary Smith"), "mary@example.net")]
    );
    assert_eq!(msg.subject().as_deref(), Some("Saying Hello"));
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "1997-11-21T09:55:06-06:00"
    );
    assert_eq!(
        msg.message_id().as_deref(),
        Some("1234@local.machine.example")
    );
}

#[test]
fn a_4_trace_fields() {
    let raw = crlf(
        "Received: from x.y.test
   by example.net
   via TCP
   with ESMTP
   id ABC12345
   for <mary@example.net>;  21 Nov 1997 10:05:43 -0600
Received: from node.example by x.y.test; 21 Nov 1997 10:01:22 -0600
From: John Doe <jdoe@node.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.node.example>

This is a message just to say hello.
So, \"Hello\".
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    let received = msg.headers().received();
    assert_eq!(received.len(), 2);
    let r = &received[0];
    assert_eq!(r.from(), Some("x.y.test"));
    assert_eq!(r.by(), Some("example.net"));
    assert_eq!(r.via(), Some("TCP"));
    assert_eq!(r.with(), Some("ESMTP"));
    assert_eq!(r.id(), Some("ABC12345"));
    assert_eq!(r.for_recipient(), Some("mary@example.net"));
    assert_eq!(r.date().unwrap().to_rfc3339(), "1997-11-21T10:05:43-06:00");
    let r = &received[1];
    assert_eq!(r.from(), Some("node.example"));
    assert_eq!(r.by(), Some("x.y.test"));
    assert_eq!(r.with(), None);
    assert_eq!(r.date().unwrap().to_rfc3339(), "1997-11-21T10:01:22-06:00");
    // The folded field keeps its exact bytes.
    let first = msg.headers().get("received").unwrap();
    assert!(
        first
            .raw()
            .starts_with(b"Received: from x.y.test\r\n   by example.net\r\n")
    );
    assert!(first.raw().ends_with(b"10:05:43 -0600\r\n"));
    assert_eq!(
        &*first.unfolded(),
        &b"from x.y.test   by example.net   via TCP   with ESMTP   id ABC12345   for <mary@example.net>;  21 Nov 1997 10:05:43 -0600"[..]
    );
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("John Doe"), "jdoe@node.example")]
    );
    assert_eq!(msg.message_id().as_deref(), Some("1234@local.node.example"));
}

#[test]
fn a_5_white_space_comments_and_other_oddities() {
    let raw = crlf(
        "From: Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>
To:A Group(Some people)
     :Chris Jones <c@(Chris's host.)public.example>,
         joe@example.org,
  John <jdoe@one.test> (my dear friend); (the end of the group)
Cc:(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;
Date: Thu,
      13
        Feb
          1969
      23:32
               -0330 (Newfoundland Time)
Message-ID:              <testabcd.1234@silly.test>

Testing.
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("Pete"), "pete@silly.test")]
    );
    let to = msg.to();
    assert_eq!(to.len(), 1);
    assert_eq!(to[0].as_group().unwrap().name(), "A Group");
    assert_eq!(
        mailboxes(&to),
        [
            mb(Some("Chris Jones"), "c@public.example"),
            mb(None, "joe@example.org"),
            mb(Some("John"), "jdoe@one.test"),
        ]
    );
    assert_eq!(to[0].mailboxes()[2].comment(), Some("my dear friend"));
    let cc = msg.cc();
    assert_eq!(cc.len(), 1);
    assert_eq!(cc[0].as_group().unwrap().name(), "Hidden recipients");
    assert!(cc[0].as_group().unwrap().members().is_empty());
    let date = msg.date().unwrap();
    assert_eq!(date.to_rfc3339(), "1969-02-13T23:32:00-03:30");
    assert_eq!(
        msg.message_id().as_deref(),
        Some("testabcd.1234@silly.test")
    );
}

#[test]
fn a_6_1_obsolete_addressing() {
    let raw = crlf(
        "From: Joe Q. Public <john.q.public@example.com>
To: Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example
Date: Tue, 1 Jul 2003 10:52:37 +0200
Message-ID: <5678.21-Nov-1997@example.com>

Hi everyone.
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("Joe Q. Public"), "john.q.public@example.com")]
    );
    let to = msg.to();
    assert_eq!(
        mailboxes(&to),
        [
            mb(Some("Mary Smith"), "mary@example.net"),
            mb(None, "jdoe@test.example")
        ]
    );
    assert_eq!(to[0].mailboxes()[0].route(), ["node.test"]);
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "2003-07-01T10:52:37+02:00"
    );
    assert_eq!(
        msg.message_id().as_deref(),
        Some("5678.21-Nov-1997@example.com")
    );
}

#[test]
fn a_6_2_obsolete_dates() {
    let raw = crlf(
        "From: John Doe <jdoe@machine.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: 21 Nov 97 09:55:06 GMT
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, \"Hello\".
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    let d = msg.date().unwrap();
    assert_eq!(d.to_rfc3339(), "1997-11-21T09:55:06+00:00");
    assert_eq!(d.weekday(), None);
    assert!(!d.offset_unknown());
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("John Doe"), "jdoe@machine.example")]
    );
    assert_eq!(msg.subject().as_deref(), Some("Saying Hello"));
}

#[test]
fn a_6_3_obsolete_white_space_and_comments() {
    let raw = crlf(
        "From  : John Doe <jdoe@machine(comment).  example>
To    : Mary Smith
  
          <mary@example.net>
Subject     : Saying Hello
Date  : Fri, 21 Nov 1997 09(comment):   55  :  06 -0600
Message-ID  : <1234   @   local(blah)  .machine .example>

This is a message just to say hello.
So, \"Hello\".
",
    );
    let msg = Message::parse(&raw);
    check_common(&raw, &msg);
    let names: Vec<_> = msg.headers().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["From", "To", "Subject", "Date", "Message-ID"]);
    assert_eq!(
        mailboxes(&msg.from()),
        [mb(Some("John Doe"), "jdoe@machine.example")]
    );
    assert_eq!(
        mailboxes(&msg.to()),
        [mb(Some("Mary Smith"), "mary@example.net")]
    );
    assert_eq!(msg.subject().as_deref(), Some("Saying Hello"));
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "1997-11-21T09:55:06-06:00"
    );
    assert_eq!(
        msg.message_id().as_deref(),
        Some("1234@local.machine.example")
    );
    // The To field spans three lines, the white-space-only one included.
    assert_eq!(
        msg.headers().get("to").unwrap().raw(),
        b"To    : Mary Smith\r\n  \r\n          <mary@example.net>\r\n"
    );
}
