//! Timestamps as .NET holds them (100-nanosecond ticks since 0001-01-01), read from the forms
//! ADF accepts and written with .NET's standard and custom date and time format strings.
//!
//! Chosen: the service is .NET with the en-US culture (the reference's `'D'` examples print
//! "Tuesday, January 2, 2018", the en-US long date; `03/15/2018 12:00:00` reads month first).

/// Ticks in one second.
pub const TICKS_PER_SECOND: i64 = 10_000_000;
const TICKS_PER_DAY: i64 = 86_400 * TICKS_PER_SECOND;
/// Days from 0001-01-01 to 1970-01-01.
const EPOCH_DAYS: i64 = 719_162;
/// The last tick of 9999-12-31, .NET's `DateTime.MaxValue`.
const MAX_TICKS: i64 = 3_155_378_975_999_999_999;

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Ticks since 0001-01-01T00:00:00 (UTC when `utc`).
    pub ticks: i64,
    /// Whether the time is UTC (written with `Z`); otherwise it had no zone at all.
    pub utc: bool,
}

/// The calendar fields of a timestamp.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    fraction: i64,
    weekday: usize,
}

/// Days since 0001-01-01 of a date (proleptic Gregorian; H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + EPOCH_DAYS
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days - EPOCH_DAYS + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl DateTime {
    /// From calendar fields; `None` when out of range.
    pub fn from_parts(
        year: i64,
        month: u32,
        day: u32,
        hms: (i64, i64, i64),
        fraction: i64,
        utc: bool,
    ) -> Option<Self> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || !(0..24).contains(&hms.0)
            || !(0..60).contains(&hms.1)
            || !(0..60).contains(&hms.2)
        {
            return None;
        }
        let ticks = days_from_civil(year, month, day) * TICKS_PER_DAY
            + (hms.0 * 3600 + hms.1 * 60 + hms.2) * TICKS_PER_SECOND
            + fraction;
        Some(DateTime { ticks, utc })
    }

    fn civil(&self) -> Civil {
        let days = self.ticks.div_euclid(TICKS_PER_DAY);
        let rest = self.ticks.rem_euclid(TICKS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let secs = rest / TICKS_PER_SECOND;
        Civil {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
            fraction: rest % TICKS_PER_SECOND,
            // 0001-01-01 was a Monday.
            weekday: ((days + 1).rem_euclid(7)) as usize,
        }
    }

    /// Day of the week, Sunday = 0 (.NET's `DayOfWeek`).
    pub fn day_of_week(&self) -> i64 {
        self.civil().weekday as i64
    }

    /// Day of the month, from 1.
    pub fn day_of_month(&self) -> i64 {
        i64::from(self.civil().day)
    }

    /// Day of the year, from 1.
    pub fn day_of_year(&self) -> i64 {
        let c = self.civil();
        days_from_civil(c.year, c.month, c.day) - days_from_civil(c.year, 1, 1) + 1
    }

    /// From ticks; `None` outside the years 1 to 9999.
    pub fn from_ticks(ticks: i64, utc: bool) -> Option<Self> {
        (0..=MAX_TICKS)
            .contains(&ticks)
            .then_some(DateTime { ticks, utc })
    }

    fn with_ticks(self, ticks: i64) -> Option<Self> {
        (0..=MAX_TICKS)
            .contains(&ticks)
            .then_some(DateTime { ticks, ..self })
    }

    /// Midnight of its day.
    pub fn start_of_day(self) -> Self {
        DateTime {
            ticks: self.ticks - self.ticks.rem_euclid(TICKS_PER_DAY),
            ..self
        }
    }

    /// The start of its hour.
    pub fn start_of_hour(self) -> Self {
        let hour = 3600 * TICKS_PER_SECOND;
        DateTime {
            ticks: self.ticks - self.ticks.rem_euclid(hour),
            ..self
        }
    }

    /// Midnight of the first day of its month.
    pub fn start_of_month(self) -> Self {
        let c = self.civil();
        DateTime {
            ticks: days_from_civil(c.year, c.month, 1) * TICKS_PER_DAY,
            ..self
        }
    }

    /// Moves by `n` units (`Second`, `Minute`, `Hour`, `Day`, `Week`, `Month`, `Year`, any
    /// case); months and years keep the day, clamped to the month's last (.NET `AddMonths`).
    pub fn add(self, n: i64, unit: &str) -> Result<Self, String> {
        let out_of_range = || "the result is outside the years 1 to 9999".to_string();
        let step = match unit.to_ascii_lowercase().as_str() {
            "second" => TICKS_PER_SECOND,
            "minute" => 60 * TICKS_PER_SECOND,
            "hour" => 3600 * TICKS_PER_SECOND,
            "day" => TICKS_PER_DAY,
            "week" => 7 * TICKS_PER_DAY,
            "month" | "year" => {
                let months = if unit.eq_ignore_ascii_case("year") {
                    n.checked_mul(12).ok_or_else(out_of_range)?
                } else {
                    n
                };
                let c = self.civil();
                let total = (c.year * 12 + i64::from(c.month) - 1)
                    .checked_add(months)
                    .ok_or_else(out_of_range)?;
                let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
                if !(1..=9999).contains(&year) {
                    return Err(out_of_range());
                }
                let day = c.day.min(days_in_month(year, month));
                let time = self.ticks.rem_euclid(TICKS_PER_DAY);
                return self
                    .with_ticks(days_from_civil(year, month, day) * TICKS_PER_DAY + time)
                    .ok_or_else(out_of_range);
            }
            _ => {
                return Err(format!(
                    "'{unit}' is not a time unit (Second, Minute, Hour, Day, Week, Month, Year)"
                ))
            }
        };
        let ticks = n
            .checked_mul(step)
            .and_then(|d| self.ticks.checked_add(d))
            .ok_or_else(out_of_range)?;
        self.with_ticks(ticks).ok_or_else(out_of_range)
    }

    /// Reads a timestamp: ISO 8601 (`2018-03-15`, `2018-03-15T13:00:00Z`, fractions, a `+02:00`
    /// offset, a space for the `T`) or en-US `03/15/2018 12:00:00` (with optional AM/PM).
    ///
    /// Chosen: a timestamp with an offset is converted to UTC, one without a zone stays
    /// without (and is written without `Z`).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        if t.as_bytes().get(2) == Some(&b'/') || t.as_bytes().get(1) == Some(&b'/') {
            return parse_us(t);
        }
        let mut s = Scanner { t, pos: 0 };
        let year = s.digits(4, 4)?;
        s.eat(b'-')?;
        let month = s.digits(2, 2)?;
        s.eat(b'-')?;
        let day = s.digits(2, 2)?;
        let (mut hms, mut fraction) = ((0, 0, 0), 0);
        if matches!(s.peek(), Some(b'T' | b't' | b' ')) {
            s.pos += 1;
            hms.0 = s.digits(2, 2)?;
            s.eat(b':')?;
            hms.1 = s.digits(2, 2)?;
            if s.peek() == Some(b':') {
                s.pos += 1;
                hms.2 = s.digits(2, 2)?;
                if s.peek() == Some(b'.') {
                    s.pos += 1;
                    let start = s.pos;
                    let digits = s.digits(1, 9)?;
                    let n = s.pos - start;
                    // Ticks keep seven digits: scale up short fractions, cut long ones.
                    fraction = if n <= 7 {
                        digits * 10_i64.pow(7 - n as u32)
                    } else {
                        digits / 10_i64.pow(n as u32 - 7)
                    };
                }
            }
        }
        let (utc, offset_minutes) = match s.peek() {
            None => (false, 0),
            Some(b'Z' | b'z') => {
                s.pos += 1;
                (true, 0)
            }
            Some(sign @ (b'+' | b'-')) => {
                s.pos += 1;
                let h = s.digits(2, 2)?;
                if s.peek() == Some(b':') {
                    s.pos += 1;
                }
                let m = s.digits(2, 2)?;
                let total = h * 60 + m;
                (true, if sign == b'+' { total } else { -total })
            }
            Some(_) => return None,
        };
        if s.pos != t.len() {
            return None;
        }
        let dt = DateTime::from_parts(year, month as u32, day as u32, hms, fraction, utc)?;
        let ticks = dt.ticks - offset_minutes * 60 * TICKS_PER_SECOND;
        dt.with_ticks(ticks)
    }

    /// Writes the timestamp with a .NET standard format (one letter) or custom pattern.
    pub fn format(&self, fmt: &str) -> Result<String, String> {
        let mut chars = fmt.chars();
        let pattern = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                standard(c).ok_or_else(|| format!("'{fmt}' is not a .NET date and time format"))?
            }
            _ => fmt,
        };
        custom(self, pattern)
    }
}

/// The en-US pattern of a standard format letter.
fn standard(c: char) -> Option<&'static str> {
    Some(match c {
        'd' => "M/d/yyyy",
        'D' => "dddd, MMMM d, yyyy",
        'f' => "dddd, MMMM d, yyyy h:mm tt",
        'F' | 'U' => "dddd, MMMM d, yyyy h:mm:ss tt",
        'g' => "M/d/yyyy h:mm tt",
        'G' => "M/d/yyyy h:mm:ss tt",
        'm' | 'M' => "MMMM d",
        'o' | 'O' => "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
        'r' | 'R' => "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
        's' => "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        't' => "h:mm tt",
        'T' => "h:mm:ss tt",
        'u' => "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
        'y' | 'Y' => "MMMM yyyy",
        _ => return None,
    })
}

fn pad(out: &mut String, n: i64, width: usize) {
    out.push_str(&format!("{n:0width$}"));
}

/// Writes a custom pattern (.NET's custom date and time format specifiers).
fn custom(dt: &DateTime, pattern: &str) -> Result<String, String> {
    let c = dt.civil();
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&ch) = chars.get(i) {
        let run = chars
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|&&x| x == ch).count());
        match ch {
            'd' => {
                match run {
                    1 | 2 => pad(&mut out, i64::from(c.day), run),
                    3 => out.push_str(DAYS.get(c.weekday).map_or("", |d| d.get(..3).unwrap_or(d))),
                    _ => out.push_str(DAYS.get(c.weekday).copied().unwrap_or("")),
                }
                i += run;
            }
            'f' | 'F' => {
                if run > 7 {
                    return Err(format!("'{pattern}' has more than seven '{ch}'s"));
                }
                let digits = format!("{:07}", c.fraction);
                let mut part = digits.get(..run).unwrap_or("").to_string();
                if ch == 'F' {
                    part = part.trim_end_matches('0').to_string();
                    if part.is_empty() && out.ends_with('.') {
                        out.pop();
                    }
                }
                out.push_str(&part);
                i += run;
            }
            'g' => {
                out.push_str("A.D.");
                i += run;
            }
            'h' => {
                let h12 = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
                pad(&mut out, h12, run.min(2));
                i += run;
            }
            'H' => {
                pad(&mut out, c.hour, run.min(2));
                i += run;
            }
            'm' => {
                pad(&mut out, c.minute, run.min(2));
                i += run;
            }
            's' => {
                pad(&mut out, c.second, run.min(2));
                i += run;
            }
            'M' => {
                let name = MONTHS.get(c.month as usize - 1).copied().unwrap_or("");
                match run {
                    1 | 2 => pad(&mut out, i64::from(c.month), run),
                    3 => out.push_str(name.get(..3).unwrap_or(name)),
                    _ => out.push_str(name),
                }
                i += run;
            }
            't' => {
                let am_pm = if c.hour < 12 { "AM" } else { "PM" };
                out.push_str(if run == 1 {
                    am_pm.get(..1).unwrap_or("")
                } else {
                    am_pm
                });
                i += run;
            }
            'y' => {
                let year = if run <= 2 { c.year % 100 } else { c.year };
                pad(&mut out, year, if run == 1 { 1 } else { run });
                i += run;
            }
            'K' => {
                if dt.utc {
                    out.push('Z');
                }
                i += run;
            }
            'z' => {
                // Chosen: UTC and zoneless times have offset zero (the service runs in UTC).
                match run {
                    1 => out.push_str("+0"),
                    2 => out.push_str("+00"),
                    _ => out.push_str("+00:00"),
                }
                i += run;
            }
            '\'' | '"' => {
                let close = chars
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&x| x == ch))
                    .ok_or_else(|| format!("'{pattern}' has a quote that is never closed"))?;
                out.extend(chars.get(i + 1..i + 1 + close).unwrap_or(&[]));
                i += close + 2;
            }
            '\\' => {
                let next = chars
                    .get(i + 1)
                    .ok_or_else(|| format!("'{pattern}' ends with a backslash"))?;
                out.push(*next);
                i += 2;
            }
            '%' => i += 1,
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    Ok(out)
}

struct Scanner<'t> {
    t: &'t str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.t.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    /// Between `min` and `max` ASCII digits as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<i64> {
        let start = self.pos;
        while self.pos - start < max && self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos - start < min {
            return None;
        }
        self.t.get(start..self.pos)?.parse().ok()
    }
}

/// `M/d/yyyy`, optionally followed by `H:mm[:ss]` and `AM`/`PM`.
fn parse_us(t: &str) -> Option<DateTime> {
    let mut s = Scanner { t, pos: 0 };
    let month = s.digits(1, 2)?;
    s.eat(b'/')?;
    let day = s.digits(1, 2)?;
    s.eat(b'/')?;
    let year = s.digits(4, 4)?;
    let mut hms = (0, 0, 0);
    if s.peek() == Some(b' ') {
        s.pos += 1;
        hms.0 = s.digits(1, 2)?;
        s.eat(b':')?;
        hms.1 = s.digits(2, 2)?;
        if s.peek() == Some(b':') {
            s.pos += 1;
            hms.2 = s.digits(2, 2)?;
        }
        let rest = t.get(s.pos..)?.trim();
        if rest.eq_ignore_ascii_case("PM") && hms.0 < 12 {
            hms.0 += 12;
        } else if rest.eq_ignore_ascii_case("AM") && hms.0 == 12 {
            hms.0 = 0;
        } else if !rest.is_empty()
            && !rest.eq_ignore_ascii_case("AM")
            && !rest.eq_ignore_ascii_case("PM")
        {
            return None;
        }
        s.pos = t.len();
    }
    if s.pos != t.len() {
        return None;
    }
    DateTime::from_parts(year, month as u32, day as u32, hms, 0, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap_or(DateTime {
            ticks: 0,
            utc: false,
        })
    }

    #[test]
    fn round_trips_and_formats() {
        let t = dt("2018-03-15T13:27:36.5Z");
        assert_eq!(t.format("o").as_deref(), Ok("2018-03-15T13:27:36.5000000Z"));
        assert_eq!(
            t.format("yyyy-MM-dd HH:mm:ss.FFF tt").as_deref(),
            Ok("2018-03-15 13:27:36.5 PM")
        );
        assert_eq!(t.format("D").as_deref(), Ok("Thursday, March 15, 2018"));
        assert_eq!(
            t.format("ddd, dd MMM yy h'h'").as_deref(),
            Ok("Thu, 15 Mar 18 1h")
        );
        assert_eq!(t.day_of_week(), 4);
        assert_eq!(t.day_of_year(), 74);
        assert!(t.format("x").is_err());
        assert!(t.format("ffffffff").is_err());
    }

    #[test]
    fn offsets_convert_to_utc_and_months_clamp() {
        assert_eq!(dt("2018-03-15T13:00:00+02:00"), dt("2018-03-15T11:00:00Z"));
        let jan31 = dt("2020-01-31T00:00:00Z");
        assert_eq!(jan31.add(1, "month"), Ok(dt("2020-02-29T00:00:00Z")));
        assert!(dt("9999-12-31T00:00:00Z").add(1, "Day").is_err());
        assert!(jan31.add(i64::MAX, "Second").is_err());
        assert_eq!(dt("0001-01-01T00:00:00Z").ticks, 0);
        assert_eq!(dt("2018-01-01T00:00:00Z").ticks, 636_503_616_000_000_000);
        assert!(DateTime::parse("2018-02-30").is_none());
        assert!(DateTime::parse("13/01/2018").is_none());
        assert_eq!(dt("3/15/2018 1:00:00 PM"), dt("2018-03-15T13:00:00"));
    }
}
