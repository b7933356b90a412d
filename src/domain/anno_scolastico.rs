//! The school year runs 1 September – 31 August and is written `2025/26`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Stored as the starting year (2025 for 2025/26).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct AnnoScolastico(pub i32);

impl AnnoScolastico {
    pub fn of(date: NaiveDate) -> Self {
        if date.month() >= 9 {
            AnnoScolastico(date.year())
        } else {
            AnnoScolastico(date.year() - 1)
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let (a, b) = text.trim().split_once('/')?;
        let start: i32 = a.trim().parse().ok()?;
        let end: i32 = b.trim().parse().ok()?;
        ((end % 100) == (start + 1) % 100).then_some(AnnoScolastico(start))
    }
}

impl fmt::Display for AnnoScolastico {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

impl Serialize for AnnoScolastico {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AnnoScolastico {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        AnnoScolastico::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "anno scolastico «{text}» non valido: scrivi ad esempio 2025/26"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_year_turns_on_the_first_of_september() {
        let d = |y, m, g| NaiveDate::from_ymd_opt(y, m, g).unwrap();
        assert_eq!(AnnoScolastico::of(d(2025, 8, 31)).to_string(), "2024/25");
        assert_eq!(AnnoScolastico::of(d(2025, 9, 1)).to_string(), "2025/26");
        assert_eq!(AnnoScolastico::parse("2099/00"), Some(AnnoScolastico(2099)));
        assert_eq!(AnnoScolastico::parse("2025/27"), None);
    }
}
