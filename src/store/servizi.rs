//! SQL for servizi, their related data and the enrolled destinatari (iscrizioni).

use super::modelli::ids;
use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::domain::Vocabolario;
use crate::domain::{
    AnnoScolastico, DatiPeculiari, Iscrizione, Modalita, Servizio, ServizioDati, StatoServizio,
};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// Which column holds which field of what may change after creation.
fn colonne(d: &ServizioDati) -> Result<Vec<Colonna<'_>>> {
    Ok(vec![
        ("codice_azione", Box::new(&d.codice_azione)),
        (
            "modalita",
            Box::new(d.modalita.unwrap_or(Modalita::Gruppo).code()),
        ),
        ("titolo", Box::new(&d.titolo)),
        ("sede_id", Box::new(d.sede_id)),
        ("durata_prevista_minuti", Box::new(d.durata_prevista_minuti)),
        ("numero_destinatari", Box::new(d.numero_destinatari)),
        ("numero_famiglie", Box::new(d.numero_famiglie)),
        ("referente_id", Box::new(d.referente_id)),
        ("anno_scolastico", Box::new(d.anno_scolastico.map(|a| a.0))),
        (
            "dp_json",
            Box::new(serde_json::to_string(&d.dati_peculiari)?),
        ),
    ])
}

/// The columns of a new servizio: what never changes, its first state, and the rest.
pub fn colonne_nuovo(d: &ServizioDati) -> Result<Vec<Colonna<'_>>> {
    let mut c: Vec<Colonna> = vec![
        ("ente_attuatore_id", Box::new(d.ente_attuatore_id)),
        ("intervento_id", Box::new(d.intervento_id)),
        ("stato", Box::new(StatoServizio::InDefinizione.code())),
    ];
    c.extend(colonne(d)?);
    Ok(c)
}

pub fn insert(tx: &Tx, id: Id, d: &ServizioDati) -> Result<()> {
    riga::inserisci(tx, "servizio", id, colonne_nuovo(d)?)?;
    write_related(tx, id, d)
}

/// Updates what may change after creation (the intervento link never does: INT-03).
pub fn update(tx: &Tx, id: Id, d: &ServizioDati) -> Result<()> {
    riga::aggiorna(tx, "servizio", id, colonne(d)?)?;
    for table in ["servizio_target", "servizio_cms", "servizio_ente"] {
        tx.execute(&format!("DELETE FROM {table} WHERE servizio_id = ?1"), [id])?;
    }
    write_related(tx, id, d)
}

fn write_related(tx: &Tx, id: Id, d: &ServizioDati) -> Result<()> {
    for (table, list) in [
        ("servizio_target", &d.target_ids),
        ("servizio_cms", &d.cms_ids),
        ("servizio_ente", &d.ente_ids),
    ] {
        let mut st =
            tx.prepare_cached(&format!("INSERT OR IGNORE INTO {table} VALUES (?1, ?2)"))?;
        for other in list {
            st.execute(params![id, other])?;
        }
    }
    Ok(())
}

pub fn set_stato(
    tx: &Tx,
    id: Id,
    stato: StatoServizio,
    chiuso: Option<(NaiveDate, bool)>,
) -> Result<()> {
    super::riga::stato(tx, "servizio", id, stato.code(), chiuso)
}

const COLUMNS: &str = "s.id, s.ente_attuatore_id, s.intervento_id, s.codice_azione, s.modalita, s.titolo, s.sede_id,
    s.durata_prevista_minuti, s.numero_destinatari, s.numero_famiglie, s.referente_id, s.anno_scolastico, s.dp_json,
    s.stato, s.chiuso_il, s.chiuso_in_ritardo,
    (SELECT COUNT(*) FROM iscrizione i WHERE i.servizio_id = s.id),
    (SELECT COUNT(*) FROM incontro c WHERE c.servizio_id = s.id),
    (SELECT COALESCE(SUM(durata_minuti), 0) FROM incontro c WHERE c.servizio_id = s.id),
    (SELECT MAX(data) FROM incontro c WHERE c.servizio_id = s.id)";

fn row(r: &Row) -> rusqlite::Result<Servizio> {
    let modalita: String = r.get(4)?;
    let dp: String = r.get(12)?;
    let stato: String = r.get(13)?;
    Ok(Servizio {
        id: r.get(0)?,
        dati: ServizioDati {
            ente_attuatore_id: r.get(1)?,
            intervento_id: r.get(2)?,
            codice_azione: r.get(3)?,
            modalita: Some(if modalita == "individuale" {
                Modalita::Individuale
            } else {
                Modalita::Gruppo
            }),
            titolo: r.get(5)?,
            sede_id: r.get(6)?,
            durata_prevista_minuti: r.get(7)?,
            numero_destinatari: r.get(8)?,
            numero_famiglie: r.get(9)?,
            referente_id: r.get(10)?,
            anno_scolastico: Some(AnnoScolastico(r.get(11)?)),
            target_ids: vec![],
            cms_ids: vec![],
            ente_ids: vec![],
            dati_peculiari: serde_json::from_str(&dp).unwrap_or_default(),
        },
        stato: match stato.as_str() {
            "in_corso" => StatoServizio::InCorso,
            "chiuso" => StatoServizio::Chiuso,
            _ => StatoServizio::InDefinizione,
        },
        chiuso_il: r.get(14)?,
        chiuso_in_ritardo: r.get(15)?,
        iscritti: r.get(16)?,
        incontri: r.get(17)?,
        minuti_svolti: r.get(18)?,
        ultimo_incontro: r.get(19)?,
    })
}

fn with_related(conn: &Connection, mut s: Servizio) -> Result<Servizio> {
    s.dati.target_ids = ids(
        conn,
        "SELECT target_id FROM servizio_target WHERE servizio_id = ?1 ORDER BY 1",
        s.id,
    )?;
    s.dati.cms_ids = ids(
        conn,
        "SELECT cms_id FROM servizio_cms WHERE servizio_id = ?1 ORDER BY 1",
        s.id,
    )?;
    s.dati.ente_ids = ids(
        conn,
        "SELECT ente_id FROM servizio_ente WHERE servizio_id = ?1 ORDER BY 1",
        s.id,
    )?;
    Ok(s)
}

pub fn get(conn: &Connection, id: Id) -> Result<Servizio> {
    let s = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM servizio s WHERE s.id = ?1"))?
        .query_row([id], row)
        .optional()?;
    with_related(conn, found(s, RecordKind::Servizio, id)?)
}

/// Filters for listing servizi; every field narrows.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FiltroServizi {
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
    #[serde(default)]
    pub intervento_id: Option<Id>,
    #[serde(default)]
    pub ente_id: Option<Id>,
    #[serde(default)]
    pub stato: Option<StatoServizio>,
    /// Servizi with an incontro on or after this date.
    #[serde(default)]
    pub dal: Option<NaiveDate>,
    /// Servizi with an incontro on or before this date.
    #[serde(default)]
    pub al: Option<NaiveDate>,
}

pub fn list(conn: &Connection, f: &FiltroServizi) -> Result<Vec<Servizio>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM servizio s
         WHERE (?1 IS NULL OR s.ente_attuatore_id = ?1)
           AND (?2 IS NULL OR s.intervento_id = ?2)
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM servizio_ente e WHERE e.servizio_id = s.id AND e.ente_id = ?3))
           AND (?4 IS NULL OR s.stato = ?4)
           AND ((?5 IS NULL AND ?6 IS NULL) OR EXISTS (SELECT 1 FROM incontro c WHERE c.servizio_id = s.id
                AND (?5 IS NULL OR c.data >= ?5) AND (?6 IS NULL OR c.data <= ?6)))
         ORDER BY s.anno_scolastico DESC, s.titolo"
    ))?;
    let rows = st.query_map(
        params![
            f.ente_attuatore_id,
            f.intervento_id,
            f.ente_id,
            f.stato.map(|s| s.code()),
            f.dal,
            f.al
        ],
        row,
    )?;
    let list: Vec<Servizio> = rows.collect::<rusqlite::Result<_>>()?;
    list.into_iter().map(|s| with_related(conn, s)).collect()
}

pub fn delete(tx: &Tx, id: Id) -> Result<()> {
    tx.execute("DELETE FROM servizio WHERE id = ?1", [id])?;
    Ok(())
}

// ---- Iscrizioni -------------------------------------------------------------

pub fn enrol(tx: &Tx, servizio_id: Id, destinatario_id: Id, dp: &DatiPeculiari) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO iscrizione (servizio_id, destinatario_id, dp_json) VALUES (?1, ?2, ?3)
         ON CONFLICT(servizio_id, destinatario_id) DO UPDATE SET dp_json = excluded.dp_json",
    )?
    .execute(params![
        servizio_id,
        destinatario_id,
        serde_json::to_string(dp)?
    ])?;
    Ok(())
}

/// Removes the enrolment and the person's presences in the servizio's incontri.
pub fn unenrol(tx: &Tx, servizio_id: Id, destinatario_id: Id) -> Result<()> {
    tx.execute(
        "DELETE FROM presenza WHERE destinatario_id = ?1 AND incontro_id IN (SELECT id FROM incontro WHERE servizio_id = ?2)",
        params![destinatario_id, servizio_id],
    )?;
    tx.execute(
        "DELETE FROM iscrizione WHERE servizio_id = ?1 AND destinatario_id = ?2",
        params![servizio_id, destinatario_id],
    )?;
    Ok(())
}

pub fn iscrizioni(conn: &Connection, servizio_id: Id) -> Result<Vec<Iscrizione>> {
    let mut st = conn.prepare_cached(
        "SELECT i.destinatario_id, i.dp_json FROM iscrizione i JOIN destinatario d ON d.id = i.destinatario_id
         WHERE i.servizio_id = ?1 ORDER BY d.cognome, d.nome",
    )?;
    let rows = st.query_map([servizio_id], |r| {
        let dp: String = r.get(1)?;
        Ok(Iscrizione {
            destinatario_id: r.get(0)?,
            dati_peculiari: serde_json::from_str(&dp).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn is_enrolled(conn: &Connection, servizio_id: Id, destinatario_id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM iscrizione WHERE servizio_id = ?1 AND destinatario_id = ?2")?
        .exists(params![servizio_id, destinatario_id])?)
}

/// SER-08: servizi of the same action and school year in which the destinatario
/// is enrolled with another implementing body.
pub fn same_action_other_body(
    conn: &Connection,
    destinatario_id: Id,
    codice_azione: &str,
    anno: AnnoScolastico,
    ente_attuatore_id: Id,
) -> Result<Option<(Id, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, ea.nome FROM iscrizione i JOIN servizio s ON s.id = i.servizio_id
             JOIN ente_attuatore ea ON ea.id = s.ente_attuatore_id
             WHERE i.destinatario_id = ?1 AND s.codice_azione = ?2 AND s.anno_scolastico = ?3
               AND s.ente_attuatore_id <> ?4 LIMIT 1",
        )?
        .query_row(
            params![destinatario_id, codice_azione, anno.0, ente_attuatore_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// SER-09: whether the intervento holds a servizio of `codice` in a school year before `anno`.
pub fn has_earlier_action(
    conn: &Connection,
    intervento_id: Id,
    codice: &str,
    anno: AnnoScolastico,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM servizio WHERE intervento_id = ?1 AND codice_azione = ?2 AND anno_scolastico < ?3",
        )?
        .exists(params![intervento_id, codice, anno.0])?)
}

/// GEN-01: whether the servizio has any closed incontro.
pub fn has_closed_incontri(conn: &Connection, servizio_id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM incontro WHERE servizio_id = ?1 AND stato = 'chiuso'")?
        .exists([servizio_id])?)
}

/// SER-08 over the whole database: one person, one action, one a.s., two bodies.
#[derive(Debug, Clone)]
pub struct StessaAzione {
    pub destinatario_id: Id,
    pub nome: String,
    pub codice_azione: String,
    pub anno_scolastico: i32,
    pub servizi: (Id, Id),
}

pub fn same_action_two_bodies(conn: &Connection) -> Result<Vec<StessaAzione>> {
    let mut st = conn.prepare_cached(
        // One pass over the enrolments finds the few people concerned; only
        // theirs are then paired (pairing every enrolment with every other
        // of the same person took seconds on a region's office).
        "WITH doppi AS (
           SELECT i.destinatario_id, s.codice_azione, s.anno_scolastico
           FROM iscrizione i JOIN servizio s ON s.id = i.servizio_id
           GROUP BY 1, 2, 3 HAVING COUNT(DISTINCT s.ente_attuatore_id) > 1)
         SELECT x.destinatario_id, d.cognome || ' ' || d.nome, x.codice_azione, x.anno_scolastico, sa.id, sb.id
         FROM doppi x
         JOIN iscrizione a ON a.destinatario_id = x.destinatario_id
         JOIN servizio sa ON sa.id = a.servizio_id
           AND sa.codice_azione = x.codice_azione AND sa.anno_scolastico = x.anno_scolastico
         JOIN iscrizione b ON b.destinatario_id = x.destinatario_id
         JOIN servizio sb ON sb.id = b.servizio_id
           AND sb.codice_azione = x.codice_azione AND sb.anno_scolastico = x.anno_scolastico
         JOIN destinatario d ON d.id = x.destinatario_id
         WHERE sa.ente_attuatore_id < sb.ente_attuatore_id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(StessaAzione {
            destinatario_id: r.get(0)?,
            nome: r.get(1)?,
            codice_azione: r.get(2)?,
            anno_scolastico: r.get(3)?,
            servizi: (r.get(4)?, r.get(5)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Individual servizi with more than one enrolled (SER-16 over the whole database).
pub fn individuali_con_piu_iscritti(conn: &Connection) -> Result<Vec<Servizio>> {
    let ids: Vec<Id> = conn
        .prepare_cached(
            "SELECT s.id FROM servizio s JOIN iscrizione i ON i.servizio_id = s.id
             WHERE s.modalita = 'individuale' GROUP BY s.id HAVING COUNT(*) > 1",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}
