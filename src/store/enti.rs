//! SQL for enti coinvolti and their referenti.

use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::domain::Vocabolario;
use crate::domain::{Ente, EnteDati, Referente, ReferenteDati, TipoEnte};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str =
    "e.id, e.tipo, e.nome, e.codice_meccanografico, e.istituto_principale_id, e.grado,
    e.indirizzo, e.cap, e.comune, e.provincia, e.regione, e.email, e.pec, e.telefono,
    (SELECT COUNT(*) FROM ente p WHERE p.istituto_principale_id = e.id)";

fn row(r: &Row) -> rusqlite::Result<Ente> {
    let tipo: String = r.get(1)?;
    Ok(Ente {
        id: r.get(0)?,
        dati: EnteDati {
            tipo: TipoEnte::from_code(&tipo).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(1, Type::Text, tipo.into())
            })?,
            nome: r.get(2)?,
            codice_meccanografico: r.get(3)?,
            istituto_principale_id: r.get(4)?,
            grado: r.get(5)?,
            indirizzo: r.get(6)?,
            cap: r.get(7)?,
            comune: r.get(8)?,
            provincia: r.get(9)?,
            regione: r.get(10)?,
            email: r.get(11)?,
            pec: r.get(12)?,
            telefono: r.get(13)?,
        },
        plessi: r.get(14)?,
    })
}

/// Which column holds which field (insert and update both write these).
fn colonne(d: &EnteDati) -> Vec<Colonna<'_>> {
    vec![
        ("tipo", Box::new(d.tipo.code())),
        ("nome", Box::new(&d.nome)),
        ("codice_meccanografico", Box::new(&d.codice_meccanografico)),
        ("istituto_principale_id", Box::new(d.istituto_principale_id)),
        ("grado", Box::new(&d.grado)),
        ("indirizzo", Box::new(&d.indirizzo)),
        ("cap", Box::new(&d.cap)),
        ("comune", Box::new(&d.comune)),
        ("provincia", Box::new(&d.provincia)),
        ("regione", Box::new(&d.regione)),
        ("email", Box::new(&d.email)),
        ("pec", Box::new(&d.pec)),
        ("telefono", Box::new(&d.telefono)),
    ]
}

pub fn insert(tx: &Tx, id: Id, d: &EnteDati) -> Result<()> {
    riga::inserisci(tx, "ente", id, colonne(d))
}

pub fn update(tx: &Tx, id: Id, d: &EnteDati) -> Result<()> {
    riga::aggiorna(tx, "ente", id, colonne(d))
}

pub fn get(conn: &Connection, id: Id) -> Result<Ente> {
    let e = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM ente e WHERE e.id = ?1"))?
        .query_row([id], row)
        .optional()?;
    found(e, RecordKind::Ente, id)
}

pub fn by_codice(conn: &Connection, codice: &str) -> Result<Option<Ente>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM ente e WHERE e.codice_meccanografico = ?1"
        ))?
        .query_row([codice], row)
        .optional()?)
}

/// Enti whose name or codice starts with / contains `text` (empty: all), schools' plessi under their principale.
pub fn search(
    conn: &Connection,
    text: &str,
    tipo: Option<TipoEnte>,
    limit: u32,
) -> Result<Vec<Ente>> {
    let pattern = format!("%{}%", text.trim());
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ente e
         WHERE (e.nome LIKE ?1 OR e.codice_meccanografico LIKE ?1 OR e.comune LIKE ?1)
           AND (?2 IS NULL OR e.tipo = ?2)
         ORDER BY e.nome LIMIT ?3"
    ))?;
    let rows = st.query_map(params![pattern, tipo.map(|t| t.code()), limit], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn plessi(conn: &Connection, principale: Id) -> Result<Vec<Ente>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ente e WHERE e.istituto_principale_id = ?1 ORDER BY e.nome"
    ))?;
    let rows = st.query_map([principale], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any modello, intervento, servizio or incontro refers to the ente.
pub fn is_used(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM modello_ente WHERE ente_id = ?1)
             OR EXISTS (SELECT 1 FROM intervento_ente WHERE ente_id = ?1)
             OR EXISTS (SELECT 1 FROM servizio_ente WHERE ente_id = ?1)
             OR EXISTS (SELECT 1 FROM incontro WHERE luogo_ente_id = ?1)
             OR EXISTS (SELECT 1 FROM ente WHERE istituto_principale_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn delete(tx: &Tx, id: Id) -> Result<()> {
    tx.execute("DELETE FROM referente WHERE ente_id = ?1", [id])?;
    tx.execute("DELETE FROM ente WHERE id = ?1", [id])?;
    Ok(())
}

// ---- Referenti --------------------------------------------------------------

const REF_COLUMNS: &str = "id, ente_id, cognome, nome, ruolo, telefono, email";

fn referente_row(r: &Row) -> rusqlite::Result<Referente> {
    Ok(Referente {
        id: r.get(0)?,
        dati: ReferenteDati {
            ente_id: r.get(1)?,
            cognome: r.get(2)?,
            nome: r.get(3)?,
            ruolo: r.get(4)?,
            telefono: r.get(5)?,
            email: r.get(6)?,
        },
    })
}

/// Which column holds which field of a referente.
fn colonne_referente(d: &ReferenteDati) -> Vec<Colonna<'_>> {
    vec![
        ("ente_id", Box::new(d.ente_id)),
        ("cognome", Box::new(&d.cognome)),
        ("nome", Box::new(&d.nome)),
        ("ruolo", Box::new(&d.ruolo)),
        ("telefono", Box::new(&d.telefono)),
        ("email", Box::new(&d.email)),
    ]
}

pub fn insert_referente(tx: &Tx, id: Id, d: &ReferenteDati) -> Result<()> {
    riga::inserisci(tx, "referente", id, colonne_referente(d))
}

pub fn update_referente(tx: &Tx, id: Id, d: &ReferenteDati) -> Result<()> {
    riga::aggiorna(tx, "referente", id, colonne_referente(d))
}

pub fn get_referente(conn: &Connection, id: Id) -> Result<Referente> {
    let r = conn
        .query_row(
            &format!("SELECT {REF_COLUMNS} FROM referente WHERE id = ?1"),
            [id],
            referente_row,
        )
        .optional()?;
    found(r, RecordKind::Referente, id)
}

pub fn referenti(conn: &Connection, ente_id: Option<Id>) -> Result<Vec<Referente>> {
    let mut st = conn.prepare(&format!(
        "SELECT {REF_COLUMNS} FROM referente WHERE ?1 IS NULL OR ente_id = ?1 ORDER BY cognome, nome"
    ))?;
    let rows = st.query_map([ente_id], referente_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
