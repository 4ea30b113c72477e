//! The `CAPA` capability list (RFC 2449 §5-§6, RFC 2595 §4, RFC 3206 §6, RFC 5034 §3,
//! RFC 6856 §2-§3).

use mail_sasl::Mechanism;

use super::response::ResponseValueError;

/// A SASL mechanism advertised by the `SASL` capability (RFC 5034 §3): one this stack
/// implements, or another name kept in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthMechanism {
    /// A mechanism [`mail_sasl`] implements.
    Known(Mechanism),
    /// Any other mechanism name (`GSSAPI`, `DIGEST-MD5`, …), upper-cased.
    Other(String),
}

impl AuthMechanism {
    /// Classifies a mechanism name (RFC 4422 §3.1: case-insensitive).
    pub fn from_name(name: &str) -> Self {
        match Mechanism::from_bytes(name.as_bytes()) {
            Ok(m) => AuthMechanism::Known(m),
            Err(_) => AuthMechanism::Other(name.to_ascii_uppercase()),
        }
    }

    /// The name in upper case.
    pub fn as_str(&self) -> &str {
        match self {
            AuthMechanism::Known(m) => m.as_str(),
            AuthMechanism::Other(s) => s,
        }
    }
}

/// The argument of the `EXPIRE` capability (RFC 2449 §6.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExpirePolicy {
    /// Messages are kept at least this many days; 0 means the client must not leave mail on
    /// the server.
    Days(u64),
    /// `NEVER`: the server does not delete messages.
    Never,
}

/// `capa-tag` characters (RFC 2449 §3 `cchar`): printable ASCII except `.`.
pub(crate) const fn is_cchar(b: u8) -> bool {
    matches!(b, 0x21..=0x2d | 0x2f..=0x7e)
}

/// Parameter characters: RFC 2449 §3 `pchar` (printable ASCII except space); 8-bit bytes are
/// accepted as well (UTF-8 in `IMPLEMENTATION` strings).
pub(crate) const fn is_pchar(b: u8) -> bool {
    b > 0x20 && b != 0x7f
}

pub(crate) fn is_capa_tag(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_cchar)
}

pub(crate) fn is_capa_param(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_pchar)
}

/// A capability not modelled by [`Capability`], with its parameters, in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCapability {
    tag: String,
    params: Vec<String>,
}

impl UnknownCapability {
    /// Validates the tag (`1*cchar`) and parameters (`1*pchar`) against RFC 2449 §3. The tag is
    /// upper-cased (tags are case-insensitive, RFC 2449 §5).
    ///
    /// Tags that [`Capability`] models are refused with [`ResponseValueError::ReservedTag`]:
    /// use the typed variant, so that a capability list reads back as it was built.
    pub fn new(tag: &str, params: Vec<String>) -> Result<Self, ResponseValueError> {
        let upper = tag.to_ascii_uppercase();
        if Capability::MODELLED.contains(&upper.as_str()) {
            return Err(ResponseValueError::ReservedTag);
        }
        Self::new_unchecked_tag(tag, params)
    }

    /// As [`new`](Self::new) without the reserved-tag check: for the parser, which keeps a
    /// modelled tag whose parameters do not fit (`LOGIN-DELAY abc`).
    pub(crate) fn new_unchecked_tag(
        tag: &str,
        params: Vec<String>,
    ) -> Result<Self, ResponseValueError> {
        if !is_capa_tag(tag) || !params.iter().all(|p| is_capa_param(p)) {
            return Err(ResponseValueError::Capability);
        }
        Ok(Self {
            tag: tag.to_ascii_uppercase(),
            params,
        })
    }

    /// The tag, upper-cased.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The parameters, as sent.
    pub fn params(&self) -> &[String] {
        &self.params
    }
}

/// One capability of a `CAPA` response. Tags are case-insensitive on input and written in
/// upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Capability {
    /// `TOP` (RFC 2449 §6.1): the `TOP` command.
    Top,
    /// `USER` (RFC 2449 §6.2): `USER` and `PASS`.
    User,
    /// `SASL mech…` (RFC 5034 §3): `AUTH` with these mechanisms.
    Sasl(Vec<AuthMechanism>),
    /// `RESP-CODES` (RFC 2449 §6.4): response text starting with `[` is a response code.
    RespCodes,
    /// `LOGIN-DELAY n [USER]` (RFC 2449 §6.5).
    LoginDelay {
        /// Minimum seconds between logins.
        seconds: u64,
        /// `USER`: the value may be different (lower) after authentication.
        per_user: bool,
    },
    /// `PIPELINING` (RFC 2449 §6.6): commands may be sent without waiting for responses.
    Pipelining,
    /// `EXPIRE n|NEVER [USER]` (RFC 2449 §6.7).
    Expire {
        /// The retention policy.
        policy: ExpirePolicy,
        /// `USER`: the value may be different after authentication.
        per_user: bool,
    },
    /// `UIDL` (RFC 2449 §6.8): the `UIDL` command.
    Uidl,
    /// `IMPLEMENTATION text` (RFC 2449 §6.9): the tokens, joined by single spaces.
    Implementation(String),
    /// `STLS` (RFC 2595 §4).
    Stls,
    /// `AUTH-RESP-CODE` (RFC 3206 §6): credential failures carry `[AUTH]`.
    AuthRespCode,
    /// `UTF8 [USER]` (RFC 6856 §2): the `UTF8` command; `USER`: UTF-8 user names and passwords.
    Utf8 {
        /// The `USER` argument.
        user: bool,
    },
    /// `LANG` (RFC 6856 §3).
    Lang,
    /// Any other capability, kept with its parameters.
    Unknown(UnknownCapability),
}

impl Capability {
    /// The tags of the typed variants.
    pub const MODELLED: [&'static str; 13] = [
        "TOP",
        "USER",
        "SASL",
        "RESP-CODES",
        "LOGIN-DELAY",
        "PIPELINING",
        "EXPIRE",
        "UIDL",
        "IMPLEMENTATION",
        "STLS",
        "AUTH-RESP-CODE",
        "UTF8",
        "LANG",
    ];

    /// An `IMPLEMENTATION` capability from text: one or more tokens of `pchar` separated by
    /// single spaces.
    pub fn implementation(text: &str) -> Result<Self, ResponseValueError> {
        if !text.split(' ').all(is_capa_param) {
            return Err(ResponseValueError::Capability);
        }
        Ok(Capability::Implementation(text.to_owned()))
    }

    /// The tag, upper-cased.
    pub fn tag(&self) -> &str {
        match self {
            Capability::Top => "TOP",
            Capability::User => "USER",
            Capability::Sasl(_) => "SASL",
            Capability::RespCodes => "RESP-CODES",
            Capability::LoginDelay { .. } => "LOGIN-DELAY",
            Capability::Pipelining => "PIPELINING",
            Capability::Expire { .. } => "EXPIRE",
            Capability::Uidl => "UIDL",
            Capability::Implementation(_) => "IMPLEMENTATION",
            Capability::Stls => "STLS",
            Capability::AuthRespCode => "AUTH-RESP-CODE",
            Capability::Utf8 { .. } => "UTF8",
            Capability::Lang => "LANG",
            Capability::Unknown(u) => u.tag(),
        }
    }
}

/// The capabilities of a `CAPA` response, in the order the server listed them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Capabilities {
    pub(crate) list: Vec<Capability>,
}

impl Capabilities {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a capability; a `SASL` capability is merged into an existing one (no duplicates).
    pub fn push(&mut self, cap: Capability) {
        if let Capability::Sasl(mechs) = cap {
            let existing = self.list.iter_mut().find_map(|c| match c {
                Capability::Sasl(v) => Some(v),
                _ => None,
            });
            match existing {
                Some(v) => {
                    for m in mechs {
                        if !v.contains(&m) {
                            v.push(m);
                        }
                    }
                }
                None => {
                    let mut v: Vec<AuthMechanism> = Vec::with_capacity(mechs.len());
                    for m in mechs {
                        if !v.contains(&m) {
                            v.push(m);
                        }
                    }
                    self.list.push(Capability::Sasl(v));
                }
            }
        } else {
            self.list.push(cap);
        }
    }

    /// Removes every capability with this tag (case-insensitive).
    pub fn remove(&mut self, tag: &str) {
        self.list.retain(|c| !c.tag().eq_ignore_ascii_case(tag));
    }

    /// All capabilities, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Capability> + '_ {
        self.list.iter()
    }

    /// The capability with this tag (case-insensitive), if advertised.
    pub fn get(&self, tag: &str) -> Option<&Capability> {
        self.list.iter().find(|c| c.tag().eq_ignore_ascii_case(tag))
    }

    /// Whether a capability with this tag was advertised.
    pub fn has(&self, tag: &str) -> bool {
        self.get(tag).is_some()
    }

    /// `PIPELINING` (RFC 2449 §6.6).
    pub fn pipelining(&self) -> bool {
        self.has("PIPELINING")
    }

    /// `STLS` (RFC 2595 §4).
    pub fn stls(&self) -> bool {
        self.has("STLS")
    }

    /// `RESP-CODES` (RFC 2449 §6.4).
    pub fn resp_codes(&self) -> bool {
        self.has("RESP-CODES")
    }

    /// The advertised SASL mechanisms (empty when `SASL` is absent).
    pub fn sasl_mechanisms(&self) -> &[AuthMechanism] {
        self.list
            .iter()
            .find_map(|c| match c {
                Capability::Sasl(v) => Some(v.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// The known [`Mechanism`]s among the advertised ones, in order.
    pub fn known_mechanisms(&self) -> impl Iterator<Item = Mechanism> + '_ {
        self.sasl_mechanisms().iter().filter_map(|m| match m {
            AuthMechanism::Known(m) => Some(*m),
            AuthMechanism::Other(_) => None,
        })
    }

    /// `LOGIN-DELAY` seconds, if advertised.
    pub fn login_delay(&self) -> Option<u64> {
        self.list.iter().find_map(|c| match c {
            Capability::LoginDelay { seconds, .. } => Some(*seconds),
            _ => None,
        })
    }

    /// The `EXPIRE` policy, if advertised.
    pub fn expire(&self) -> Option<ExpirePolicy> {
        self.list.iter().find_map(|c| match c {
            Capability::Expire { policy, .. } => Some(*policy),
            _ => None,
        })
    }

    /// The `IMPLEMENTATION` text, if advertised.
    pub fn implementation(&self) -> Option<&str> {
        self.list.iter().find_map(|c| match c {
            Capability::Implementation(s) => Some(s.as_str()),
            _ => None,
        })
    }

    /// The number of capabilities.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl FromIterator<Capability> for Capabilities {
    fn from_iter<I: IntoIterator<Item = Capability>>(iter: I) -> Self {
        let mut caps = Capabilities::new();
        for c in iter {
            caps.push(c);
        }
        caps
    }
}
