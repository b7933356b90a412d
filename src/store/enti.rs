//! SQL for enti coinvolti and their referenti.

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

pub fn insert(tx: &Tx, id: Id, d: &EnteDati) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO ente (id, tipo, nome, codice_meccanografico, istituto_principale_id, grado, indirizzo, cap,
         comune, provincia, regione, email, pec, telefono, updated_at, updated_by, source)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
    )?
    .execute(params![
        id, d.tipo.code(), d.nome, d.codice_meccanografico, d.istituto_principale_id, d.grado, d.indirizzo,
        d.cap, d.comune, d.provincia, d.regione, d.email, d.pec, d.telefono, tx.at(), tx.actor(), tx.source()
    ])?;
    Ok(())
}

pub fn update(tx: &Tx, id: Id, d: &EnteDati) -> Result<()> {
    tx.prepare_cached(
        "UPDATE ente SET tipo=?2, nome=?3, codice_meccanografico=?4, istituto_principale_id=?5, grado=?6,
         indirizzo=?7, cap=?8, comune=?9, provincia=?10, regione=?11, email=?12, pec=?13, telefono=?14,
         rev=rev+1, updated_at=?15, updated_by=?16, source=?17 WHERE id=?1",
    )?
    .execute(params![
        id, d.tipo.code(), d.nome, d.codice_meccanografico, d.istituto_principale_id, d.grado, d.indirizzo,
        d.cap, d.comune, d.provincia, d.regione, d.email, d.pec, d.telefono, tx.at(), tx.actor(), tx.source()
    ])?;
    Ok(())
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

pub fn insert_referente(tx: &Tx, id: Id, d: &ReferenteDati) -> Result<()> {
    tx.execute(
        "INSERT INTO referente (id, ente_id, cognome, nome, ruolo, telefono, email, updated_at, updated_by, source)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        params![id, d.ente_id, d.cognome, d.nome, d.ruolo, d.telefono, d.email, tx.at(), tx.actor(), tx.source()],
    )?;
    Ok(())
}

pub fn update_referente(tx: &Tx, id: Id, d: &ReferenteDati) -> Result<()> {
    tx.execute(
        "UPDATE referente SET ente_id=?2, cognome=?3, nome=?4, ruolo=?5, telefono=?6, email=?7, rev=rev+1,
         updated_at=?8, updated_by=?9, source=?10 WHERE id=?1",
        params![id, d.ente_id, d.cognome, d.nome, d.ruolo, d.telefono, d.email, tx.at(), tx.actor(), tx.source()],
    )?;
    Ok(())
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
