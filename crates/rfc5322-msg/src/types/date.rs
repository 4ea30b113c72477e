//! Date-time (RFC 5322 §3.3, obsolete forms of §4.3).

use std::fmt;

/// A day of the week (RFC 5322 §3.3 `day-name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// The three-letter name of RFC 5322 §3.3.
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Mon => "Mon",
            Weekday::Tue => "Tue",
            Weekday::Wed => "Wed",
            Weekday::Thu => "Thu",
            Weekday::Fri => "Fri",
            Weekday::Sat => "Sat",
            Weekday::Sun => "Sun",
        }
    }
}

/// A date and time with the writer's UTC offset (RFC 5322 §3.3), as found in `Date`,
/// `Resent-Date` and `Received`.
///
/// Obsolete forms (§4.3) are normalised when parsed: two-digit years 00-49 are 2000-2049 and
/// 50-99 are 1950-1999, three-digit years have 1900 added; alphabetic zones become their offsets
/// (`EDT` is -04:00; military and unknown zones are -0000, "no information", as §4.3 says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
    /// Offset from UTC in minutes, east positive.
    pub(crate) offset: i16,
    /// `-0000`: the time is UTC and the local offset unknown (RFC 5322 §3.3).
    pub(crate) offset_unknown: bool,
    pub(crate) weekday: Option<Weekday>,
}

/// Why a [`DateTime`] could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid date-time")]
pub struct InvalidDateTime;

impl DateTime {
    /// A date-time, validated: month 1-12, a day that exists in that month, hour 0-23, minute
    /// 0-59, second 0-60 (a leap second), year 0-9999, offset within ±99:59.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        offset_minutes: i16,
    ) -> Result<Self, InvalidDateTime> {
        if year > 9999
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
            || offset_minutes.unsigned_abs() > 99 * 60 + 59
        {
            return Err(InvalidDateTime);
        }
        Ok(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            offset: offset_minutes,
            offset_unknown: false,
            weekday: None,
        })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }
    /// The month, 1-12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month, 1-31.
    pub fn day(&self) -> u8 {
        self.day
    }
    /// The hour, 0-23.
    pub fn hour(&self) -> u8 {
        self.hour
    }
    /// The minute, 0-59.
    pub fn minute(&self) -> u8 {
        self.minute
    }
    /// The second, 0-60 (0 when the input had none).
    pub fn second(&self) -> u8 {
        self.second
    }
    /// The writer's offset from UTC in minutes, east positive.
    pub fn offset_minutes(&self) -> i16 {
        self.offset
    }
    /// Whether the zone was `-0000` (or an obsolete zone that means the same): the time is in
    /// UTC and the writer's local offset is not known (RFC 5322 §3.3, §4.3).
    pub fn offset_unknown(&self) -> bool {
        self.offset_unknown
    }
    /// The day of the week as written, when it was.
    pub fn weekday(&self) -> Option<Weekday> {
        self.weekday
    }

    /// Seconds since 1970-01-01T00:00:00Z (a leap second counts as the next second's start).
    pub fn timestamp(&self) -> i64 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset) * 60
    }

    /// The date-time in RFC 3339 form with the writer's own offset, e.g.
    /// `2001-05-04T14:05:44-04:00`; an unknown offset is written `-00:00` (RFC 3339 §4.3).
    pub fn to_rfc3339(&self) -> String {
        let sign = if self.offset < 0 || self.offset_unknown {
            '-'
        } else {
            '+'
        };
        let off = self.offset.unsigned_abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            sign,
            off / 60,
            off % 60
        )
    }
}

impl fmt::Display for DateTime {
    /// RFC 5322 §3.3 form: `Fri, 21 Nov 1997 09:55:06 -0600`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let wd = self
            .weekday
            .unwrap_or_else(|| weekday_of(self.year, self.month, self.day));
        let sign = if self.offset < 0 || self.offset_unknown {
            '-'
        } else {
            '+'
        };
        let off = self.offset.unsigned_abs();
        write!(
            f,
            "{}, {} {} {:04} {:02}:{:02}:{:02} {}{:02}{:02}",
            wd.name(),
            self.day,
            MONTHS[usize::from(self.month - 1) % 12],
            self.year,
            self.hour,
            self.minute,
            self.second,
            sign,
            off / 60,
            off % 60
        )
    }
}

pub(crate) fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn weekday_of(year: u16, month: u8, day: u8) -> Weekday {
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    // 1970-01-01 was a Thursday.
    match (days + 3).rem_euclid(7) {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_and_weekday() {
        let d = DateTime::new(1997, 11, 21, 9, 55, 6, -360).unwrap();
        assert_eq!(d.timestamp(), 880_127_706);
        assert_eq!(weekday_of(1997, 11, 21), Weekday::Fri);
        assert_eq!(d.to_string(), "Fri, 21 Nov 1997 09:55:06 -0600");
        assert_eq!(d.to_rfc3339(), "1997-11-21T09:55:06-06:00");
        assert!(DateTime::new(2023, 2, 29, 0, 0, 0, 0).is_err());
        assert!(DateTime::new(2024, 2, 29, 0, 0, 0, 0).is_ok());
    }
}
