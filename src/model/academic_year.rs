//! Academic years (`2025-26`) and the day they start.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An academic year, named by the calendar year it starts in: `2025-26` starts in 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear {
    /// The calendar year the academic year starts in.
    pub start_year: i16,
}

impl AcademicYear {
    /// The academic year that starts in `start_year`.
    pub fn new(start_year: i16) -> Self {
        AcademicYear { start_year }
    }

    /// The academic year containing `date`, for a program whose year starts on `start`.
    pub fn containing(date: Date, start: YearStart) -> Self {
        let start_this_year = start.in_year(date.year());
        if date >= start_this_year {
            AcademicYear::new(date.year())
        } else {
            AcademicYear::new(date.year() - 1)
        }
    }

    /// First day of the academic year.
    pub fn first_day(self, start: YearStart) -> Date {
        start.in_year(self.start_year)
    }

    /// Last day of the academic year (the day before the next one starts).
    pub fn last_day(self, start: YearStart) -> Date {
        self.next()
            .first_day(start)
            .yesterday()
            .unwrap_or(Date::MAX)
    }

    /// The following academic year.
    pub fn next(self) -> Self {
        AcademicYear::new(self.start_year.saturating_add(1))
    }

    /// The preceding academic year.
    pub fn previous(self) -> Self {
        AcademicYear::new(self.start_year.saturating_sub(1))
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:02}",
            self.start_year,
            (i32::from(self.start_year) + 1).rem_euclid(100)
        )
    }
}

/// Why an academic year could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an academic year like `2025-26` (the second part is the next year's last two digits)"
)]
pub struct AcademicYearError(pub String);

impl FromStr for AcademicYear {
    type Err = AcademicYearError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || AcademicYearError(s.to_owned());
        let (first, second) = s.split_once('-').ok_or_else(err)?;
        if first.len() != 4 || second.len() != 2 {
            return Err(err());
        }
        let start_year: i16 = first.parse().map_err(|_| err())?;
        let end: i32 = second.parse().map_err(|_| err())?;
        if !(1000..=9998).contains(&start_year) || (i32::from(start_year) + 1) % 100 != end {
            return Err(err());
        }
        Ok(AcademicYear::new(start_year))
    }
}

impl Serialize for AcademicYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AcademicYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The month and day an academic year starts (`07-01` for July 1, the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearStart {
    /// Month, 1-12.
    pub month: i8,
    /// Day of the month, 1-31, a day every year has: `02-29` is rejected (an academic year
    /// starting on a leap day would start on a different day in three years of four).
    pub day: i8,
}

impl Default for YearStart {
    fn default() -> Self {
        YearStart { month: 7, day: 1 }
    }
}

impl YearStart {
    /// The start date in calendar year `year`, clamping the day to the month's length.
    pub fn in_year(self, year: i16) -> Date {
        let first = Date::new(year, self.month, 1).unwrap_or(Date::MIN);
        let day = self.day.min(first.days_in_month());
        Date::new(year, self.month, day).unwrap_or(first)
    }
}

impl FromStr for YearStart {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || format!("`{s}` is not a month and day like `07-01`");
        let (m, d) = s.split_once('-').ok_or_else(err)?;
        let month: i8 = m.parse().map_err(|_| err())?;
        let day: i8 = d.parse().map_err(|_| err())?;
        let probe = Date::new(2024, month, 1).map_err(|_| err())?;
        if day < 1 || day > probe.days_in_month() {
            return Err(err());
        }
        if (month, day) == (2, 29) {
            return Err(format!(
                "`{s}` is a day only leap years have; start the academic year on `02-28` or `03-01`"
            ));
        }
        Ok(YearStart { month, day })
    }
}

impl Serialize for YearStart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearStart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for YearStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use test_case::test_case;

    #[test_case("2025-26", Some(2025))]
    #[test_case("1999-00", Some(1999))]
    #[test_case("2025-27", None)]
    #[test_case("25-26", None)]
    #[test_case("2025/26", None)]
    fn parses_academic_years(text: &str, start: Option<i16>) {
        assert_eq!(
            text.parse::<AcademicYear>().ok().map(|y| y.start_year),
            start
        );
    }

    #[test]
    fn displays_across_a_century() {
        assert_eq!(AcademicYear::new(1999).to_string(), "1999-00");
        assert_eq!(AcademicYear::new(2025).to_string(), "2025-26");
    }

    #[test_case(date(2025, 6, 30), 2024; "day before start")]
    #[test_case(date(2025, 7, 1), 2025; "start day")]
    #[test_case(date(2025, 12, 31), 2025; "new year's eve")]
    fn finds_the_year_containing_a_date(d: Date, year: i16) {
        assert_eq!(
            AcademicYear::containing(d, YearStart::default()).start_year,
            year
        );
    }

    #[test]
    fn bounds_a_year() {
        let y = AcademicYear::new(2025);
        let s = YearStart { month: 8, day: 15 };
        assert_eq!(y.first_day(s), date(2025, 8, 15));
        assert_eq!(y.last_day(s), date(2026, 8, 14));
    }

    /// Issue 18 item 6: a leap-day start is rejected, not clamped to February 28.
    #[test]
    fn rejects_a_february_29_start() {
        let error = "02-29"
            .parse::<YearStart>()
            .expect_err("only leap years have it");
        assert!(error.contains("only leap years"), "{error}");
        assert_eq!(
            "02-28".parse::<YearStart>(),
            Ok(YearStart { month: 2, day: 28 })
        );
        assert_eq!(
            "03-01".parse::<YearStart>().map(|s| s.in_year(2025)),
            Ok(date(2025, 3, 1))
        );
    }
}
