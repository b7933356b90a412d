//! The reads of the whole-database check (`check`) and of the deadlines list:
//! a few bulk queries, not one per record, so they stay fast on a region's
//! year. What they mean is decided in `rules::verifica` and `rules::scadenze`.

use crate::domain::Modalita;
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use std::collections::HashMap;

/// What the 15-day deadline runs on: an open incontro (INC-06) or a servizio
/// not closed (SER-11), with its servizio and the day the 15 days run from.
pub struct DaChiudere {
    /// The incontro's or the servizio's.
    pub id: Id,
    pub servizio_id: Id,
    /// The servizio's.
    pub titolo: String,
    pub codice_azione: String,
    /// The incontro's date, or the servizio's last incontro.
    pub data: NaiveDate,
    /// A servizio whose incontri add up to less than its durata prevista.
    pub breve: bool,
}

/// Columns: id, servizio, titolo, codice azione, data, breve.
fn da_chiudere(r: &Row) -> rusqlite::Result<DaChiudere> {
    Ok(DaChiudere {
        id: r.get(0)?,
        servizio_id: r.get(1)?,
        titolo: r.get(2)?,
        codice_azione: r.get(3)?,
        data: r.get(4)?,
        breve: r.get(5)?,
    })
}

/// Open incontri dated on or before `fino_al`, oldest first.
pub fn incontri_aperti(
    conn: &Connection,
    fino_al: NaiveDate,
    ente_attuatore: Option<Id>,
) -> Result<Vec<DaChiudere>> {
    let mut st = conn.prepare_cached(
        "SELECT i.id, s.id, s.titolo, s.codice_azione, i.data, 0 FROM incontro i JOIN servizio s ON s.id = i.servizio_id
         WHERE i.stato = 'aperto' AND i.data <= ?1 AND (?2 IS NULL OR s.ente_attuatore_id = ?2) ORDER BY i.data",
    )?;
    let rows = st.query_map(params![fino_al, ente_attuatore], da_chiudere)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Servizi not closed whose last incontro is on or before `fino_al`, and either
/// reach their durata prevista, or fall short with nothing open and nothing
/// after `oggi`; oldest first.
pub fn servizi_da_chiudere(
    conn: &Connection,
    fino_al: NaiveDate,
    ente_attuatore: Option<Id>,
    oggi: NaiveDate,
) -> Result<Vec<DaChiudere>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.id, s.titolo, s.codice_azione, MAX(i.data), SUM(i.durata_minuti) < s.durata_prevista_minuti
         FROM servizio s JOIN incontro i ON i.servizio_id = s.id
         WHERE s.stato <> 'chiuso' AND (?2 IS NULL OR s.ente_attuatore_id = ?2)
         GROUP BY s.id HAVING MAX(i.data) <= ?1 AND (SUM(i.durata_minuti) >= s.durata_prevista_minuti
            OR (SUM(i.stato = 'aperto') = 0 AND MAX(i.data) <= ?3))
         ORDER BY MAX(i.data)",
    )?;
    let rows = st.query_map(params![fino_al, ente_attuatore, oggi], da_chiudere)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Modelli with more than one target: (id, titolo, how many) (MOD-02).
pub fn modelli_con_piu_target(conn: &Connection) -> Result<Vec<(Id, String, u32)>> {
    let mut st = conn.prepare(
        "SELECT m.id, m.titolo, COUNT(*) FROM modello m JOIN modello_target t ON t.modello_id = m.id
         GROUP BY m.id HAVING COUNT(*) > 1",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Interventi and servizi that name an istituto principale (one with plessi)
/// as ente coinvolto: (kind, id, the ente's name) (INT-05).
pub fn istituti_principali_coinvolti(conn: &Connection) -> Result<Vec<(RecordKind, Id, String)>> {
    let mut out = Vec::new();
    for (table, owner, kind) in [
        ("intervento_ente", "intervento_id", RecordKind::Intervento),
        ("servizio_ente", "servizio_id", RecordKind::Servizio),
    ] {
        let mut st = conn.prepare(&format!(
            "SELECT x.{owner}, e.nome FROM {table} x JOIN ente e ON e.id = x.ente_id
             WHERE EXISTS (SELECT 1 FROM ente p WHERE p.istituto_principale_id = e.id)"
        ))?;
        for row in st.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))? {
            let (id, nome) = row?;
            out.push((kind, id, nome));
        }
    }
    Ok(out)
}

/// The catalogue of each ente attuatore.
pub fn cataloghi(conn: &Connection) -> Result<HashMap<Id, String>> {
    let mut st = conn.prepare("SELECT id, catalogo FROM ente_attuatore")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What an open servizio counts: its enrolled, its enti, its companies and
/// its dispersi (SER-10, SER-04, SER-06).
pub struct ServizioAperto {
    pub id: Id,
    pub titolo: String,
    pub ente_attuatore_id: Id,
    pub codice_azione: String,
    pub numero_destinatari: u32,
    pub iscritti: u32,
    pub enti: u32,
    pub aziende: u32,
    pub dispersi: u32,
}

pub fn servizi_aperti(conn: &Connection) -> Result<Vec<ServizioAperto>> {
    let mut st = conn.prepare(
        "SELECT s.id, s.titolo, s.ente_attuatore_id, s.codice_azione, s.numero_destinatari,
                (SELECT COUNT(*) FROM iscrizione i WHERE i.servizio_id = s.id),
                (SELECT COUNT(*) FROM servizio_ente e WHERE e.servizio_id = s.id),
                (SELECT COUNT(*) FROM servizio_ente e JOIN ente x ON x.id = e.ente_id
                  WHERE e.servizio_id = s.id AND x.tipo = 'azienda'),
                (SELECT COUNT(*) FROM iscrizione i
                  WHERE i.servizio_id = s.id AND json_extract(i.dp_json, '$.disperso') = 1)
         FROM servizio s WHERE s.stato <> 'chiuso'",
    )?;
    let rows = st.query_map([], |r| {
        Ok(ServizioAperto {
            id: r.get(0)?,
            titolo: r.get(1)?,
            ente_attuatore_id: r.get(2)?,
            codice_azione: r.get(3)?,
            numero_destinatari: r.get(4)?,
            iscritti: r.get(5)?,
            enti: r.get(6)?,
            aziende: r.get(7)?,
            dispersi: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An incontro's length with what its bound depends on (INC-07).
pub struct DurataIncontro {
    pub id: Id,
    pub durata_minuti: u32,
    pub codice_azione: String,
    pub modalita: Modalita,
    pub ente_attuatore_id: Id,
}

pub fn durate_incontri(conn: &Connection) -> Result<Vec<DurataIncontro>> {
    let mut st = conn.prepare(
        "SELECT i.id, i.durata_minuti, s.codice_azione, s.modalita, s.ente_attuatore_id
         FROM incontro i JOIN servizio s ON s.id = i.servizio_id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(DurataIncontro {
            id: r.get(0)?,
            durata_minuti: r.get(1)?,
            codice_azione: r.get(2)?,
            modalita: if r.get_ref(3)?.as_str()? == "individuale" {
                Modalita::Individuale
            } else {
                Modalita::Gruppo
            },
            ente_attuatore_id: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pairs of incontri of one orientatore that overlap on one day (INC-08).
pub fn incontri_sovrapposti(conn: &Connection) -> Result<Vec<(Id, Id, NaiveDate)>> {
    let mut st = conn.prepare(
        "SELECT a.id, b.id, a.data FROM incontro a JOIN incontro b
           ON b.orientatore_id = a.orientatore_id AND b.data = a.data
          AND a.id < b.id AND a.ora_inizio < b.ora_fine AND a.ora_fine > b.ora_inizio",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Calls `each(servizio, destinatario, dati peculiari as JSON, is a pupil)` for
/// every enrolment in a servizio with an open incontro (INC-05). The JSON is
/// lent, not copied: most rows repeat a few distinct values.
pub fn iscrizioni_con_incontri_aperti(
    conn: &Connection,
    mut each: impl FnMut(Id, Id, &str, bool),
) -> Result<()> {
    let mut st = conn.prepare(
        "SELECT x.servizio_id, x.destinatario_id, x.dp_json,
                EXISTS (SELECT 1 FROM servizio_ente se JOIN ente e ON e.id = se.ente_id
                        WHERE se.servizio_id = x.servizio_id AND e.tipo = 'scuola')
         FROM iscrizione x
         WHERE x.servizio_id IN (SELECT servizio_id FROM incontro WHERE stato = 'aperto')",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let dp = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
        each(r.get(0)?, r.get(1)?, dp, r.get(3)?);
    }
    Ok(())
}

/// The open incontri of a servizio where a destinatario is present.
pub fn incontri_aperti_con_presente(
    conn: &Connection,
    servizio: Id,
    destinatario: Id,
) -> Result<Vec<Id>> {
    let mut st = conn.prepare_cached(
        "SELECT i.id FROM incontro i JOIN presenza p ON p.incontro_id = i.id
         WHERE i.servizio_id = ?1 AND p.destinatario_id = ?2 AND i.stato = 'aperto'",
    )?;
    let rows = st.query_map(params![servizio, destinatario], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One person's anagrafica, as DES-01…03 read it over the whole database.
pub struct Anagrafica {
    pub id: Id,
    pub codice_fiscale: String,
    pub sesso: String,
    pub data_nascita: NaiveDate,
    pub email: Option<String>,
    pub telefono: Option<String>,
    pub comune_nascita: Option<String>,
    pub stato_estero_nascita: Option<String>,
    /// The current CF was accepted with a forzatura (DES-01).
    pub cf_forzato: bool,
}

pub fn anagrafiche(conn: &Connection) -> Result<Vec<Anagrafica>> {
    let mut st = conn.prepare(
        "SELECT d.id, d.codice_fiscale, d.sesso, d.data_nascita, d.email, d.telefono,
                d.comune_nascita, d.stato_estero_nascita,
                EXISTS (SELECT 1 FROM forzatura z
                         WHERE z.record_id = d.id AND z.regola = 'DES-01' AND z.valore = d.codice_fiscale)
         FROM destinatario d",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Anagrafica {
            id: r.get(0)?,
            codice_fiscale: r.get(1)?,
            sesso: r.get(2)?,
            data_nascita: r.get(3)?,
            email: r.get(4)?,
            telefono: r.get(5)?,
            comune_nascita: r.get(6)?,
            stato_estero_nascita: r.get(7)?,
            cf_forzato: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
