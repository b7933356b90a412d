//! Stable record ids: UUIDv7, so records created at many desks merge without
//! collisions and sort by creation time.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

/// In TypeScript an id is its text (written by hand: the derive cannot read
/// `serde(transparent)`).
#[cfg(feature = "ts")]
impl ts_rs::TS for Id {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

impl Id {
    pub fn new() -> Self {
        Id(Uuid::now_v7())
    }

    /// A fixed id (shipped list entries, tests).
    pub const fn from_u128(value: u128) -> Self {
        Id(Uuid::from_u128(value))
    }

    /// A short, human-friendly form for registers and messages (last 8 hex digits).
    pub fn short(&self) -> String {
        let s = self.0.simple().to_string();
        s[s.len() - 8..].to_uppercase()
    }
}

impl Default for Id {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for Id {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(Id)
    }
}

impl ToSql for Id {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Id {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        // Ids are written bare: parsed from the bytes, without the UTF-8 check
        // and the trim (the indicators read millions).
        if let ValueRef::Text(t) = value
            && let Ok(u) = Uuid::try_parse_ascii(t)
        {
            return Ok(Id(u));
        }
        let text = value.as_str()?;
        text.parse().map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}
