//! SQL for interventi, their enti, and the aggregates derived from their servizi (INT-04).

use super::modelli::ids;
use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::domain::Vocabolario;
use crate::domain::intervento::Aggregati;
use crate::domain::{Intervento, InterventoDati, StatoIntervento};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OptionalExtension, params};

/// What may change of an intervento (its implementing body never does; its
/// state has `set_stato`).
fn colonne(d: &InterventoDati) -> Vec<Colonna<'_>> {
    vec![
        ("modello_id", Box::new(d.modello_id)),
        ("titolo", Box::new(&d.titolo)),
        ("descrizione", Box::new(&d.descrizione)),
        ("referente_id", Box::new(d.referente_id)),
    ]
}

pub fn insert(tx: &Tx, id: Id, d: &InterventoDati) -> Result<()> {
    let mut c: Vec<Colonna> = vec![
        ("ente_attuatore_id", Box::new(d.ente_attuatore_id)),
        ("stato", Box::new(StatoIntervento::Bozza.code())),
    ];
    c.extend(colonne(d));
    riga::inserisci(tx, "intervento", id, c)?;
    write_enti(tx, id, &d.ente_ids)
}

pub fn update(tx: &Tx, id: Id, d: &InterventoDati) -> Result<()> {
    riga::aggiorna(tx, "intervento", id, colonne(d))?;
    tx.execute("DELETE FROM intervento_ente WHERE intervento_id = ?1", [id])?;
    write_enti(tx, id, &d.ente_ids)
}

fn write_enti(tx: &Tx, id: Id, enti: &[Id]) -> Result<()> {
    let mut st = tx.prepare_cached("INSERT OR IGNORE INTO intervento_ente VALUES (?1, ?2)")?;
    for e in enti {
        st.execute(params![id, e])?;
    }
    Ok(())
}

pub fn set_stato(tx: &Tx, id: Id, stato: StatoIntervento) -> Result<()> {
    tx.execute(
        "UPDATE intervento SET stato=?2, rev=rev+1, updated_at=?3, updated_by=?4, source=?5 WHERE id=?1",
        params![id, stato.code(), tx.at(), tx.actor(), tx.source()],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: Id) -> Result<Intervento> {
    let head = conn
        .prepare_cached(
            "SELECT ente_attuatore_id, modello_id, titolo, descrizione, referente_id, stato FROM intervento WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let stato: String = r.get(5)?;
            Ok((
                InterventoDati {
                    ente_attuatore_id: r.get(0)?,
                    modello_id: r.get(1)?,
                    titolo: r.get(2)?,
                    descrizione: r.get(3)?,
                    referente_id: r.get(4)?,
                    ente_ids: vec![],
                    target_ids: None,
                    cms_ids: None,
                    destinatario_ids: None,
                },
                if stato == "attivo" { StatoIntervento::Attivo } else { StatoIntervento::Bozza },
            ))
        })
        .optional()?;
    let (mut dati, stato) = found(head, RecordKind::Intervento, id)?;
    dati.ente_ids = ids(
        conn,
        "SELECT ente_id FROM intervento_ente WHERE intervento_id = ?1 ORDER BY ente_id",
        id,
    )?;
    let aggregati = Aggregati {
        target_ids: dei_servizi(conn, "target", id)?,
        cms_ids: dei_servizi(conn, "cms", id)?,
        destinatari: conn.query_row(
            "SELECT COUNT(DISTINCT i.destinatario_id) FROM iscrizione i JOIN servizio s ON s.id = i.servizio_id
             WHERE s.intervento_id = ?1",
            [id],
            |r| r.get(0),
        )?,
        servizi: conn.query_row("SELECT COUNT(*) FROM servizio WHERE intervento_id = ?1", [id], |r| r.get(0))?,
    };
    Ok(Intervento {
        id,
        dati,
        stato,
        aggregati,
    })
}

/// The distinct targets or CMS (`voce`) of the servizi of intervento `id`.
fn dei_servizi(conn: &Connection, voce: &str, id: Id) -> Result<Vec<Id>> {
    let sql = format!(
        "SELECT DISTINCT x.{voce}_id FROM servizio_{voce} x JOIN servizio s ON s.id = x.servizio_id
         WHERE s.intervento_id = ?1 ORDER BY 1"
    );
    ids(conn, &sql, id)
}

pub fn list(
    conn: &Connection,
    ente_attuatore_id: Option<Id>,
    ente_id: Option<Id>,
) -> Result<Vec<Intervento>> {
    let ids = {
        let mut st = conn.prepare(
            "SELECT i.id FROM intervento i
             WHERE (?1 IS NULL OR i.ente_attuatore_id = ?1
                    OR EXISTS (SELECT 1 FROM servizio s WHERE s.intervento_id = i.id AND s.ente_attuatore_id = ?1))
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM intervento_ente e WHERE e.intervento_id = i.id AND e.ente_id = ?2))
             ORDER BY i.titolo",
        )?;
        st.query_map(params![ente_attuatore_id, ente_id], |r| r.get::<_, Id>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// How many closed incontri hang below the intervento (INT-06).
pub fn closed_incontri(conn: &Connection, id: Id) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM incontro i JOIN servizio s ON s.id = i.servizio_id
         WHERE s.intervento_id = ?1 AND i.stato = 'chiuso'",
        [id],
        |r| r.get(0),
    )?)
}

pub fn delete(tx: &Tx, id: Id) -> Result<()> {
    tx.execute("DELETE FROM intervento WHERE id = ?1", [id])?;
    Ok(())
}
