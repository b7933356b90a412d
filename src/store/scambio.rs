//! SQL of the exchange between desks and the regional office: keys and
//! settings, the desk's export history, and the office's bookkeeping (who
//! sent what, the common version of each record per origin, aliases,
//! conflicts). Whole records are read and written by `voci`.

pub mod tabelle;
pub mod voci;

use super::Tx;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT valore FROM impostazione WHERE chiave = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Sets a setting only if it is not set yet (keys are made once per installation).
pub fn setting_once(tx: &Tx, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO impostazione (chiave, valore) VALUES (?1, ?2)",
        params![key, value],
    )?;
    Ok(())
}

pub fn set_setting(tx: &Tx, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO impostazione (chiave, valore) VALUES (?1, ?2)
         ON CONFLICT(chiave) DO UPDATE SET valore = excluded.valore",
        params![key, value],
    )?;
    Ok(())
}

// ---- Desk ---------------------------------------------------------------------

/// The last change_log seq exported to a destination (0: never).
pub fn ultimo_esportato(conn: &Connection, destinazione: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(seq_a), 0) FROM scambio_esportazione WHERE destinazione = ?1",
        [destinazione],
        |r| r.get(0),
    )?)
}

pub fn ultimo_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// The records of `tipo` changed after `dopo` (up to `fino`), one at a time
/// with the last seq that touched each, in that order.
pub fn cambiati(
    conn: &Connection,
    tipo: &str,
    dopo: i64,
    fino: i64,
    mut voce: impl FnMut(String, i64) -> Result<()>,
) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT record_id, MAX(seq) FROM change_log
         WHERE seq > ?1 AND seq <= ?2 AND record_tipo = ?3 AND record_id IS NOT NULL
         GROUP BY record_id ORDER BY 2",
    )?;
    let mut rows = st.query(params![dopo, fino, tipo])?;
    while let Some(r) = rows.next()? {
        voce(r.get(0)?, r.get(1)?)?;
    }
    Ok(())
}

pub struct Esportazione<'a> {
    pub destinazione: &'a str,
    pub completo: bool,
    pub seq_da: i64,
    pub seq_a: i64,
    pub voci: usize,
    pub file: &'a str,
}

pub fn registra_esportazione(tx: &Tx, e: &Esportazione) -> Result<()> {
    tx.execute(
        "INSERT INTO scambio_esportazione (destinazione, completo, seq_da, seq_a, voci, file, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.destinazione,
            e.completo,
            e.seq_da,
            e.seq_a,
            e.voci as i64,
            e.file,
            tx.at()
        ],
    )?;
    Ok(())
}

// ---- Office -------------------------------------------------------------------

/// What the office last received from a desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Provenienza {
    /// The desk's installation id.
    pub sportello: String,
    /// Its Ed25519 public key (hex), pinned at the first file.
    pub chiave_pubblica: String,
    pub ente_attuatore_id: Option<String>,
    pub ente_nome: Option<String>,
    /// The change_log seqs of the last file received (newest wins).
    pub seq_da: i64,
    pub seq_a: i64,
    pub completo: bool,
    /// When the desk wrote it, and when the office merged it.
    pub creato_il: String,
    pub ricevuto_il: String,
    pub file: Option<String>,
    /// SHA-256 of the file's encrypted content.
    pub impronta: String,
}

pub fn provenienza(conn: &Connection, sportello: &str) -> Result<Option<Provenienza>> {
    Ok(conn
        .query_row(
            "SELECT sportello, chiave_pubblica, ente_attuatore_id, ente_nome, seq_da, seq_a, completo, creato_il,
                    ricevuto_il, file, impronta FROM provenienza WHERE sportello = ?1",
            [sportello],
            provenienza_row,
        )
        .optional()?)
}

fn provenienza_row(r: &rusqlite::Row) -> rusqlite::Result<Provenienza> {
    Ok(Provenienza {
        sportello: r.get(0)?,
        chiave_pubblica: r.get(1)?,
        ente_attuatore_id: r.get(2)?,
        ente_nome: r.get(3)?,
        seq_da: r.get(4)?,
        seq_a: r.get(5)?,
        completo: r.get(6)?,
        creato_il: r.get(7)?,
        ricevuto_il: r.get(8)?,
        file: r.get(9)?,
        impronta: r.get(10)?,
    })
}

pub fn provenienze(conn: &Connection) -> Result<Vec<Provenienza>> {
    let mut st = conn.prepare(
        "SELECT sportello, chiave_pubblica, ente_attuatore_id, ente_nome, seq_da, seq_a, completo, creato_il,
                ricevuto_il, file, impronta FROM provenienza ORDER BY ente_nome, sportello",
    )?;
    let rows = st.query_map([], provenienza_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a file received; the "last received" moves only forward.
pub fn registra_provenienza(tx: &Tx, p: &Provenienza) -> Result<()> {
    tx.execute(
        "INSERT INTO provenienza (sportello, chiave_pubblica, ente_attuatore_id, ente_nome, seq_da, seq_a, completo,
                creato_il, ricevuto_il, file, impronta) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)
         ON CONFLICT(sportello) DO UPDATE SET ente_attuatore_id = excluded.ente_attuatore_id,
                ente_nome = excluded.ente_nome, seq_da = excluded.seq_da, seq_a = excluded.seq_a,
                completo = excluded.completo, creato_il = excluded.creato_il, ricevuto_il = excluded.ricevuto_il,
                file = excluded.file, impronta = excluded.impronta
         WHERE excluded.seq_a > provenienza.seq_a",
        params![
            p.sportello,
            p.chiave_pubblica,
            p.ente_attuatore_id,
            p.ente_nome,
            p.seq_da,
            p.seq_a,
            p.completo,
            p.creato_il,
            p.ricevuto_il,
            p.file,
            p.impronta
        ],
    )?;
    Ok(())
}

/// The common version of a record with an origin: (seq there, content hash; None = deleted).
pub fn base(
    conn: &Connection,
    tipo: &str,
    id: &str,
    origine: &str,
) -> Result<Option<(i64, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq, impronta FROM scambio_base WHERE tipo = ?1 AND id = ?2 AND origine = ?3",
        )?
        .query_row(params![tipo, id, origine], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn set_base(
    tx: &Tx,
    tipo: &str,
    id: &str,
    origine: &str,
    seq: i64,
    impronta: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO scambio_base (tipo, id, origine, seq, impronta) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(tipo, id, origine) DO UPDATE SET seq = excluded.seq, impronta = excluded.impronta",
    )?
    .execute(params![tipo, id, origine, seq, impronta])?;
    Ok(())
}

pub fn alias(conn: &Connection, alias_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM scambio_alias WHERE alias_id = ?1")?
        .query_row([alias_id], |r| r.get(0))
        .optional()?)
}

pub fn set_alias(tx: &Tx, tipo: &str, alias_id: &str, id: &str, origine: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO scambio_alias (alias_id, tipo, id, origine) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![alias_id, tipo, id, origine])?;
    Ok(())
}

/// A record changed both at the office and at a desk since their common version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflitto {
    pub tipo: String,
    pub id: String,
    /// What the screens show (`voci::nome_record`), from the desk's version or the office's.
    #[serde(default)]
    pub nome: String,
    /// The desk it came from.
    pub origine: String,
    /// Its change_log seq at the desk.
    pub seq: i64,
    /// The fields in which the two versions differ.
    pub campi: Vec<String>,
    /// The office's version, and the desk's (None: deleted there).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub ufficio: Option<serde_json::Value>,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub arrivo: Option<serde_json::Value>,
    pub file: Option<String>,
}

pub fn registra_conflitto(tx: &Tx, c: &Conflitto) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO scambio_conflitto (tipo, id, origine, seq, campi, ufficio, arrivo, file, at)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)
         ON CONFLICT(tipo, id, origine) DO UPDATE SET seq = excluded.seq, campi = excluded.campi,
             ufficio = excluded.ufficio, arrivo = excluded.arrivo, file = excluded.file, at = excluded.at
         WHERE excluded.seq > scambio_conflitto.seq",
    )?
    .execute(params![
        c.tipo,
        c.id,
        c.origine,
        c.seq,
        serde_json::to_string(&c.campi)?,
        c.ufficio.as_ref().map(|v| v.to_string()),
        c.arrivo.as_ref().map(|v| v.to_string()),
        c.file,
        tx.at()
    ])?;
    Ok(())
}

pub fn conflitti(conn: &Connection) -> Result<Vec<Conflitto>> {
    let mut st = conn.prepare(&format!(
        "SELECT {CONFLITTO} FROM scambio_conflitto ORDER BY at, tipo, id"
    ))?;
    let rows = st.query_map([], conflitto_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One conflict, by its key.
pub fn conflitto(
    conn: &Connection,
    tipo: &str,
    id: &str,
    origine: &str,
) -> Result<Option<Conflitto>> {
    Ok(conn
        .prepare(&format!(
            "SELECT {CONFLITTO} FROM scambio_conflitto WHERE tipo = ?1 AND id = ?2 AND origine = ?3"
        ))?
        .query_row(params![tipo, id, origine], conflitto_row)
        .optional()?)
}

pub fn cancella_conflitto(tx: &Tx, tipo: &str, id: &str, origine: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM scambio_conflitto WHERE tipo = ?1 AND id = ?2 AND origine = ?3",
        params![tipo, id, origine],
    )?;
    Ok(())
}

const CONFLITTO: &str = "tipo, id, origine, seq, campi, ufficio, arrivo, file";

fn conflitto_row(r: &rusqlite::Row) -> rusqlite::Result<Conflitto> {
    {
        let campi: String = r.get(4)?;
        let json =
            |s: Option<String>| s.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
        let (tipo, id): (String, String) = (r.get(0)?, r.get(1)?);
        let (ufficio, arrivo) = (json(r.get(5)?), json(r.get(6)?));
        // As the merge preview named it: the desk's version, or the office's if deleted there.
        let nome = arrivo
            .iter()
            .chain(&ufficio)
            .find_map(|v| v.get("riga")?.as_object())
            .map_or_else(|| id.clone(), |riga| voci::nome_record(&tipo, riga));
        Ok(Conflitto {
            tipo,
            id,
            nome,
            origine: r.get(2)?,
            seq: r.get(3)?,
            campi: serde_json::from_str(&campi).unwrap_or_default(),
            ufficio,
            arrivo,
            file: r.get(7)?,
        })
    }
}

/// Whether the office holds any alias at all (if not, nothing to rewrite).
pub fn alias_noti(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM scambio_alias LIMIT 1")?
        .exists([])?)
}

/// Parents and children of one file arrive in any order: foreign keys are
/// checked when the transaction commits.
pub fn rinvia_vincoli(tx: &Tx) -> Result<()> {
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    Ok(())
}

/// The implementing body of this desk: the one set in the settings, or the
/// only one; with its name.
pub fn ente_di_questo_sportello(conn: &Connection) -> Result<(Option<String>, Option<String>)> {
    let id = match setting(conn, "ente_attuatore_id")? {
        Some(id) => Some(id),
        None => {
            let ids: Vec<String> = conn
                .prepare("SELECT id FROM ente_attuatore LIMIT 2")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            (ids.len() == 1).then(|| ids[0].clone())
        }
    };
    let nome = match &id {
        Some(id) => conn
            .query_row("SELECT nome FROM ente_attuatore WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?,
        None => None,
    };
    Ok((id, nome))
}
