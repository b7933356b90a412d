//! SQL for the users of this database (their key slots are in the key file).

use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::domain::{Ruolo, Utente, UtenteDati};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OptionalExtension, Row};

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

/// What may change of a user (the login name never does).
fn colonne(d: &UtenteDati) -> Vec<Colonna<'_>> {
    vec![
        ("nome", Box::new(&d.nome)),
        ("ruolo", Box::new(d.ruolo.as_str())),
        ("orientatore_id", Box::new(d.orientatore_id)),
        ("attivo", Box::new(d.attivo)),
    ]
}

pub fn insert(tx: &Tx, id: Id, d: &UtenteDati) -> Result<()> {
    let mut c: Vec<Colonna> = vec![("nome_utente", Box::new(&d.nome_utente))];
    c.extend(colonne(d));
    riga::inserisci(tx, "utente", id, c)
}

pub fn update(tx: &Tx, id: Id, d: &UtenteDati) -> Result<()> {
    riga::aggiorna(tx, "utente", id, colonne(d))
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
