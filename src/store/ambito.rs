//! Which servizi a report is about: the one selection the indicators and
//! the regional tables share, so a territory or a body counts the same in both.

use crate::ids::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where and when: every field narrows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ambito {
    /// Incontri from this date (included).
    #[serde(default)]
    pub dal: Option<NaiveDate>,
    /// Incontri up to this date (included).
    #[serde(default)]
    pub al: Option<NaiveDate>,
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
    /// The territory (bacino) of the servizio's sede, or of its body's RT;
    /// letters in any case (ASCII: SQLite's `lower`).
    #[serde(default)]
    pub territorio: Option<String>,
}

/// A servizio `s` joined with its body `ea`, sede `se` and RT `rt`.
pub(super) const SERVIZI_DELL_AMBITO: &str =
    "FROM servizio s JOIN ente_attuatore ea ON ea.id = s.ente_attuatore_id
     JOIN sede se ON se.id = s.sede_id LEFT JOIN rt ON rt.id = ea.rt_id";

/// ?1 body, ?4 territory, on `SERVIZI_DELL_AMBITO`'s names (the period, ?2
/// and ?3, is each caller's: by incontro or by servizio).
pub(super) const FILTRO_SERVIZIO: &str = "(?1 IS NULL OR s.ente_attuatore_id = ?1)
     AND (?4 IS NULL OR lower(se.territorio) = lower(?4) OR lower(rt.territorio) = lower(?4))";
