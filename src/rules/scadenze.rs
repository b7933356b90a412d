//! The 15-day deadlines (INC-06, SER-11): a warning from day 10, late after
//! day 15 [000 §5]. Closing late is allowed, flagged and counted.

use crate::error::Severity;
use chrono::NaiveDate;

pub const AVVISO_DAL_GIORNO: i64 = 10;
pub const TERMINE_GIORNI: i64 = 15;

/// Days elapsed from `from` to `oggi`.
pub fn giorni(from: NaiveDate, oggi: NaiveDate) -> i64 {
    (oggi - from).num_days()
}

/// What the deadline says `giorni` after the event: nothing, a warning, or late.
pub fn stato(giorni: i64) -> Option<Severity> {
    if giorni > TERMINE_GIORNI {
        Some(Severity::Ritardo)
    } else if giorni >= AVVISO_DAL_GIORNO {
        Some(Severity::Avviso)
    } else {
        None
    }
}

/// Whether closing on `oggi` something dated `from` is late.
pub fn in_ritardo(from: NaiveDate, oggi: NaiveDate) -> bool {
    giorni(from, oggi) > TERMINE_GIORNI
}

/// The deadline date, for messages.
pub fn termine(from: NaiveDate) -> NaiveDate {
    from + chrono::Days::new(TERMINE_GIORNI as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_9_nothing_day_10_warning_day_15_still_in_time_day_16_late() {
        assert_eq!(stato(9), None);
        assert_eq!(stato(10), Some(Severity::Avviso));
        assert_eq!(stato(15), Some(Severity::Avviso));
        assert_eq!(stato(16), Some(Severity::Ritardo));
    }
}
