//! [`Encode`] for the core values of [`crate::types`] (RFC 9051 §4 and §9).

use super::{Encode, Encoder};
use crate::types::{
    AString, Atom, AtomExt, Capability, Charset, Date, DateTime, Flag, FlagExtension, FlagFetch,
    FlagPerm, IString, Literal, MONTHS, Mailbox, MailboxAttribute, NString, Partial, QuotaResource,
    Quoted, Section, SectionPart, SectionText, SequenceSet, Tag, UnknownCapability,
};

impl Encoder {
    /// Appends `data` as a quoted string, escaping `"` and `\`. `data` must be quotable (the
    /// content of a [`Quoted`]); 8-bit content for a peer without UTF-8 support is written as
    /// a literal instead.
    pub(crate) fn quoted_bytes(&mut self, data: &[u8]) {
        if !self.options().utf8_quoted && !data.is_ascii() {
            self.literal(data, Default::default(), false);
            return;
        }
        self.quoted_always(data);
    }

    /// `data` as a quoted string even when it is 8-bit: for the productions that allow no
    /// literal (`charset = atom / quoted`), where a literal would be misread.
    pub(crate) fn quoted_always(&mut self, data: &[u8]) {
        self.push_byte(b'"');
        let mut start = 0;
        for (i, &b) in data.iter().enumerate() {
            if b == b'"' || b == b'\\' {
                self.push(&data[start..i]);
                self.push_byte(b'\\');
                start = i;
            }
        }
        self.push(&data[start..]);
        self.push_byte(b'"');
    }
}

macro_rules! encode_as_str {
    ($($t:ident),*) => {$(
        impl Encode for $t<'_> {
            fn encode(&self, e: &mut Encoder) {
                e.push(self.as_str().as_bytes());
            }
        }
    )*};
}

encode_as_str!(Tag, Atom, AtomExt, SequenceSet, SectionPart);

impl Encode for Quoted<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.quoted_bytes(self.as_bytes());
    }
}

impl Encode for Literal<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.literal(self.data(), self.mode(), self.is_binary());
    }
}

impl Encode for IString<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            IString::Quoted(q) => q.encode(e),
            IString::Literal(l) => l.encode(e),
        }
    }
}

impl Encode for AString<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            AString::Atom(a) => a.encode(e),
            AString::String(s) => s.encode(e),
        }
    }
}

impl Encode for NString<'_> {
    fn encode(&self, e: &mut Encoder) {
        match &self.0 {
            Some(s) => s.encode(e),
            None => e.push(b"NIL"),
        }
    }
}

impl Encode for FlagExtension<'_> {
    /// `\` and the name.
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'\\');
        e.push(self.as_str().as_bytes());
    }
}

impl Encode for Flag<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            Flag::Keyword(a) => a.encode(e),
            Flag::Extension(x) => x.encode(e),
            system => {
                e.push_byte(b'\\');
                e.push(system.system_name().unwrap_or_default().as_bytes());
            }
        }
    }
}

impl Encode for FlagFetch<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            FlagFetch::Flag(f) => f.encode(e),
            FlagFetch::Recent => e.push(b"\\Recent"),
        }
    }
}

impl Encode for FlagPerm<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            FlagPerm::Flag(f) => f.encode(e),
            FlagPerm::Wildcard => e.push(b"\\*"),
        }
    }
}

impl Encode for MailboxAttribute<'_> {
    /// `\` and the name.
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'\\');
        e.push(self.name().as_bytes());
    }
}

impl Encode for QuotaResource<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.name().as_bytes());
    }
}

impl Encode for Mailbox<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            Mailbox::Inbox => e.push(b"INBOX"),
            Mailbox::Other(o) => o.as_astring().encode(e),
        }
    }
}

impl Encode for Charset<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            Charset::Atom(a) => a.encode(e),
            // RFC 9051 §9: `charset = atom / quoted`; never a literal.
            Charset::Quoted(q) => e.quoted_always(q.as_bytes()),
        }
    }
}

fn two_digits(e: &mut Encoder, n: u8) {
    e.push(&[b'0' + n / 10 % 10, b'0' + n % 10]);
}

fn date_text(e: &mut Encoder, d: &Date, pad_day: bool) {
    if pad_day {
        two_digits(e, d.day());
    } else {
        e.number(u64::from(d.day()));
    }
    e.push_byte(b'-');
    e.push(MONTHS[usize::from(d.month().clamp(1, 12)) - 1].as_bytes());
    e.push_byte(b'-');
    let y = d.year();
    e.push(&[
        b'0' + (y / 1000 % 10) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
    ]);
}

impl Encode for Date {
    /// `date-text`, unquoted: `1-Feb-1994`.
    fn encode(&self, e: &mut Encoder) {
        date_text(e, self, false);
    }
}

impl Encode for DateTime {
    /// `"17-Jul-1996 02:44:25 -0700"`, the day padded with a zero.
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'"');
        date_text(e, &self.date(), true);
        e.sp();
        two_digits(e, self.hour());
        e.push_byte(b':');
        two_digits(e, self.minute());
        e.push_byte(b':');
        two_digits(e, self.second());
        e.sp();
        let z = self.zone_minutes();
        e.push_byte(if z < 0 { b'-' } else { b'+' });
        let z = z.unsigned_abs();
        two_digits(e, (z / 60) as u8);
        two_digits(e, (z % 60) as u8);
        e.push_byte(b'"');
    }
}

impl Encode for SectionText<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            SectionText::Header => e.push(b"HEADER"),
            SectionText::HeaderFields(v) => {
                e.push(b"HEADER.FIELDS ");
                e.list(v);
            }
            SectionText::HeaderFieldsNot(v) => {
                e.push(b"HEADER.FIELDS.NOT ");
                e.list(v);
            }
            SectionText::Text => e.push(b"TEXT"),
            SectionText::Mime => e.push(b"MIME"),
        }
    }
}

impl Encode for Section<'_> {
    /// `[` section-spec `]`.
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'[');
        if let Some(p) = self.part() {
            p.encode(e);
            if self.text().is_some() {
                e.push_byte(b'.');
            }
        }
        if let Some(t) = self.text() {
            t.encode(e);
        }
        e.push_byte(b']');
    }
}

impl Encode for Partial {
    /// `<offset.length>`.
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'<');
        e.number(self.offset);
        e.push_byte(b'.');
        e.number(self.length.get());
        e.push_byte(b'>');
    }
}

impl Encode for UnknownCapability<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.as_str().as_bytes());
    }
}

impl Encode for Capability<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            Capability::Other(u) => u.encode(e),
            c => match c.name() {
                Some(name) => e.push(name.as_bytes()),
                None => e.push(c.to_string().as_bytes()),
            },
        }
    }
}

impl Encode for u32 {
    /// `number`.
    fn encode(&self, e: &mut Encoder) {
        e.number(u64::from(*self));
    }
}

impl Encode for u64 {
    /// `number64`.
    fn encode(&self, e: &mut Encoder) {
        e.number(*self);
    }
}

impl Encode for std::num::NonZeroU32 {
    /// `nz-number`.
    fn encode(&self, e: &mut Encoder) {
        e.number(u64::from(self.get()));
    }
}

impl Encode for std::num::NonZeroU64 {
    /// `nz-number64`.
    fn encode(&self, e: &mut Encoder) {
        e.number(self.get());
    }
}
