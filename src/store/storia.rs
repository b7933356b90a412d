//! A record's history as the change log keeps it (domain.md §8: who, when,
//! what), newest first, with the author's name.

use crate::error::Result;
use crate::ids::Id;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VoceStoria {
    /// When, as stored (ISO date and time).
    pub quando: String,
    /// The user who logged in (before users existed: the orientatore), by name;
    /// `None` for the demo, or a record merged from another desk.
    pub chi: Option<String>,
    /// `ui`, `cli`, `import`, `merge`, `demo`.
    pub fonte: String,
    pub operazione: String,
    /// What changed: `campo: prima → dopo; …`, or a note.
    pub dettaglio: Option<String>,
}

/// At most `limite` entries about `record`, the newest first.
pub fn di(conn: &Connection, record: Id, limite: u32) -> Result<Vec<VoceStoria>> {
    let mut st = conn.prepare_cached(
        "SELECT c.at, COALESCE(u.nome, o.cognome || ' ' || o.nome), c.source, c.operation, c.detail
         FROM change_log c LEFT JOIN utente u ON u.id = c.actor LEFT JOIN orientatore o ON o.id = c.actor
         WHERE c.record_id = ?1 ORDER BY c.seq DESC LIMIT ?2",
    )?;
    let rows = st.query_map(params![record, limite], |r| {
        Ok(VoceStoria {
            quando: r.get(0)?,
            chi: r.get(1)?,
            fonte: r.get(2)?,
            operazione: r.get(3)?,
            dettaglio: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
