//! SQL for the users of this database (their key slots are in the key file).

use super::{Tx, found};
use crate::domain::{Ruolo, Utente, UtenteDati};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLONNE: &str = "id, nome_utente, nome, ruolo, orientatore_id, attivo";

fn riga(r: &Row) -> rusqlite::Result<Utente> {
    let ruolo: String = r.get(3)?;
    Ok(Utente {
        id: r.get(0)?,
        dati: UtenteDati {
            nome_utente: r.get(1)?,
            nome: r.get(2)?,
            ruolo: Ruolo::da_str(&ruolo).unwrap_or(Ruolo::Orientatore),
            orientatore_id: r.get(4)?,
            attivo: r.get(5)?,
        },
    })
}

pub fn insert(tx: &Tx, id: Id, d: &UtenteDati) -> Result<()> {
    tx.execute(
        "INSERT INTO utente (id, nome_utente, nome, ruolo, orientatore_id, attivo, updated_at, updated_by, source)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
        params![id, d.nome_utente, d.nome, d.ruolo.as_str(), d.orientatore_id, d.attivo,
                tx.at(), tx.actor(), tx.source()],
    )?;
    Ok(())
}

pub fn update(tx: &Tx, id: Id, d: &UtenteDati) -> Result<()> {
    tx.execute(
        "UPDATE utente SET nome = ?2, ruolo = ?3, orientatore_id = ?4, attivo = ?5, rev = rev + 1,
                updated_at = ?6, updated_by = ?7, source = ?8 WHERE id = ?1",
        params![
            id,
            d.nome,
            d.ruolo.as_str(),
            d.orientatore_id,
            d.attivo,
            tx.at(),
            tx.actor(),
            tx.source()
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: Id) -> Result<Utente> {
    let u = conn
        .query_row(
            &format!("SELECT {COLONNE} FROM utente WHERE id = ?1"),
            [id],
            riga,
        )
        .optional()?;
    found(u, RecordKind::Utente, id)
}

pub fn per_nome(conn: &Connection, nome_utente: &str) -> Result<Option<Utente>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLONNE} FROM utente WHERE nome_utente = ?1"),
            [nome_utente.trim()],
            riga,
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Utente>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLONNE} FROM utente ORDER BY attivo DESC, nome COLLATE NOCASE"
    ))?;
    let rows = st.query_map([], riga)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Active coordinatori besides `tranne`: the last one cannot be removed.
pub fn altri_coordinatori(conn: &Connection, tranne: Id) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM utente WHERE ruolo = 'coordinatore' AND attivo = 1 AND id <> ?1",
        [tranne],
        |r| r.get(0),
    )?)
}

/// The active user who is this orientatore, other than `tranne`: one login per person.
pub fn per_orientatore(
    conn: &Connection,
    orientatore: Id,
    tranne: Option<Id>,
) -> Result<Option<Utente>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLONNE} FROM utente WHERE orientatore_id = ?1 AND attivo = 1 AND (?2 IS NULL OR id <> ?2)"
            ),
            rusqlite::params![orientatore, tranne],
            riga,
        )
        .optional()?)
}
