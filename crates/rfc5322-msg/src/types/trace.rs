//! Trace fields (RFC 5322 §3.6.7, RFC 5321 §4.4) and mailing-list fields (RFC 2369, RFC 2919).

use std::borrow::Cow;

use super::DateTime;

/// A `Received` field (RFC 5322 §3.6.7, with the clauses of RFC 5321 §4.4 `Stamp`).
///
/// Every clause is optional: servers write them in many shapes. Values are the word after the
/// keyword, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Received<'a> {
    pub(crate) from: Option<Cow<'a, str>>,
    pub(crate) from_info: Option<Cow<'a, str>>,
    pub(crate) by: Option<Cow<'a, str>>,
    pub(crate) via: Option<Cow<'a, str>>,
    pub(crate) with: Option<Cow<'a, str>>,
    pub(crate) id: Option<Cow<'a, str>>,
    pub(crate) for_: Option<Cow<'a, str>>,
    pub(crate) date: Option<DateTime>,
}

impl<'a> Received<'a> {
    /// The `from` domain (the name the client gave in EHLO/HELO).
    pub fn from(&self) -> Option<&str> {
        self.from.as_deref()
    }
    /// The comment after the `from` domain (RFC 5321 `TCP-info`: the client's reverse DNS name
    /// and address, e.g. `mail.example.org [192.0.2.1]`).
    pub fn from_info(&self) -> Option<&str> {
        self.from_info.as_deref()
    }
    /// The `by` domain (the receiving server).
    pub fn by(&self) -> Option<&str> {
        self.by.as_deref()
    }
    /// The `via` link.
    pub fn via(&self) -> Option<&str> {
        self.via.as_deref()
    }
    /// The `with` protocol (`ESMTP`, `ESMTPSA`, `LMTP`, …).
    pub fn with(&self) -> Option<&str> {
        self.with.as_deref()
    }
    /// The `id` (the server's queue identifier).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
    /// The `for` recipient, without angle brackets.
    pub fn for_recipient(&self) -> Option<&str> {
        self.for_.as_deref()
    }
    /// The date-time after the `;`.
    pub fn date(&self) -> Option<DateTime> {
        self.date
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> Received<'static> {
        let own = |v: Option<Cow<'a, str>>| v.map(|s| Cow::Owned(s.into_owned()));
        Received {
            from: own(self.from),
            from_info: own(self.from_info),
            by: own(self.by),
            via: own(self.via),
            with: own(self.with),
            id: own(self.id),
            for_: own(self.for_),
            date: self.date,
        }
    }
}

/// A `List-Id` value (RFC 2919 §2): an optional description and the list identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListId<'a> {
    pub(crate) name: Option<Cow<'a, str>>,
    pub(crate) id: Cow<'a, str>,
}

impl ListId<'_> {
    /// The description (a phrase, decoded), when present.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// The identifier, without angle brackets (`list-header.nisto.com`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// A copy that owns its text.
    pub fn into_owned(self) -> ListId<'static> {
        ListId {
            name: self.name.map(|n| Cow::Owned(n.into_owned())),
            id: Cow::Owned(self.id.into_owned()),
        }
    }
}
