//! Periods and deadlines: inclusive date ranges, day counts, month arithmetic, proration and the
//! status of an open deadline.
//!
//! All calendar arithmetic goes through jiff: days between two dates with `Date::until`, months
//! with a `Span` (which clamps the 31st to the month's last day and February 29 to February 28 in
//! common years). Nothing here counts days by hand. Pure functions; no clock.

use jiff::Span;
use jiff::civil::Date;

use super::Status;
use crate::model::{AcademicYear, YearStart};

/// An inclusive range of days: `first` and `last` both belong to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// First day (ISO 8601 date), inclusive.
    pub first: Date,
    /// Last day, inclusive; never before `first`.
    pub last: Date,
}

impl Period {
    /// The period from `first` to `last`, or `None` when `last` is before `first`.
    pub fn new(first: Date, last: Date) -> Option<Period> {
        (first <= last).then_some(Period { first, last })
    }

    /// The academic year `year` of a program whose year starts on `start`.
    pub fn year(year: AcademicYear, start: YearStart) -> Period {
        let first = year.first_day(start);
        let last = year.last_day(start).max(first);
        Period { first, last }
    }

    /// Number of days in the period, counting both ends (a one-day period has 1).
    pub fn days(self) -> i64 {
        days_between(self.first, self.last) + 1
    }

    /// Whether `date` is in the period (both ends inclusive).
    pub fn contains(self, date: Date) -> bool {
        self.first <= date && date <= self.last
    }

    /// The days the two periods share, if any.
    pub fn intersect(self, other: Period) -> Option<Period> {
        Period::new(self.first.max(other.first), self.last.min(other.last))
    }
}

/// Days from `from` to `to`: positive when `to` is later, 0 on the same day.
pub fn days_between(from: Date, to: Date) -> i64 {
    // A civil-date difference in days always fits a span; 0 is unreachable in practice.
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// `date` plus `days` (negative to go back), saturating at the ends of the calendar.
pub fn add_days(date: Date, days: i64) -> Date {
    Span::new()
        .try_days(days)
        .map(|span| date.saturating_add(span))
        .unwrap_or(if days >= 0 { Date::MAX } else { Date::MIN })
}

/// `date` plus `months` (negative to go back). The day is clamped to the target month's length:
/// 2025-01-31 + 1 month is 2025-02-28, and 2024-02-29 + 12 months is 2025-02-28. Saturates at the
/// ends of the calendar.
pub fn add_months(date: Date, months: i64) -> Date {
    Span::new()
        .try_months(months)
        .map(|span| date.saturating_add(span))
        .unwrap_or(if months >= 0 { Date::MAX } else { Date::MIN })
}

/// How many of `required` a period owes when it covers `covered_days` of a year of `year_days`:
/// `ceil(required × covered_days / year_days)`. `covered_days` is clamped to `0..=year_days`, so
/// the result is always within `0..=required`; a whole year owes `required`, no days owe 0, and a
/// single day owes 1 (when `required` > 0).
pub fn prorate(required: u32, covered_days: i64, year_days: i64) -> u32 {
    if year_days <= 0 {
        return required;
    }
    let covered = covered_days.clamp(0, year_days) as u128;
    let year = year_days as u128;
    let owed = (u128::from(required) * covered).div_ceil(year);
    u32::try_from(owed).unwrap_or(required)
}

/// How many of `required` are expected by now at an even pace, when `elapsed_days` of a year of
/// `year_days` have passed: `floor(required × elapsed_days / year_days)`, within `0..=required`.
pub fn pace(required: u32, elapsed_days: i64, year_days: i64) -> u32 {
    if year_days <= 0 {
        return required;
    }
    let elapsed = elapsed_days.clamp(0, year_days) as u128;
    let expected = u128::from(required) * elapsed / year_days as u128;
    u32::try_from(expected).unwrap_or(required)
}

/// The last day on which the `k`-th of `required` items (1-based) is not yet behind the even
/// pace through `period`. [`pace`] with the days elapsed before `as_of` is below `k` exactly when
/// `as_of` is on or before this day. The `required`-th item's day is the period's last day.
pub fn pace_deadline(period: Period, required: u32, k: u32) -> Date {
    if required == 0 || k == 0 {
        return period.first;
    }
    let k = k.min(required);
    let year = period.days();
    // The smallest elapsed e with floor(required × e / year) >= k is ceil(k × year / required).
    let elapsed = (u128::from(k) * year.max(1) as u128).div_ceil(u128::from(required));
    let elapsed = i64::try_from(elapsed).unwrap_or(year);
    add_days(period.first, elapsed - 1).min(period.last)
}

/// The status of an obligation that is not met yet and falls due on `due` (inclusive: on the due
/// day itself it is not overdue): `overdue` after it, `due-soon` within `due_soon_days` before
/// it, else `on-track`.
pub fn open_status(due: Date, as_of: Date, due_soon_days: u32) -> Status {
    if as_of > due {
        Status::Overdue
    } else if days_between(as_of, due) <= i64::from(due_soon_days) {
        Status::DueSoon
    } else {
        Status::OnTrack
    }
}

/// Total days covered by `periods` (overlaps counted once).
pub fn union_days(periods: &[Period]) -> i64 {
    let mut sorted = periods.to_vec();
    sorted.sort();
    let mut total = 0;
    let mut current: Option<Period> = None;
    for p in sorted {
        current = match current {
            Some(c) if p.first <= add_days(c.last, 1) => Some(Period {
                first: c.first,
                last: c.last.max(p.last),
            }),
            Some(c) => {
                total += c.days();
                Some(p)
            }
            None => Some(p),
        };
    }
    total + current.map_or(0, Period::days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;
    use test_case::test_case;

    fn year(start_year: i16) -> Period {
        Period::year(AcademicYear::new(start_year), YearStart::default())
    }

    #[test_case(date(2025, 1, 31), 1, date(2025, 2, 28); "31st into a short month")]
    #[test_case(date(2024, 1, 31), 1, date(2024, 2, 29); "31st into a leap february")]
    #[test_case(date(2024, 2, 29), 12, date(2025, 2, 28); "february 29 plus a year")]
    #[test_case(date(2024, 2, 29), 48, date(2028, 2, 29); "february 29 plus four years")]
    #[test_case(date(2024, 8, 31), 18, date(2026, 2, 28); "31st plus eighteen months")]
    #[test_case(date(2024, 7, 1), 18, date(2026, 1, 1); "first of the month")]
    #[test_case(date(2025, 7, 1), -6, date(2025, 1, 1); "six months back")]
    #[test_case(date(2025, 8, 31), -6, date(2025, 2, 28); "back onto a short month")]
    fn adds_months_clamping_the_day(from: Date, months: i64, expected: Date) {
        assert_eq!(add_months(from, months), expected);
    }

    #[test_case(date(2024, 2, 28), 1, date(2024, 2, 29); "into a leap day")]
    #[test_case(date(2025, 6, 30), 1, date(2025, 7, 1); "across an academic year boundary")]
    #[test_case(date(2025, 12, 31), 1, date(2026, 1, 1); "across new year")]
    #[test_case(date(2025, 2, 3), 30, date(2025, 3, 5); "thirty days over february")]
    fn adds_days(from: Date, days: i64, expected: Date) {
        assert_eq!(add_days(from, days), expected);
        assert_eq!(add_days(expected, -days), from);
    }

    #[test_case(2023, 366; "year with february 29")]
    #[test_case(2024, 365; "common year")]
    fn counts_days_in_an_academic_year(start_year: i16, days: i64) {
        assert_eq!(year(start_year).days(), days);
    }

    #[test_case(2, 0, 365, 0; "no days")]
    #[test_case(2, 1, 365, 1; "one day owes one")]
    #[test_case(2, 182, 365, 1; "just under half")]
    #[test_case(2, 183, 365, 2; "just over half of an odd year")]
    #[test_case(2, 183, 366, 1; "exactly half")]
    #[test_case(2, 184, 366, 2; "a day past half")]
    #[test_case(2, 365, 365, 2; "whole year")]
    #[test_case(2, 400, 365, 2; "more than a year is clamped")]
    #[test_case(9, 1, 365, 1; "nine a year, one day")]
    #[test_case(0, 365, 365, 0; "nothing required")]
    fn prorates_by_share_of_year_rounding_up(required: u32, covered: i64, days: i64, owed: u32) {
        assert_eq!(prorate(required, covered, days), owed);
    }

    #[test]
    fn prorates_an_agreement_crossing_a_year_boundary() {
        // 2024-01-01 to 2024-12-31: 182 days of 2023-24 (366 days), 184 days of 2024-25 (365).
        let agreement = Period::new(date(2024, 1, 1), date(2024, 12, 31)).expect("ordered");
        let before = agreement.intersect(year(2023)).expect("overlaps 2023-24");
        let after = agreement.intersect(year(2024)).expect("overlaps 2024-25");
        assert_eq!((before.days(), after.days()), (182, 184));
        assert_eq!(prorate(2, before.days(), year(2023).days()), 1);
        assert_eq!(prorate(2, after.days(), year(2024).days()), 2);
    }

    #[test_case(date(2025, 7, 1), 0; "first day")]
    #[test_case(date(2026, 3, 1), 5; "march first")]
    #[test_case(date(2026, 6, 30), 8; "last day")]
    fn paces_sessions_through_the_year(as_of: Date, expected: u32) {
        let y = year(2025);
        assert_eq!(pace(9, days_between(y.first, as_of), y.days()), expected);
    }

    #[test_case(1, date(2025, 8, 10); "first session")]
    #[test_case(7, date(2026, 4, 10); "seventh session")]
    #[test_case(9, date(2026, 6, 30); "last session is due on the last day")]
    fn finds_the_pace_deadline(k: u32, expected: Date) {
        assert_eq!(pace_deadline(year(2025), 9, k), expected);
    }

    #[test_case(date(2026, 1, 1), date(2026, 1, 1), Status::DueSoon; "the due day itself")]
    #[test_case(date(2026, 1, 2), date(2026, 1, 1), Status::Overdue; "the day after")]
    #[test_case(date(2025, 12, 2), date(2026, 1, 1), Status::DueSoon; "thirty days before")]
    #[test_case(date(2025, 12, 1), date(2026, 1, 1), Status::OnTrack; "thirty-one days before")]
    fn classifies_open_deadlines(as_of: Date, due: Date, expected: Status) {
        assert_eq!(open_status(due, as_of, 30), expected);
    }

    #[test]
    fn counts_overlapping_periods_once() {
        let p = |a, b| Period::new(a, b).expect("ordered");
        let periods = [
            p(date(2025, 7, 1), date(2025, 7, 10)),
            p(date(2025, 7, 5), date(2025, 7, 20)),
            p(date(2025, 7, 21), date(2025, 7, 21)),
            p(date(2025, 8, 1), date(2025, 8, 1)),
        ];
        assert_eq!(union_days(&periods), 22);
        assert_eq!(union_days(&[]), 0);
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1900i16..2200, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
            let first = Date::new(y, m, 1).expect("valid month");
            Date::new(y, m, d.min(first.days_in_month())).expect("clamped day")
        })
    }

    fn any_year_start() -> impl Strategy<Value = YearStart> {
        (1i8..=12, 1i8..=31).prop_map(|(month, day)| {
            let probe = Date::new(2024, month, 1).expect("valid month");
            YearStart {
                month,
                day: day.min(probe.days_in_month()),
            }
        })
    }

    proptest! {
        #[test]
        fn proration_stays_within_bounds_and_grows_with_coverage(
            required in 0u32..50,
            a in 0i64..400,
            b in 0i64..400,
            year_days in prop_oneof![Just(365i64), Just(366i64)],
        ) {
            let (lo, hi) = (a.min(b), a.max(b));
            let (owed_lo, owed_hi) = (prorate(required, lo, year_days), prorate(required, hi, year_days));
            prop_assert!(owed_lo <= owed_hi);
            prop_assert!(owed_hi <= required);
            prop_assert_eq!(prorate(required, year_days, year_days), required);
            prop_assert!(pace(required, lo, year_days) <= owed_lo);
        }

        #[test]
        fn deadlines_are_never_before_their_start(start in any_date(), days in 0i64..2000, months in 0i64..120) {
            prop_assert!(add_days(start, days) >= start);
            prop_assert!(add_months(start, months) >= start);
            prop_assert!(add_months(start, -months) <= start);
            prop_assert_eq!(days_between(start, add_days(start, days)), days);
        }

        #[test]
        fn every_date_lies_in_the_academic_year_containing_it(d in any_date(), start in any_year_start()) {
            let y = AcademicYear::containing(d, start);
            let p = Period::year(y, start);
            prop_assert!(p.contains(d));
            prop_assert!(p.days() == 365 || p.days() == 366);
            prop_assert_eq!(add_days(p.last, 1), y.next().first_day(start));
        }

        #[test]
        fn pace_deadlines_agree_with_pace(k in 1u32..=9, offset in 0i64..365) {
            let y = year(2025);
            let as_of = add_days(y.first, offset);
            let behind = pace(9, days_between(y.first, as_of), y.days()) >= k;
            prop_assert_eq!(behind, as_of > pace_deadline(y, 9, k));
        }
    }
}
