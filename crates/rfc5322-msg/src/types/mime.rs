//! MIME header values: `Content-Type` (RFC 2045 §5), `Content-Disposition` (RFC 2183),
//! parameters with RFC 2231 continuations and charsets, `Content-Transfer-Encoding`
//! (RFC 2045 §6).

use std::borrow::Cow;

use super::Charset;

/// A parameter of `Content-Type` or `Content-Disposition` (RFC 2045 §5.1 `parameter`), after
/// RFC 2231 continuations were joined and its value decoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Parameter<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) value: Cow<'a, str>,
    pub(crate) language: Option<Cow<'a, str>>,
}

impl<'a> Parameter<'a> {
    /// The attribute name, lowercase, without RFC 2231 section or `*` markers.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value, decoded to UTF-8: RFC 2231 `charset'language'%XX` values through their
    /// charset, RFC 2047 encoded words inside quoted strings (a common client practice) decoded,
    /// raw 8-bit values read as UTF-8.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The RFC 2231 §4 language tag, when one was given.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref().filter(|l| !l.is_empty())
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> Parameter<'static> {
        Parameter {
            name: Cow::Owned(self.name.into_owned()),
            value: Cow::Owned(self.value.into_owned()),
            language: self.language.map(|l| Cow::Owned(l.into_owned())),
        }
    }
}

fn find_param<'p>(params: &'p [Parameter<'_>], name: &str) -> Option<&'p str> {
    params
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .map(|p| &*p.value)
}

/// A `Content-Type` value (RFC 2045 §5.1): `type/subtype` and parameters.
///
/// Type and subtype are lowercase (they are case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContentType<'a> {
    pub(crate) main: Cow<'a, str>,
    pub(crate) sub: Cow<'a, str>,
    pub(crate) params: Vec<Parameter<'a>>,
}

impl<'a> ContentType<'a> {
    /// `text/plain; charset=us-ascii`, the default of RFC 2045 §5.2.
    pub fn text_plain() -> ContentType<'static> {
        ContentType {
            main: Cow::Borrowed("text"),
            sub: Cow::Borrowed("plain"),
            params: vec![Parameter {
                name: Cow::Borrowed("charset"),
                value: Cow::Borrowed("us-ascii"),
                language: None,
            }],
        }
    }

    /// `message/rfc822`, the default inside `multipart/digest` (RFC 2046 §5.1.5).
    pub fn message_rfc822() -> ContentType<'static> {
        ContentType {
            main: Cow::Borrowed("message"),
            sub: Cow::Borrowed("rfc822"),
            params: Vec::new(),
        }
    }

    /// The top-level type, lowercase (`text`, `multipart`, …).
    pub fn main_type(&self) -> &str {
        &self.main
    }

    /// The subtype, lowercase (`plain`, `mixed`, …).
    pub fn subtype(&self) -> &str {
        &self.sub
    }

    /// `type/subtype`, lowercase.
    pub fn mime_type(&self) -> String {
        format!("{}/{}", self.main, self.sub)
    }

    /// Whether this is `main/sub` (compared case-insensitively).
    pub fn is(&self, main: &str, sub: &str) -> bool {
        self.main.eq_ignore_ascii_case(main) && self.sub.eq_ignore_ascii_case(sub)
    }

    /// Whether the type is `multipart/*` (RFC 2046 §5.1).
    pub fn is_multipart(&self) -> bool {
        self.main == "multipart"
    }

    /// Whether the type is `text/*`.
    pub fn is_text(&self) -> bool {
        self.main == "text"
    }

    /// Whether this is an encapsulated message: `message/rfc822` (RFC 2046 §5.2.1) or
    /// `message/global` (RFC 6532 §3.7).
    pub fn is_message(&self) -> bool {
        self.main == "message" && (self.sub == "rfc822" || self.sub == "global")
    }

    /// The parameters, in order.
    pub fn params(&self) -> &[Parameter<'a>] {
        &self.params
    }

    /// The value of parameter `name` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }

    /// The `charset` parameter.
    pub fn charset(&self) -> Option<&str> {
        self.param("charset")
    }

    /// The `boundary` parameter of a multipart (RFC 2046 §5.1.1).
    pub fn boundary(&self) -> Option<&str> {
        self.param("boundary")
    }

    /// The `name` parameter (the pre-RFC 2183 way of giving a file name).
    pub fn name(&self) -> Option<&str> {
        self.param("name")
    }

    /// The charset to decode text with: the `charset` parameter resolved, or US-ASCII when there
    /// is none (RFC 2045 §5.2).
    pub fn resolved_charset(&self) -> Charset {
        match self.charset() {
            Some(c) => Charset::from_label(c.as_bytes()),
            None => Charset::US_ASCII,
        }
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> ContentType<'static> {
        ContentType {
            main: Cow::Owned(self.main.into_owned()),
            sub: Cow::Owned(self.sub.into_owned()),
            params: self.params.into_iter().map(Parameter::into_owned).collect(),
        }
    }
}

/// A `Content-Disposition` value (RFC 2183 §2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContentDisposition<'a> {
    pub(crate) kind: Cow<'a, str>,
    pub(crate) params: Vec<Parameter<'a>>,
}

impl<'a> ContentDisposition<'a> {
    /// The disposition type, lowercase (`inline`, `attachment`, or an extension).
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Whether the type is `attachment`.
    pub fn is_attachment(&self) -> bool {
        self.kind == "attachment"
    }

    /// Whether the type is `inline`.
    pub fn is_inline(&self) -> bool {
        self.kind == "inline"
    }

    /// The parameters, in order.
    pub fn params(&self) -> &[Parameter<'a>] {
        &self.params
    }

    /// The value of parameter `name` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }

    /// The decoded `filename` parameter (RFC 2183 §2.3, RFC 2231).
    pub fn filename(&self) -> Option<&str> {
        self.param("filename")
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> ContentDisposition<'static> {
        ContentDisposition {
            kind: Cow::Owned(self.kind.into_owned()),
            params: self.params.into_iter().map(Parameter::into_owned).collect(),
        }
    }
}

/// A `Content-Transfer-Encoding` (RFC 2045 §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TransferEncoding<'a> {
    /// `7bit`, also the default when the field is absent.
    SevenBit,
    /// `8bit`.
    EightBit,
    /// `binary`.
    Binary,
    /// `quoted-printable` (RFC 2045 §6.7).
    QuotedPrintable,
    /// `base64` (RFC 2045 §6.8).
    Base64,
    /// Anything else (`x-uuencode`, a typo, …), lowercase; the body is left as it is.
    Other(Cow<'a, str>),
}

impl TransferEncoding<'_> {
    /// The lowercase name.
    pub fn as_str(&self) -> &str {
        match self {
            TransferEncoding::SevenBit => "7bit",
            TransferEncoding::EightBit => "8bit",
            TransferEncoding::Binary => "binary",
            TransferEncoding::QuotedPrintable => "quoted-printable",
            TransferEncoding::Base64 => "base64",
            TransferEncoding::Other(s) => s,
        }
    }

    /// Whether decoding changes the bytes (quoted-printable and base64).
    pub fn is_encoded(&self) -> bool {
        matches!(
            self,
            TransferEncoding::QuotedPrintable | TransferEncoding::Base64
        )
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> TransferEncoding<'static> {
        match self {
            TransferEncoding::SevenBit => TransferEncoding::SevenBit,
            TransferEncoding::EightBit => TransferEncoding::EightBit,
            TransferEncoding::Binary => TransferEncoding::Binary,
            TransferEncoding::QuotedPrintable => TransferEncoding::QuotedPrintable,
            TransferEncoding::Base64 => TransferEncoding::Base64,
            TransferEncoding::Other(s) => TransferEncoding::Other(Cow::Owned(s.into_owned())),
        }
    }
}
