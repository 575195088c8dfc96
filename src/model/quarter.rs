//! A quarter of an academic year (`2025-26-Q3`): the period of the program director's
//! quarterly report (seed 004) and of the fall-quarter notice. Pure: dates in, dates out.

use std::fmt;
use std::str::FromStr;

use jiff::ToSpan;
use jiff::civil::Date;

use super::{AcademicYear, Program};

/// A quarter of an academic year: `2025-26-Q3` is the third three-month block from the year's
/// start day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quarter {
    /// The academic year.
    pub year: AcademicYear,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    /// The quarter containing `date`.
    pub fn containing(date: Date, program: &Program) -> Self {
        let start = program.year_start();
        let year = AcademicYear::containing(date, start);
        let mut number = 1;
        while number < 4
            && (Quarter {
                year,
                number: number + 1,
            })
            .first_day(program)
                <= date
        {
            number += 1;
        }
        Quarter { year, number }
    }

    /// First day (year start + 3 × (n − 1) months).
    pub fn first_day(self, program: &Program) -> Date {
        let first = self.year.first_day(program.year_start());
        first
            .checked_add((3 * (i64::from(self.number) - 1)).months())
            .unwrap_or(first)
    }

    /// Last day (the day before the next quarter).
    pub fn last_day(self, program: &Program) -> Date {
        if self.number == 4 {
            return self.year.last_day(program.year_start());
        }
        let next = Quarter {
            year: self.year,
            number: self.number + 1,
        };
        next.first_day(program).yesterday().unwrap_or(Date::MAX)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || format!("`{s}` is not a quarter like `2025-26-Q3`");
        let (year, q) = s.rsplit_once("-Q").ok_or_else(err)?;
        let year: AcademicYear = year.parse().map_err(|_| err())?;
        let number: u8 = q.parse().map_err(|_| err())?;
        if !(1..=4).contains(&number) {
            return Err(err());
        }
        Ok(Quarter { year, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_bounds_quarters() {
        let program = Program::default();
        let q: Quarter = "2025-26-Q3".parse().expect("quarter");
        assert_eq!(q.first_day(&program), jiff::civil::date(2026, 1, 1));
        assert_eq!(q.last_day(&program), jiff::civil::date(2026, 3, 31));
        assert_eq!(
            Quarter::containing(jiff::civil::date(2026, 3, 1), &program),
            q
        );
        assert_eq!(q.to_string(), "2025-26-Q3");
        assert!("2025-26-Q5".parse::<Quarter>().is_err());
        let q4: Quarter = "2025-26-Q4".parse().expect("q4");
        assert_eq!(q4.last_day(&program), jiff::civil::date(2026, 6, 30));
    }
}
