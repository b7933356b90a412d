//! SQL for the monitoring indicators (`crate::indicatori`): plain reads of
//! what happened in a period, a body, a territory. Counting and the rules
//! (late, unit costs) are done by the caller; here only the selection.

use crate::domain::Modalita;
use crate::error::Result;
use crate::ids::Id;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

/// Where and when: every field narrows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ambito {
    /// Incontri from this date (included).
    #[serde(default)]
    pub dal: Option<NaiveDate>,
    /// Incontri up to this date (included).
    #[serde(default)]
    pub al: Option<NaiveDate>,
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
    /// The territory (bacino) of the servizio's sede, or of its body's RT; any case.
    #[serde(default)]
    pub territorio: Option<String>,
}

/// ?1 body, ?4 territory, on a servizio `s` joined with its body `ea`, sede `se` and RT `rt`.
const SERVIZI_DELL_AMBITO: &str =
    "FROM servizio s JOIN ente_attuatore ea ON ea.id = s.ente_attuatore_id
     JOIN sede se ON se.id = s.sede_id LEFT JOIN rt ON rt.id = ea.rt_id";
const FILTRO_SERVIZIO: &str = "(?1 IS NULL OR s.ente_attuatore_id = ?1)
     AND (?4 IS NULL OR lower(se.territorio) = lower(?4) OR lower(rt.territorio) = lower(?4))";
/// ?2 dal, ?3 al, on an incontro `c`.
const FILTRO_DATA: &str = "(?2 IS NULL OR c.data >= ?2) AND (?3 IS NULL OR c.data <= ?3)";

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
    pub servizio_id: Id,
    pub catalogo: String,
    pub codice_azione: String,
    pub modalita: Modalita,
    pub data: NaiveDate,
    pub durata_minuti: u32,
    pub chiuso: bool,
    pub chiuso_in_ritardo: bool,
    pub famiglie_presenti: Option<u32>,
    pub presenti: u32,
}

pub fn incontri(conn: &Connection, a: &Ambito) -> Result<Vec<RigaIncontro>> {
    let mut st = conn.prepare(&format!(
        "SELECT c.servizio_id, ea.catalogo, s.codice_azione, s.modalita, c.data, c.durata_minuti, c.stato = 'chiuso',
          c.chiuso_in_ritardo, c.famiglie_presenti,
          (SELECT COUNT(*) FROM presenza p WHERE p.incontro_id = c.id AND p.presente)
         {SERVIZI_DELL_AMBITO} JOIN incontro c ON c.servizio_id = s.id
         WHERE {FILTRO_SERVIZIO} AND {FILTRO_DATA}"
    ))?;
    let rows = st.query_map(
        params![a.ente_attuatore_id, a.dal, a.al, a.territorio],
        |r| {
            Ok(RigaIncontro {
                servizio_id: r.get(0)?,
                catalogo: r.get(1)?,
                codice_azione: r.get(2)?,
                modalita: modalita(r.get(3)?),
                data: r.get(4)?,
                durata_minuti: r.get(5)?,
                chiuso: r.get(6)?,
                chiuso_in_ritardo: r.get(7)?,
                famiglie_presenti: r.get(8)?,
                presenti: r.get(9)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A servizio of the body and territory, whatever its dates.
#[derive(Debug, Clone)]
pub struct RigaServizio {
    pub id: Id,
    pub catalogo: String,
    pub codice_azione: String,
    pub primo_incontro: Option<NaiveDate>,
    pub chiuso_il: Option<NaiveDate>,
    pub chiuso_in_ritardo: bool,
    pub numero_famiglie: Option<u32>,
}

pub fn servizi(conn: &Connection, a: &Ambito) -> Result<Vec<RigaServizio>> {
    let mut st = conn.prepare(&format!(
        "SELECT s.id, ea.catalogo, s.codice_azione, (SELECT MIN(data) FROM incontro c WHERE c.servizio_id = s.id),
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
                primo_incontro: r.get(3)?,
                chiuso_il: r.get(4)?,
                chiuso_in_ritardo: r.get(5)?,
                numero_famiglie: r.get(6)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A destinatario present at least once in a servizio's incontri of the
/// period, with the dati peculiari of that enrolment.
#[derive(Debug, Clone)]
pub struct RigaPartecipante {
    pub servizio_id: Id,
    pub destinatario_id: Id,
    pub sesso: String,
    pub classe: Option<u8>,
    pub disabilita: bool,
    pub disperso: bool,
}

pub fn partecipanti(conn: &Connection, a: &Ambito) -> Result<Vec<RigaPartecipante>> {
    let mut st = conn.prepare(&format!(
        "SELECT s.id, d.id, d.sesso, json_extract(x.dp_json, '$.classe'),
          COALESCE(json_extract(x.dp_json, '$.disabilita'), 0), COALESCE(json_extract(x.dp_json, '$.disperso'), 0)
         {SERVIZI_DELL_AMBITO} JOIN iscrizione x ON x.servizio_id = s.id JOIN destinatario d ON d.id = x.destinatario_id
         WHERE {FILTRO_SERVIZIO} AND EXISTS (SELECT 1 FROM incontro c JOIN presenza p ON p.incontro_id = c.id
               WHERE c.servizio_id = s.id AND p.destinatario_id = x.destinatario_id AND p.presente AND {FILTRO_DATA})"
    ))?;
    let rows = st.query_map(
        params![a.ente_attuatore_id, a.dal, a.al, a.territorio],
        |r| {
            Ok(RigaPartecipante {
                servizio_id: r.get(0)?,
                destinatario_id: r.get(1)?,
                sesso: r.get(2)?,
                classe: r.get(3)?,
                disabilita: r.get(4)?,
                disperso: r.get(5)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
