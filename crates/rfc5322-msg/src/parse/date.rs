//! Date-time parser (RFC 5322 §3.3 and the obsolete syntax of §4.3), lenient.
//!
//! Comments and folding white space may appear anywhere, also around the `:` of the time
//! (§4.3); the day name and the seconds are optional; years may have two or three digits;
//! zones may be numeric (`+hhmm`, also `+hh:mm` and `+hh`) or the obsolete names (`UT`, `GMT`,
//! `EST` … `PDT`, military letters). Beyond the RFC: tokens in any order that is unambiguous
//! (`Nov 21 1997`, asctime's `Fri Nov 21 09:55:06 1997`), full month and day names, a missing
//! comma, no space between the time and a numeric zone, `AM`/`PM`, fractional seconds, ISO 8601 (`1997-11-21T09:55:06-06:00`), a missing zone
//! (read as `-0000`) and a missing time (midnight).

use crate::types::{DateTime, Weekday};

const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];
const DAYS: [(&[u8; 3], Weekday); 7] = [
    (b"mon", Weekday::Mon),
    (b"tue", Weekday::Tue),
    (b"wed", Weekday::Wed),
    (b"thu", Weekday::Thu),
    (b"fri", Weekday::Fri),
    (b"sat", Weekday::Sat),
    (b"sun", Weekday::Sun),
];

/// Longest normalised value looked at; real dates are under 100 bytes.
const MAX_LEN: usize = 256;

/// Parses a `date-time` (RFC 5322 §3.3, §4.3), as in the `Date` field.
///
/// Returns `None` when no valid date can be read (a month, a day and a year at least, forming
/// a real calendar date, with a time in range).
///
/// ```
/// use rfc5322_msg::parse::parse_date_time;
///
/// let d = parse_date_time(b" 21 Nov 97 09:55:06 GMT").unwrap();
/// assert_eq!(d.to_rfc3339(), "1997-11-21T09:55:06+00:00");
/// let d = parse_date_time(b"Thu,\r\n 13\r\n Feb\r\n 1969\r\n 23:32\r\n -0330 (Newfoundland Time)").unwrap();
/// assert_eq!(d.to_rfc3339(), "1969-02-13T23:32:00-03:30");
/// ```
pub fn parse_date_time(value: &[u8]) -> Option<DateTime> {
    let norm = normalize(value);
    let mut weekday = None;
    let mut day: Option<u32> = None;
    let mut month: Option<u8> = None;
    let mut year: Option<u32> = None;
    let mut time: Option<(u32, u32, u32)> = None;
    let mut zone: Option<(i32, bool)> = None;
    let mut pm: Option<bool> = None;

    for tok in norm.split(|b| *b == b' ').filter(|t| !t.is_empty()) {
        let first = tok[0];
        if (first == b'+' || first == b'-') && tok.len() > 1 && tok[1].is_ascii_digit() {
            if zone.is_none() && time.is_some() {
                zone = numeric_zone(tok);
            }
            continue;
        }
        if first.is_ascii_alphabetic() {
            let lower = lower3(tok);
            if let Some(m) = lower.and_then(|l| MONTHS.iter().position(|m| **m == l)) {
                if month.is_none() {
                    month = Some(m as u8 + 1);
                    continue;
                }
            }
            if let Some(l) = lower {
                if let Some((_, wd)) = DAYS.iter().find(|(n, _)| **n == l) {
                    weekday.get_or_insert(*wd);
                    continue;
                }
            }
            if tok.eq_ignore_ascii_case(b"am") || tok.eq_ignore_ascii_case(b"pm") {
                pm = Some(tok.eq_ignore_ascii_case(b"pm"));
                continue;
            }
            if zone.is_none() && time.is_some() {
                zone = alpha_zone(tok);
            }
            continue;
        }
        if !first.is_ascii_digit() {
            continue;
        }
        if let Some(t) = memchr::memchr(b'T', tok).filter(|_| tok.len() >= 10 && tok[4] == b'-') {
            // ISO 8601: 1997-11-21T09:55:06-06:00
            let (ymd, rest) = tok.split_at(t);
            if let Some((y, m, d)) = iso_date(ymd) {
                year = Some(y);
                month = Some(m);
                day = Some(d);
            }
            let rest = &rest[1..];
            let zpos = rest
                .iter()
                .position(|b| matches!(b, b'+' | b'-' | b'Z' | b'z'))
                .unwrap_or(rest.len());
            time = parse_time(&rest[..zpos]);
            let z = &rest[zpos..];
            if z.eq_ignore_ascii_case(b"z") {
                zone = Some((0, false));
            } else if !z.is_empty() {
                zone = numeric_zone(z);
            }
            continue;
        }
        if memchr::memchr(b':', tok).is_some() {
            if time.is_none() {
                // A zone may follow the time without a space (`00:01+0000`).
                let zpos = tok
                    .iter()
                    .position(|b| matches!(b, b'+' | b'-'))
                    .unwrap_or(tok.len());
                // A time that cannot be read makes the whole date unreliable.
                time = Some(parse_time(&tok[..zpos])?);
                if zpos < tok.len() && zone.is_none() {
                    zone = numeric_zone(&tok[zpos..]);
                }
            }
            continue;
        }
        if tok.len() >= 8 && tok[4] == b'-' {
            if let Some((y, m, d)) = iso_date(tok) {
                year = Some(y);
                month = Some(m);
                day = Some(d);
            }
            continue;
        }
        let digits = tok.iter().take_while(|b| b.is_ascii_digit()).count();
        let Some(n) = number(&tok[..digits]) else {
            continue;
        };
        if digits >= 4 {
            year.get_or_insert(n);
        } else if digits == 3 {
            year.get_or_insert(n + 1900);
        } else if day.is_none() {
            day = Some(n);
        } else if year.is_none() {
            year = Some(if n < 50 { n + 2000 } else { n + 1900 });
        }
    }

    let (mut h, m, s) = time.unwrap_or((0, 0, 0));
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    let (offset, unknown) = zone.unwrap_or((0, true));
    let mut dt = DateTime::new(
        u16::try_from(year?).ok()?,
        month?,
        u8::try_from(day?).ok()?,
        u8::try_from(h).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(s).ok()?,
        i16::try_from(offset).ok()?,
    )
    .ok()?;
    dt.offset_unknown = unknown && offset == 0;
    dt.weekday = weekday;
    Some(dt)
}

/// Drops comments, turns every separator into one space and removes the white space around
/// `:` (obsolete syntax puts CFWS there).
fn normalize(value: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(value.len().min(MAX_LEN));
    let mut depth = 0usize;
    let mut i = 0;
    while i < value.len() && out.len() < MAX_LEN {
        let b = value[i];
        i += 1;
        if depth > 0 {
            match b {
                b'\\' => i += 1,
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'(' => {
                depth = 1;
                push_space(&mut out);
            }
            b' ' | b'\t' | b'\r' | b'\n' | b',' => push_space(&mut out),
            b':' => {
                if out.last() == Some(&b' ') {
                    out.pop();
                }
                out.push(b':');
                while i < value.len() && matches!(value[i], b' ' | b'\t' | b'\r' | b'\n') {
                    i += 1;
                }
            }
            _ => out.push(b),
        }
    }
    out
}

fn push_space(out: &mut Vec<u8>) {
    if !matches!(out.last(), None | Some(b' ') | Some(b':')) {
        out.push(b' ');
    }
}

fn lower3(tok: &[u8]) -> Option<[u8; 3]> {
    if tok.len() < 3 || !tok.iter().all(|b| b.is_ascii_alphabetic() || *b == b'.') {
        return None;
    }
    Some([
        tok[0].to_ascii_lowercase(),
        tok[1].to_ascii_lowercase(),
        tok[2].to_ascii_lowercase(),
    ])
}

fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 6 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n = 0u32;
    for &d in digits {
        n = n * 10 + u32::from(d - b'0');
    }
    Some(n)
}

fn parse_time(tok: &[u8]) -> Option<(u32, u32, u32)> {
    let mut parts = tok.split(|b| *b == b':');
    let h = number(parts.next()?)?;
    let m = number(parts.next()?)?;
    let s = match parts.next() {
        Some(s) => {
            let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
            number(&s[..digits])?
        }
        None => 0,
    };
    Some((h, m, s))
}

fn iso_date(tok: &[u8]) -> Option<(u32, u8, u32)> {
    let mut parts = tok.split(|b| *b == b'-');
    let y = number(parts.next()?)?;
    let m = number(parts.next()?)?;
    let d = number(parts.next()?)?;
    Some((y, u8::try_from(m).ok()?, d))
}

/// `+hhmm`, `-hhmm`, `+hh:mm`, `+hh` → (minutes, unknown).
fn numeric_zone(tok: &[u8]) -> Option<(i32, bool)> {
    let neg = tok[0] == b'-';
    let digits: Vec<u8> = tok[1..]
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_digit() || *b == b':')
        .filter(u8::is_ascii_digit)
        .collect();
    let (h, m) = match digits.len() {
        1 | 2 => (number(&digits)?, 0),
        3 => (number(&digits[..1])?, number(&digits[1..])?),
        4 => (number(&digits[..2])?, number(&digits[2..])?),
        _ => return None,
    };
    if m > 59 {
        return None;
    }
    let minutes = (h * 60 + m) as i32;
    Some((if neg { -minutes } else { minutes }, neg && minutes == 0))
}

/// Obsolete zone names (RFC 5322 §4.3).
fn alpha_zone(tok: &[u8]) -> Option<(i32, bool)> {
    let z = |h: i32| Some((h * 60, false));
    let mut buf = [0u8; 3];
    if tok.len() > 3 {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(tok) {
        *d = s.to_ascii_uppercase();
    }
    match &buf[..tok.len()] {
        b"UT" | b"GMT" | b"UTC" | b"Z" => z(0),
        b"EST" => z(-5),
        b"EDT" => z(-4),
        b"CST" => z(-6),
        b"CDT" => z(-5),
        b"MST" => z(-7),
        b"MDT" => z(-6),
        b"PST" => z(-8),
        b"PDT" => z(-7),
        // Military zones and anything else: "SHOULD be considered equivalent to -0000".
        _ => Some((0, true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc3339(s: &str) -> Option<String> {
        parse_date_time(s.as_bytes()).map(|d| d.to_rfc3339())
    }

    #[test]
    fn forms() {
        // Found by the differential test (Python's test_email/data/msg_47.txt).
        assert_eq!(
            rfc3339("01 Jan 2001 00:01+0000").as_deref(),
            Some("2001-01-01T00:01:00+00:00")
        );
        assert_eq!(
            rfc3339("Fri, 21 Nov 1997 09:55:06-0600").as_deref(),
            Some("1997-11-21T09:55:06-06:00")
        );
        assert_eq!(
            rfc3339("Fri, 21 Nov 1997 09:55:06 -0600").as_deref(),
            Some("1997-11-21T09:55:06-06:00")
        );
        assert_eq!(
            rfc3339("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600").as_deref(),
            Some("1997-11-21T09:55:06-06:00")
        );
        assert_eq!(
            rfc3339("21 Nov 97 09:55:06 GMT").as_deref(),
            Some("1997-11-21T09:55:06+00:00")
        );
        assert_eq!(
            rfc3339("1 Jan 03 10:00 EDT").as_deref(),
            Some("2003-01-01T10:00:00-04:00")
        );
        assert_eq!(
            rfc3339("1 Jan 103 10:00 +0100").as_deref(),
            Some("2003-01-01T10:00:00+01:00")
        );
        assert_eq!(
            rfc3339("Fri, 21 Nov 1997 09:55:06 -0000").as_deref(),
            Some("1997-11-21T09:55:06-00:00")
        );
        assert_eq!(
            rfc3339("Fri, 21 Nov 1997 09:55:06 A").as_deref(),
            Some("1997-11-21T09:55:06-00:00")
        );
        assert_eq!(
            rfc3339("Fri Nov 21 09:55:06 1997").as_deref(),
            Some("1997-11-21T09:55:06-00:00")
        );
        assert_eq!(
            rfc3339("Friday, November 21, 1997 9:55:06 PM +0530").as_deref(),
            Some("1997-11-21T21:55:06+05:30")
        );
        assert_eq!(
            rfc3339("1997-11-21T09:55:06-06:00").as_deref(),
            Some("1997-11-21T09:55:06-06:00")
        );
        assert_eq!(
            rfc3339("Tue, 1 Jul 2003 10:52:37 +02:00").as_deref(),
            Some("2003-07-01T10:52:37+02:00")
        );
        assert_eq!(
            rfc3339("Mon, 24 Nov 1997 14:22:01.123 -0800").as_deref(),
            Some("1997-11-24T14:22:01-08:00")
        );
    }

    #[test]
    fn invalid() {
        assert_eq!(rfc3339(""), None);
        assert_eq!(rfc3339("yesterday"), None);
        assert_eq!(rfc3339("31 Feb 2001 10:00 +0000"), None);
        assert_eq!(rfc3339("1 Jan 2001 25:00 +0000"), None);
        // A zone out of range is no information, like an unknown zone name.
        assert_eq!(
            rfc3339("1 Jan 2001 10:00 +9999").as_deref(),
            Some("2001-01-01T10:00:00-00:00")
        );
    }

    #[test]
    fn garbage_in_numbers() {
        // Found by fuzzing: a control byte inside the time.
        assert_eq!(rfc3339("21 Nov 97 09:550\x01:06 GMT"), None);
        assert_eq!(rfc3339("21 Nov 97 0\x019:55 GMT"), None);
    }

    #[test]
    fn weekday_kept() {
        let d = parse_date_time(b"Thu, 13 Feb 1969 23:32:54 -0330").unwrap();
        assert_eq!(d.weekday(), Some(Weekday::Thu));
        assert_eq!(d.second(), 54);
    }
}
