//! The scanned register pages kept as evidence (#13): written when a reading
//! is applied, read back for the incontro's screen and its "copia conforme".

use super::Tx;
use crate::error::{Error, RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// A page to keep: where it came from, the incontri whose columns it holds.
pub struct NuovaScansione<'a> {
    pub servizio_id: Id,
    pub pagina: u32,
    pub totale: u32,
    pub file: &'a str,
    pub pagina_file: u32,
    pub impronta_file: &'a str,
    pub jpeg: &'a [u8],
    pub incontri: &'a [Id],
    /// When the reading was applied (UTC, ISO 8601): one for all its pages.
    pub letta_il: &'a str,
}

/// A kept page, without its picture.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scansione {
    pub id: Id,
    pub servizio_id: Id,
    pub pagina: u32,
    pub totale: u32,
    /// The scanned file's name (no folder) and the page's place in it.
    pub file: String,
    pub pagina_file: u32,
    /// SHA-256 of the scanned file.
    pub impronta_file: String,
    /// When it was read (UTC, ISO 8601) and by which orientatore.
    pub letta_il: String,
    pub letta_da: Option<String>,
}

/// Keeps a page (once: the same page of the same file read again adds only
/// the incontri it did not have) and names it in each incontro's change log.
pub fn inserisci(tx: &Tx, s: &NuovaScansione) -> Result<Id> {
    let gia: Option<Id> = tx
        .prepare_cached(
            "SELECT id FROM scansione WHERE servizio_id = ?1 AND pagina = ?2 AND impronta_file = ?3",
        )?
        .query_row(params![s.servizio_id, s.pagina, s.impronta_file], |r| r.get(0))
        .optional()?;
    let id = match gia {
        Some(id) => id,
        None => nuova(tx, s)?,
    };
    for incontro in s.incontri {
        let nuovo = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO scansione_incontro (scansione_id, incontro_id) VALUES (?1, ?2)",
            )?
            .execute(params![id, incontro])?;
        if nuovo == 0 {
            continue;
        }
        tx.log(
            RecordKind::Incontro,
            *incontro,
            &format!(
                "presenze lette dal registro firmato: {} pagina {} (pagina {} di {} del registro)",
                s.file, s.pagina_file, s.pagina, s.totale
            ),
        )?;
    }
    Ok(id)
}

fn nuova(tx: &Tx, s: &NuovaScansione) -> Result<Id> {
    let id = Id::new();
    tx.prepare_cached(
        "INSERT INTO scansione (id, servizio_id, pagina, totale, file, pagina_file,
                                impronta_file, immagine, letta_il, letta_da)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        s.servizio_id,
        s.pagina,
        s.totale,
        s.file,
        s.pagina_file,
        s.impronta_file,
        s.jpeg,
        s.letta_il,
        tx.actor(),
    ])?;
    Ok(id)
}

const COLONNE: &str = "s.id, s.servizio_id, s.pagina, s.totale, s.file, s.pagina_file,
                       s.impronta_file, s.letta_il, s.letta_da";

fn riga(r: &rusqlite::Row) -> rusqlite::Result<Scansione> {
    Ok(Scansione {
        id: r.get(0)?,
        servizio_id: r.get(1)?,
        pagina: r.get(2)?,
        totale: r.get(3)?,
        file: r.get(4)?,
        pagina_file: r.get(5)?,
        impronta_file: r.get(6)?,
        letta_il: r.get(7)?,
        letta_da: r.get(8)?,
    })
}

/// The pages kept for an incontro, the latest reading first.
pub fn di_incontro(conn: &Connection, incontro_id: Id) -> Result<Vec<Scansione>> {
    let sql = format!(
        "SELECT {COLONNE} FROM scansione s
           JOIN scansione_incontro si ON si.scansione_id = s.id
          WHERE si.incontro_id = ?1
          ORDER BY s.letta_il DESC, s.pagina"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let righe = st.query_map([incontro_id], riga)?;
    Ok(righe.collect::<rusqlite::Result<_>>()?)
}

/// A kept page with its picture (JPEG).
pub fn get(conn: &Connection, id: Id) -> Result<(Scansione, Vec<u8>)> {
    let sql = format!("SELECT {COLONNE}, s.immagine FROM scansione s WHERE s.id = ?1");
    conn.query_row(&sql, [id], |r| Ok((riga(r)?, r.get(9)?)))
        .optional()?
        .ok_or_else(|| Error::dati("Questa pagina scansionata non è (più) nel database."))
}
