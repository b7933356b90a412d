//! SQL for the monitoring indicators (`crate::indicatori`): plain reads of
//! what happened in a period, a body, a territory. Counting and the rules
//! (late, unit costs) are done by the caller; here only the selection, or,
//! for the presences and enrolments, one read of the whole table that the
//! caller narrows (a region's year has millions: a look-up each cost more).

use super::ambito::Ambito;
use super::ambito::{FILTRO_SERVIZIO, SERVIZI_DELL_AMBITO};
use crate::domain::Modalita;
use crate::error::Result;
use crate::ids::Id;
use chrono::NaiveDate;
use rusqlite::{Connection, Row, Rows, params};
use std::collections::HashMap;

fn modalita(text: String) -> Modalita {
    if text == "individuale" {
        Modalita::Individuale
    } else {
        Modalita::Gruppo
    }
}

/// An incontro of the period.
#[derive(Debug, Clone)]
pub struct RigaIncontro {
    pub id: Id,
    pub servizio_id: Id,
    pub catalogo: String,
    pub codice_azione: String,
    pub modalita: Modalita,
    pub data: NaiveDate,
    pub durata_minuti: u32,
    pub chiuso: bool,
    pub chiuso_in_ritardo: bool,
    pub famiglie_presenti: Option<u32>,
    /// People present: 0 here, counted by the caller from `presenze`.
    pub presenti: u32,
}

/// The incontri of the period of `servizi` (the scope's, from [`servizi`]),
/// whose rows give each its action and modality: joined here rather than in
/// SQL, where each incontro cost four look-ups.
pub fn incontri(
    conn: &Connection,
    a: &Ambito,
    servizi: &[RigaServizio],
) -> Result<Vec<RigaIncontro>> {
    let servizio: HashMap<Id, &RigaServizio> = servizi.iter().map(|s| (s.id, s)).collect();
    let mut st = conn.prepare(
        "SELECT id, servizio_id, data, durata_minuti, stato = 'chiuso', chiuso_in_ritardo, famiglie_presenti
         FROM incontro WHERE (?1 IS NULL OR data >= ?1) AND (?2 IS NULL OR data <= ?2)",
    )?;
    let mut rows = st.query(params![a.dal, a.al])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let servizio_id: Id = r.get(1)?;
        let Some(s) = servizio.get(&servizio_id) else {
            continue;
        };
        out.push(RigaIncontro {
            id: r.get(0)?,
            servizio_id,
            catalogo: s.catalogo.clone(),
            codice_azione: s.codice_azione.clone(),
            modalita: s.modalita,
            data: r.get(2)?,
            durata_minuti: r.get(3)?,
            chiuso: r.get(4)?,
            chiuso_in_ritardo: r.get(5)?,
            famiglie_presenti: r.get(6)?,
            presenti: 0,
        });
    }
    Ok(out)
}

/// Every presence, given to `per_incontro` incontro by incontro with the
/// destinatari present (the caller keeps the incontri of its period). One
/// read of the table in key order: a look-up per incontro or per enrolment
/// costs a b-tree descent, and decrypted pages, each time.
pub fn presenze(conn: &Connection, per_incontro: impl FnMut(Id, &[Id])) -> Result<()> {
    let mut st =
        conn.prepare("SELECT incontro_id, destinatario_id FROM presenza WHERE presente")?;
    a_gruppi(st.query([])?, |r| r.get(1), per_incontro)
}

/// Steps through `rows`, whose first column is an id they come grouped by,
/// and gives `f` each group's id with what `riga` reads from its rows: the
/// id is read once per group, not once per row. Rows out of the id's order
/// give an id more than one group.
fn a_gruppi<T>(
    mut rows: Rows<'_>,
    riga: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    mut f: impl FnMut(Id, &[T]),
) -> Result<()> {
    let mut gruppo: Option<(Vec<u8>, Id)> = None;
    let mut righe: Vec<T> = Vec::new();
    while let Some(r) = rows.next()? {
        // Not text: `get` below says why it is no id.
        let chiave = r.get_ref(0)?.as_bytes().unwrap_or_default();
        if gruppo.as_ref().is_none_or(|(c, _)| c.as_slice() != chiave) {
            if let Some((_, id)) = gruppo {
                f(id, &righe);
            }
            righe.clear();
            gruppo = Some((chiave.to_vec(), r.get(0)?));
        }
        righe.push(riga(r)?);
    }
    if let Some((_, id)) = gruppo {
        f(id, &righe);
    }
    Ok(())
}

/// A servizio of the body and territory, whatever its dates.
#[derive(Debug, Clone)]
pub struct RigaServizio {
    pub id: Id,
    pub catalogo: String,
    pub codice_azione: String,
    pub modalita: Modalita,
    pub primo_incontro: Option<NaiveDate>,
    pub chiuso_il: Option<NaiveDate>,
    pub chiuso_in_ritardo: bool,
    pub numero_famiglie: Option<u32>,
}

pub fn servizi(conn: &Connection, a: &Ambito) -> Result<Vec<RigaServizio>> {
    let mut st = conn.prepare(&format!(
        "SELECT s.id, ea.catalogo, s.codice_azione, s.modalita, (SELECT MIN(data) FROM incontro c WHERE c.servizio_id = s.id),
          s.chiuso_il, s.chiuso_in_ritardo, s.numero_famiglie
         {SERVIZI_DELL_AMBITO} WHERE {FILTRO_SERVIZIO}"
    ))?;
    let rows = st.query_map(
        params![a.ente_attuatore_id, a.dal, a.al, a.territorio],
        |r| {
            Ok(RigaServizio {
                id: r.get(0)?,
                catalogo: r.get(1)?,
                codice_azione: r.get(2)?,
                modalita: modalita(r.get(3)?),
                primo_incontro: r.get(4)?,
                chiuso_il: r.get(5)?,
                chiuso_in_ritardo: r.get(6)?,
                numero_famiglie: r.get(7)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An enrolment's destinatario, with the dati peculiari the indicators count.
#[derive(Debug, Clone, Copy)]
pub struct RigaIscrizione {
    pub destinatario_id: Id,
    pub classe: Option<u8>,
    pub disabilita: bool,
    pub disperso: bool,
}

/// Every enrolment, given to `per_servizio` servizio by servizio (the caller
/// keeps those of its servizi and of who came): one read, where a join with
/// the servizi of the scope cost four look-ups per enrolment. The columns are
/// those of the index `iscrizione_indicatori`, expression for expression, so
/// that the rows are read from it alone (migration 0005).
pub fn iscrizioni(
    conn: &Connection,
    per_servizio: impl FnMut(Id, &[RigaIscrizione]),
) -> Result<()> {
    let mut st = conn.prepare(
        "SELECT servizio_id, destinatario_id, json_extract(dp_json, '$.classe'),
          COALESCE(json_extract(dp_json, '$.disabilita'), 0), COALESCE(json_extract(dp_json, '$.disperso'), 0)
         FROM iscrizione",
    )?;
    let riga = |r: &Row<'_>| {
        Ok(RigaIscrizione {
            destinatario_id: r.get(1)?,
            classe: r.get(2)?,
            disabilita: r.get(3)?,
            disperso: r.get(4)?,
        })
    };
    a_gruppi(st.query([])?, riga, per_servizio)
}

/// Every destinatario and whether she is female, in one sequential read:
/// cheaper than a look-up per enrolment once the enrolments are many.
pub fn femmine(conn: &Connection, mut f: impl FnMut(Id, bool)) -> Result<()> {
    let mut st = conn.prepare("SELECT id, sesso = 'F' FROM destinatario")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        f(r.get(0)?, r.get(1)?);
    }
    Ok(())
}

/// (servizio, target name) for the servizi of the body and territory.
pub fn target(conn: &Connection, a: &Ambito) -> Result<Vec<(Id, String)>> {
    let mut st = conn.prepare(&format!(
        "SELECT s.id, t.nome {SERVIZI_DELL_AMBITO} JOIN servizio_target st ON st.servizio_id = s.id
         JOIN target t ON t.id = st.target_id
         WHERE {FILTRO_SERVIZIO}"
    ))?;
    let rows = st.query_map(
        params![a.ente_attuatore_id, a.dal, a.al, a.territorio],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
