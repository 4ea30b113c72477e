//! Addresses (RFC 5322 §3.4): mailboxes with display names, groups, and the obsolete forms of
//! §4.4 (routes, CFWS inside local parts and domains, empty list members).

use std::borrow::Cow;
use std::fmt;

/// One member of an address list (RFC 5322 §3.4 `address = mailbox / group`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Address<'a> {
    /// A single mailbox.
    Mailbox(Mailbox<'a>),
    /// A named group of mailboxes (possibly empty, as in `Undisclosed recipients:;`).
    Group(Group<'a>),
}

impl<'a> Address<'a> {
    /// The mailboxes of this address: itself, or the members of the group.
    pub fn mailboxes(&self) -> &[Mailbox<'a>] {
        match self {
            Address::Mailbox(m) => std::slice::from_ref(m),
            Address::Group(g) => &g.members,
        }
    }

    /// The mailbox, when this is one.
    pub fn as_mailbox(&self) -> Option<&Mailbox<'a>> {
        match self {
            Address::Mailbox(m) => Some(m),
            Address::Group(_) => None,
        }
    }

    /// The group, when this is one.
    pub fn as_group(&self) -> Option<&Group<'a>> {
        match self {
            Address::Mailbox(_) => None,
            Address::Group(g) => Some(g),
        }
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> Address<'static> {
        match self {
            Address::Mailbox(m) => Address::Mailbox(m.into_owned()),
            Address::Group(g) => Address::Group(g.into_owned()),
        }
    }
}

/// A mailbox (RFC 5322 §3.4 `mailbox = name-addr / addr-spec`).
///
/// The address is kept in canonical `addr-spec` form: CFWS removed (obsolete syntax of §4.4),
/// the local part as a dot-atom when it is one and as a quoted string otherwise. It borrows from
/// the input when the input already had that form, which is the common case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Mailbox<'a> {
    pub(crate) name: Option<Cow<'a, str>>,
    pub(crate) address: Cow<'a, str>,
    /// Byte offset of the `@` separating local part and domain in `address`.
    pub(crate) at: Option<usize>,
    pub(crate) route: Vec<Cow<'a, str>>,
    pub(crate) comment: Option<Cow<'a, str>>,
}

impl fmt::Debug for Mailbox<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Mailbox");
        d.field("name", &self.name).field("address", &self.address);
        if !self.route.is_empty() {
            d.field("route", &self.route);
        }
        if self.comment.is_some() {
            d.field("comment", &self.comment);
        }
        d.finish()
    }
}

/// Why a [`Mailbox`] could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressError {
    /// The address has no `@`, or an empty local part or domain.
    #[error("address is not local-part@domain")]
    NotAnAddrSpec,
    /// The domain is neither a dot-atom nor a domain literal (RFC 5322 §3.4.1).
    #[error("invalid domain")]
    Domain,
    /// A control character (CR and LF included) in the name or the address.
    #[error("control character in address or name")]
    Control,
    /// The address is longer than 254 octets (RFC 5321 §4.5.3.1.3 path limit less the brackets).
    #[error("address too long")]
    TooLong,
}

impl Mailbox<'static> {
    /// A mailbox to write: an optional display name (surrounding white space is trimmed; any
    /// Unicode is fine, the builder encodes it) and an address `local-part@domain`. The local
    /// part may be anything printable (it is quoted when it is not a dot-atom); the domain must
    /// be a dot-atom (UTF-8 allowed, RFC 6532) or a domain literal. Control characters, CR and
    /// LF included, are rejected, so nothing can be injected into a header.
    pub fn new(name: Option<&str>, address: &str) -> Result<Self, AddressError> {
        if address.len() > 254 {
            return Err(AddressError::TooLong);
        }
        let has_control = |s: &str| s.chars().any(char::is_control);
        if has_control(address) || name.is_some_and(has_control) {
            return Err(AddressError::Control);
        }
        let at = address.rfind('@').ok_or(AddressError::NotAnAddrSpec)?;
        let (local, domain) = (&address[..at], &address[at + 1..]);
        if local.is_empty() || domain.is_empty() {
            return Err(AddressError::NotAnAddrSpec);
        }
        let literal = domain.starts_with('[')
            && domain.ends_with(']')
            && domain.len() >= 2
            && domain[1..domain.len() - 1]
                .bytes()
                .all(|b| (33..=126).contains(&b) && !matches!(b, b'[' | b']' | b'\\'));
        let dot_atom = domain
            .split('.')
            .all(|w| !w.is_empty() && w.bytes().all(crate::parse::is_atext_byte));
        if !literal && !dot_atom {
            return Err(AddressError::Domain);
        }
        let local_is_atom = local
            .split('.')
            .all(|w| !w.is_empty() && w.bytes().all(crate::parse::is_atext_byte));
        let (address, at) = if local_is_atom {
            (address.to_owned(), at)
        } else {
            let mut q = String::with_capacity(address.len() + 4);
            q.push('"');
            for c in local.chars() {
                if c == '"' || c == '\\' {
                    q.push('\\');
                }
                q.push(c);
            }
            q.push('"');
            let at = q.len();
            q.push('@');
            q.push_str(domain);
            (q, at)
        };
        let name = name
            .map(|n| n.trim_matches([' ', '\t']))
            .filter(|n| !n.is_empty())
            .map(|n| Cow::Owned(n.to_owned()));
        Ok(Mailbox {
            name,
            address: Cow::Owned(address),
            at: Some(at),
            route: Vec::new(),
            comment: None,
        })
    }
}

impl<'a> Mailbox<'a> {
    /// The display name (`phrase` of RFC 5322 §3.4, `obs-phrase` of §4.1), decoded: quoted
    /// strings unquoted, encoded words (RFC 2047 §5 (3)) decoded, words joined by single spaces.
    /// `None` when the mailbox has none (a bare `addr-spec` or `<addr-spec>`).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address as `local-part@domain` (or the local part alone when the input had no
    /// domain, or the empty string for the null path `<>`).
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The local part's value (RFC 5322 §3.4.1: a quoted string stands for its content).
    pub fn local_part(&self) -> Cow<'_, str> {
        let local = match self.at {
            Some(at) => self.address.get(..at).unwrap_or(""),
            None => &self.address[..],
        };
        match local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
            Some(inner) if inner.contains('\\') => {
                let mut out = String::with_capacity(inner.len());
                let mut chars = inner.chars();
                while let Some(c) = chars.next() {
                    if c == '\\' {
                        if let Some(n) = chars.next() {
                            out.push(n);
                        }
                    } else {
                        out.push(c);
                    }
                }
                Cow::Owned(out)
            }
            Some(inner) => Cow::Borrowed(inner),
            None => Cow::Borrowed(local),
        }
    }

    /// The domain (a `dot-atom` or a domain literal with its brackets), when there is one.
    pub fn domain(&self) -> Option<&str> {
        self.at.and_then(|at| self.address.get(at + 1..))
    }

    /// The domains of an obsolete source route (`<@a,@b:user@c>`, RFC 5322 §4.4), which
    /// receivers ignore.
    pub fn route(&self) -> &[Cow<'a, str>] {
        &self.route
    }

    /// The text of a comment after a bare `addr-spec` (`jdoe@example.org (John Doe)`), decoded;
    /// old software put the display name there.
    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> Mailbox<'static> {
        Mailbox {
            name: self.name.map(|n| Cow::Owned(n.into_owned())),
            address: Cow::Owned(self.address.into_owned()),
            at: self.at,
            route: self
                .route
                .into_iter()
                .map(|r| Cow::Owned(r.into_owned()))
                .collect(),
            comment: self.comment.map(|c| Cow::Owned(c.into_owned())),
        }
    }
}

/// A group (RFC 5322 §3.4 `group = display-name ":" [group-list] ";"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) members: Vec<Mailbox<'a>>,
}

impl<'a> Group<'a> {
    /// The group's display name, decoded like a mailbox's.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The members, in order (empty for `Undisclosed recipients:;`).
    pub fn members(&self) -> &[Mailbox<'a>] {
        &self.members
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> Group<'static> {
        Group {
            name: Cow::Owned(self.name.into_owned()),
            members: self.members.into_iter().map(Mailbox::into_owned).collect(),
        }
    }
}
