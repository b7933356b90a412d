//! SQL for incontri and their presences.

use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::domain::Vocabolario;
use crate::domain::{Incontro, IncontroDati, Luogo, Presenza, StatoIncontro};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Which column holds which field (insert and update both write these).
fn colonne(d: &IncontroDati, durata: u32) -> Vec<Colonna<'_>> {
    vec![
        ("titolo", Box::new(&d.titolo)),
        ("data", Box::new(d.data)),
        ("ora_inizio", Box::new(hhmm(d.ora_inizio))),
        ("ora_fine", Box::new(hhmm(d.ora_fine))),
        ("durata_minuti", Box::new(durata)),
        ("note", Box::new(&d.note)),
        ("orientatore_id", Box::new(d.orientatore_id)),
        ("luogo_ente_id", Box::new(d.luogo.ente_id)),
        ("luogo_sede_id", Box::new(d.luogo.sede_id)),
        ("luogo_descrizione", Box::new(&d.luogo.descrizione)),
        ("famiglie_presenti", Box::new(d.famiglie_presenti)),
    ]
}

/// The columns of a new incontro, entered on `oggi` (INC-06 counts from its date, not this one).
pub fn colonne_nuovo(d: &IncontroDati, durata: u32, oggi: NaiveDate) -> Vec<Colonna<'_>> {
    let mut c: Vec<Colonna> = vec![
        ("servizio_id", Box::new(d.servizio_id)),
        ("stato", Box::new(StatoIncontro::Aperto.code())),
        ("inserito_il", Box::new(oggi)),
    ];
    c.extend(colonne(d, durata));
    c
}

pub fn insert(tx: &Tx, id: Id, d: &IncontroDati, durata: u32) -> Result<()> {
    riga::inserisci(tx, "incontro", id, colonne_nuovo(d, durata, tx.ctx().oggi))?;
    write_presenze(tx, id, &d.presenze)
}

pub fn update(tx: &Tx, id: Id, d: &IncontroDati, durata: u32) -> Result<()> {
    riga::aggiorna(tx, "incontro", id, colonne(d, durata))?;
    tx.prepare_cached("DELETE FROM presenza WHERE incontro_id = ?1")?
        .execute([id])?;
    write_presenze(tx, id, &d.presenze)
}

fn write_presenze(tx: &Tx, id: Id, presenze: &[Presenza]) -> Result<()> {
    let mut st = tx.prepare_cached("INSERT OR REPLACE INTO presenza VALUES (?1, ?2, ?3)")?;
    for p in presenze {
        st.execute(params![id, p.destinatario_id, p.presente])?;
    }
    Ok(())
}

pub fn set_stato(
    tx: &Tx,
    id: Id,
    stato: StatoIncontro,
    chiuso: Option<(NaiveDate, bool)>,
) -> Result<()> {
    super::riga::stato(tx, "incontro", id, stato.code(), chiuso)
}

/// The date of a closed incontro of the servizio at which the person was present, if any (INC-09).
pub fn closed_with_present(
    conn: &Connection,
    servizio_id: Id,
    destinatario_id: Id,
) -> Result<Option<NaiveDate>> {
    Ok(conn
        .prepare_cached(
            "SELECT i.data FROM incontro i JOIN presenza p ON p.incontro_id = i.id
             WHERE i.servizio_id = ?1 AND p.destinatario_id = ?2 AND p.presente AND i.stato = 'chiuso'
             ORDER BY i.data LIMIT 1",
        )?
        .query_row(params![servizio_id, destinatario_id], |r| r.get(0))
        .optional()?)
}

/// INC-06: the incontro missed its deadline; the flag is never cleared.
pub fn mark_late(tx: &Tx, id: Id) -> Result<()> {
    tx.prepare_cached("UPDATE incontro SET chiuso_in_ritardo = 1 WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

const COLUMNS: &str = "id, servizio_id, titolo, data, ora_inizio, ora_fine, durata_minuti, note, orientatore_id,
    luogo_ente_id, luogo_sede_id, luogo_descrizione, famiglie_presenti, stato, inserito_il, chiuso_il, chiuso_in_ritardo";

fn row(r: &Row) -> rusqlite::Result<Incontro> {
    let stato: String = r.get(13)?;
    Ok(Incontro {
        id: r.get(0)?,
        dati: IncontroDati {
            servizio_id: r.get(1)?,
            titolo: r.get(2)?,
            data: r.get(3)?,
            ora_inizio: r.get(4)?,
            ora_fine: r.get(5)?,
            durata_minuti: Some(r.get(6)?),
            note: r.get(7)?,
            orientatore_id: r.get(8)?,
            luogo: Luogo {
                ente_id: r.get(9)?,
                sede_id: r.get(10)?,
                descrizione: r.get(11)?,
            },
            famiglie_presenti: r.get(12)?,
            presenze: vec![],
        },
        stato: if stato == "chiuso" {
            StatoIncontro::Chiuso
        } else {
            StatoIncontro::Aperto
        },
        inserito_il: r.get(14)?,
        chiuso_il: r.get(15)?,
        chiuso_in_ritardo: r.get(16)?,
    })
}

fn with_presenze(conn: &Connection, mut i: Incontro) -> Result<Incontro> {
    let mut st = conn.prepare_cached(
        "SELECT p.destinatario_id, p.presente FROM presenza p JOIN destinatario d ON d.id = p.destinatario_id
         WHERE p.incontro_id = ?1 ORDER BY d.cognome, d.nome",
    )?;
    i.dati.presenze = st
        .query_map([i.id], |r| {
            Ok(Presenza {
                destinatario_id: r.get(0)?,
                presente: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(i)
}

pub fn get(conn: &Connection, id: Id) -> Result<Incontro> {
    let i = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM incontro WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?;
    with_presenze(conn, found(i, RecordKind::Incontro, id)?)
}

pub fn of_servizio(conn: &Connection, servizio_id: Id) -> Result<Vec<Incontro>> {
    let list: Vec<Incontro> = {
        let mut st = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM incontro WHERE servizio_id = ?1 ORDER BY data, ora_inizio"
        ))?;
        st.query_map([servizio_id], row)?
            .collect::<rusqlite::Result<_>>()?
    };
    list.into_iter().map(|i| with_presenze(conn, i)).collect()
}

/// The open incontri (of an ente attuatore, if given), oldest first, with the
/// title and action of their servizio; without presences (a list, not a record).
pub fn aperti(
    conn: &Connection,
    ente_attuatore_id: Option<Id>,
) -> Result<Vec<(Incontro, String, String)>> {
    let cols = COLUMNS
        .split(',')
        .map(|c| format!("i.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut st = conn.prepare_cached(&format!(
        "SELECT {cols}, s.titolo, s.codice_azione FROM incontro i JOIN servizio s ON s.id = i.servizio_id
         WHERE i.stato = 'aperto' AND (?1 IS NULL OR s.ente_attuatore_id = ?1)
         ORDER BY i.data, i.ora_inizio"
    ))?;
    Ok(st
        .query_map([ente_attuatore_id], |r| {
            Ok((row(r)?, r.get(17)?, r.get(18)?))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// INC-08: another incontro of the same orientatore that overlaps in time.
pub fn overlapping(
    conn: &Connection,
    orientatore_id: Id,
    data: NaiveDate,
    inizio: NaiveTime,
    fine: NaiveTime,
    except: Option<Id>,
) -> Result<Option<(Id, String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, ora_inizio, ora_fine FROM incontro
             WHERE orientatore_id = ?1 AND data = ?2 AND ora_inizio < ?4 AND ora_fine > ?3
               AND (?5 IS NULL OR id <> ?5) LIMIT 1",
        )?
        .query_row(
            params![orientatore_id, data, hhmm(inizio), hhmm(fine), except],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

pub fn delete(tx: &Tx, id: Id) -> Result<()> {
    tx.prepare_cached("DELETE FROM incontro WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Whether the servizio has any incontro still open.
pub fn open_count(conn: &Connection, servizio_id: Id) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM incontro WHERE servizio_id = ?1 AND stato = 'aperto'",
        )?
        .query_row([servizio_id], |r| r.get(0))?)
}
