//! SQL for modelli and their related data (targets, CMS, enti with roles,
//! actions, external services). Related data is replaced whole on update.

use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::domain::Vocabolario;
use crate::domain::{
    AnnoScolastico, Modello, ModelloDati, ModelloEnte, RuoloEnte, ServizioEsterno,
};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OptionalExtension, params};

/// What may change of a modello (its implementing body never does).
fn colonne(d: &ModelloDati) -> Vec<Colonna<'_>> {
    vec![
        ("titolo", Box::new(&d.titolo)),
        ("descrizione", Box::new(&d.descrizione)),
        ("anno_scolastico", Box::new(d.anno_scolastico.0)),
        ("orientatore_id", Box::new(d.orientatore_id)),
    ]
}

pub fn insert(tx: &Tx, id: Id, d: &ModelloDati) -> Result<()> {
    let mut c: Vec<Colonna> = vec![("ente_attuatore_id", Box::new(d.ente_attuatore_id))];
    c.extend(colonne(d));
    riga::inserisci(tx, "modello", id, c)?;
    write_related(tx, id, d)
}
pub fn update(tx: &Tx, id: Id, d: &ModelloDati) -> Result<()> {
    riga::aggiorna(tx, "modello", id, colonne(d))?;
    for table in [
        "modello_target",
        "modello_cms",
        "modello_ente",
        "modello_azione",
        "servizio_esterno",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE modello_id = ?1"), [id])?;
    }
    write_related(tx, id, d)
}

fn write_related(tx: &Tx, id: Id, d: &ModelloDati) -> Result<()> {
    for t in &d.target_ids {
        tx.execute(
            "INSERT OR IGNORE INTO modello_target VALUES (?1, ?2)",
            params![id, t],
        )?;
    }
    for c in &d.cms_ids {
        tx.execute(
            "INSERT OR IGNORE INTO modello_cms VALUES (?1, ?2)",
            params![id, c],
        )?;
    }
    for e in &d.enti {
        tx.execute(
            "INSERT OR REPLACE INTO modello_ente VALUES (?1, ?2, ?3, ?4)",
            params![id, e.ente_id, e.ruolo.code(), e.referente_id],
        )?;
    }
    for a in &d.azioni {
        tx.execute(
            "INSERT OR IGNORE INTO modello_azione VALUES (?1, ?2)",
            params![id, a],
        )?;
    }
    for s in &d.servizi_esterni {
        tx.execute(
            "INSERT INTO servizio_esterno (id, modello_id, ente_id, titolo, descrizione, durata_minuti, referente_id)
             VALUES (?1,?2,?3,?4,?5,?6,?7)",
            params![Id::new(), id, s.ente_id, s.titolo, s.descrizione, s.durata_minuti, s.referente_id],
        )?;
    }
    Ok(())
}

pub fn get(conn: &Connection, id: Id) -> Result<Modello> {
    let head = conn
        .query_row(
            "SELECT ente_attuatore_id, titolo, descrizione, anno_scolastico, orientatore_id FROM modello WHERE id = ?1",
            [id],
            |r| {
                Ok(ModelloDati {
                    ente_attuatore_id: r.get(0)?,
                    titolo: r.get(1)?,
                    descrizione: r.get(2)?,
                    anno_scolastico: AnnoScolastico(r.get(3)?),
                    orientatore_id: r.get(4)?,
                    target_ids: vec![],
                    cms_ids: vec![],
                    enti: vec![],
                    azioni: vec![],
                    servizi_esterni: vec![],
                })
            },
        )
        .optional()?;
    let mut d = found(head, RecordKind::Modello, id)?;
    d.target_ids = ids(
        conn,
        "SELECT target_id FROM modello_target WHERE modello_id = ?1",
        id,
    )?;
    d.cms_ids = ids(
        conn,
        "SELECT cms_id FROM modello_cms WHERE modello_id = ?1",
        id,
    )?;
    let mut st = conn
        .prepare("SELECT ente_id, ruolo, referente_id FROM modello_ente WHERE modello_id = ?1")?;
    d.enti = st
        .query_map([id], |r| {
            let ruolo: String = r.get(1)?;
            Ok(ModelloEnte {
                ente_id: r.get(0)?,
                ruolo: if ruolo == "destinatario" {
                    RuoloEnte::Destinatario
                } else {
                    RuoloEnte::Coprogettatore
                },
                referente_id: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st =
        conn.prepare("SELECT codice_azione FROM modello_azione WHERE modello_id = ?1 ORDER BY 1")?;
    d.azioni = st
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare(
        "SELECT ente_id, titolo, descrizione, durata_minuti, referente_id FROM servizio_esterno
         WHERE modello_id = ?1 ORDER BY id",
    )?;
    d.servizi_esterni = st
        .query_map([id], |r| {
            Ok(ServizioEsterno {
                ente_id: r.get(0)?,
                titolo: r.get(1)?,
                descrizione: r.get(2)?,
                durata_minuti: r.get(3)?,
                referente_id: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Modello { id, dati: d })
}

pub fn list(conn: &Connection, ente_attuatore_id: Option<Id>) -> Result<Vec<Modello>> {
    let ids = {
        let mut st = conn.prepare(
            "SELECT id FROM modello WHERE ?1 IS NULL OR ente_attuatore_id = ?1 ORDER BY anno_scolastico DESC, titolo",
        )?;
        st.query_map([ente_attuatore_id], |r| r.get::<_, Id>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    ids.into_iter().map(|id| get(conn, id)).collect()
}

pub fn is_linked(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM intervento WHERE modello_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn delete(tx: &Tx, id: Id) -> Result<()> {
    tx.execute("DELETE FROM modello WHERE id = ?1", [id])?;
    Ok(())
}

pub(crate) fn ids(conn: &Connection, sql: &str, id: Id) -> Result<Vec<Id>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
