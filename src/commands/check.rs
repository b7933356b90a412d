//! What is due (INC-06, SER-11) and every finding over the whole database.
//! Whole-database checks read in bulk (a few queries, not one per record) so
//! they stay fast on a region-year database; the per-record messages come
//! from the same rule codes as the checks at write time.

use super::Nulla;
use crate::catalogo;
use crate::codice_fiscale;
use crate::context::Ctx;
use crate::domain::{DatiPeculiari, Modalita};
use crate::error::{Finding, Outcome, RecordKind, RecordRef, Result, Severity};
use crate::ids::Id;
use crate::rules::Code;
use crate::rules::{Findings, scadenze};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FiltroScadenze {
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
    /// List at most this many, the most overdue first (the counts stay whole):
    /// a region's database has thousands, a screen shows a page.
    #[serde(default)]
    pub limite: Option<u32>,
}

/// One thing to close, with how many days have passed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scadenza {
    pub code: Code,
    /// `avviso` from day 10, `ritardo` after day 15.
    pub ritardo: bool,
    pub record: RecordKindId,
    pub servizio_id: Id,
    pub servizio: String,
    pub codice_azione: String,
    /// The incontro's date, or the servizio's last incontro.
    pub data: NaiveDate,
    pub giorni: i64,
    pub termine: NaiveDate,
    pub messaggio: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordKindId {
    pub kind: RecordKind,
    pub id: Id,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scadenze {
    pub voci: Vec<Scadenza>,
    pub incontri_in_scadenza: u32,
    pub incontri_in_ritardo: u32,
    pub servizi_in_scadenza: u32,
    pub servizi_in_ritardo: u32,
    /// Due but left out of `voci` by the `limite`.
    pub non_elencate: u32,
}

/// Open incontri from day 10 on (INC-06); servizi whose incontri reach the
/// planned hours, still open from day 10 after the last one (SER-11). A
/// servizio whose incontri do not yet add up to its durata prevista is not
/// due: more incontri are planned.
pub fn list_scadenze(store: &Store, ctx: &Ctx, f: FiltroScadenze) -> Result<Outcome<Scadenze>> {
    let conn = store.read();
    let cutoff = ctx.oggi - chrono::Days::new(scadenze::AVVISO_DAL_GIORNO as u64);
    let mut out = Scadenze::default();
    let mut st = conn.prepare_cached(
        "SELECT i.id, i.data, s.id, s.titolo, s.codice_azione FROM incontro i JOIN servizio s ON s.id = i.servizio_id
         WHERE i.stato = 'aperto' AND i.data <= ?1 AND (?2 IS NULL OR s.ente_attuatore_id = ?2) ORDER BY i.data",
    )?;
    let rows = st.query_map(params![cutoff, f.ente_attuatore_id], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, NaiveDate>(1)?,
            r.get::<_, Id>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (id, data, sid, titolo, codice) = row?;
        let giorni = scadenze::giorni(data, ctx.oggi);
        let ritardo = scadenze::stato(giorni) == Some(Severity::Ritardo);
        let messaggio = if ritardo {
            format!(
                "Incontro del {} di «{titolo}» non chiuso: in ritardo di {}.",
                data.format("%d/%m/%Y"),
                n_giorni(giorni - scadenze::TERMINE_GIORNI)
            )
        } else {
            format!(
                "Incontro del {} di «{titolo}» da chiudere entro il {} ({}).",
                data.format("%d/%m/%Y"),
                scadenze::termine(data).format("%d/%m/%Y"),
                match scadenze::TERMINE_GIORNI - giorni {
                    0 => "scade oggi".to_string(),
                    1 => "1 giorno rimasto".to_string(),
                    n => format!("{n} giorni rimasti"),
                }
            )
        };
        if ritardo {
            out.incontri_in_ritardo += 1
        } else {
            out.incontri_in_scadenza += 1
        }
        out.voci.push(Scadenza {
            code: Code::INC_06,
            ritardo,
            record: RecordKindId {
                kind: RecordKind::Incontro,
                id,
            },
            servizio_id: sid,
            servizio: titolo,
            codice_azione: codice,
            data,
            giorni,
            termine: scadenze::termine(data),
            messaggio,
        });
    }
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.titolo, s.codice_azione, MAX(i.data), SUM(i.durata_minuti) < s.durata_prevista_minuti
         FROM servizio s JOIN incontro i ON i.servizio_id = s.id
         WHERE s.stato <> 'chiuso' AND (?2 IS NULL OR s.ente_attuatore_id = ?2)
         GROUP BY s.id HAVING MAX(i.data) <= ?1 AND (SUM(i.durata_minuti) >= s.durata_prevista_minuti
            OR (SUM(i.stato = 'aperto') = 0 AND MAX(i.data) <= ?3))
         ORDER BY MAX(i.data)",
    )?;
    let rows = st.query_map(params![cutoff, f.ente_attuatore_id, ctx.oggi], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, NaiveDate>(3)?,
            r.get::<_, bool>(4)?,
        ))
    })?;
    for row in rows {
        let (id, titolo, codice, data, breve) = row?;
        let giorni = scadenze::giorni(data, ctx.oggi);
        // Short of its durata, with nothing open or planned: only a reminder, since
        // more incontri may still come; if none does, the deadline is already running.
        let ritardo = !breve && scadenze::stato(giorni) == Some(Severity::Ritardo);
        let messaggio = if breve {
            format!(
                "Servizio «{titolo}» sotto la durata prevista, senza incontri aperti o futuri: se quello del {} \
                 era l'ultimo incontro, va chiuso entro il {}.",
                data.format("%d/%m/%Y"),
                scadenze::termine(data).format("%d/%m/%Y")
            )
        } else if ritardo {
            format!(
                "Servizio «{titolo}» non chiuso: l'ultimo incontro è del {}, in ritardo di {}.",
                data.format("%d/%m/%Y"),
                n_giorni(giorni - scadenze::TERMINE_GIORNI)
            )
        } else {
            format!(
                "Servizio «{titolo}» da chiudere entro il {}.",
                scadenze::termine(data).format("%d/%m/%Y")
            )
        };
        if ritardo {
            out.servizi_in_ritardo += 1
        } else {
            out.servizi_in_scadenza += 1
        }
        out.voci.push(Scadenza {
            code: Code::SER_11,
            ritardo,
            record: RecordKindId {
                kind: RecordKind::Servizio,
                id,
            },
            servizio_id: id,
            servizio: titolo,
            codice_azione: codice,
            data,
            giorni,
            termine: scadenze::termine(data),
            messaggio,
        });
    }
    if let Some(n) = f.limite.map(|n| n as usize).filter(|n| *n < out.voci.len()) {
        out.voci.sort_by_key(|v| std::cmp::Reverse(v.giorni));
        out.non_elencate = (out.voci.len() - n) as u32;
        out.voci.truncate(n);
    }
    Ok(Outcome::plain(out))
}

/// Every finding over the whole database.
pub fn run_checks(store: &Store, ctx: &Ctx, _: Nulla) -> Result<Outcome<Vec<Finding>>> {
    let conn = store.read();
    let mut f = Findings::default();
    let rec = |kind, id| Some(RecordRef::new(kind, id));

    for s in list_scadenze(store, ctx, FiltroScadenze::default())?
        .value
        .voci
    {
        let sev = if s.ritardo {
            Severity::Ritardo
        } else {
            Severity::Avviso
        };
        f.deadline(
            s.code,
            sev,
            RecordRef::new(s.record.kind, s.record.id),
            s.messaggio,
        );
    }

    // MOD-02
    let mut st = conn.prepare("SELECT m.id, m.titolo, COUNT(*) FROM modello m JOIN modello_target t ON t.modello_id = m.id GROUP BY m.id HAVING COUNT(*) > 1")?;
    for row in st.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })? {
        let (id, t, n) = row?;
        f.add(
            Code::MOD_02,
            rec(RecordKind::Modello, id),
            Some("target_ids"),
            format!("Il modello «{t}» ha {n} target."),
        );
    }

    // INT-05
    for (table, kind) in [
        ("intervento_ente", RecordKind::Intervento),
        ("servizio_ente", RecordKind::Servizio),
    ] {
        let owner = if kind == RecordKind::Intervento {
            "intervento_id"
        } else {
            "servizio_id"
        };
        let mut st = conn.prepare(&format!(
            "SELECT x.{owner}, e.nome FROM {table} x JOIN ente e ON e.id = x.ente_id
             WHERE EXISTS (SELECT 1 FROM ente p WHERE p.istituto_principale_id = e.id)"
        ))?;
        for row in st.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))? {
            let (id, nome) = row?;
            f.add(
                Code::INT_05,
                rec(kind, id),
                Some("ente_ids"),
                format!("«{nome}» è un istituto principale: indica il plesso o l'indirizzo."),
            );
        }
    }

    // SER-10, SER-04 (ente), SER-06, from one pass over open servizi.
    let catalogo_of: HashMap<Id, String> = conn
        .prepare("SELECT id, catalogo FROM ente_attuatore")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare(
        "SELECT s.id, s.titolo, s.ente_attuatore_id, s.codice_azione, s.numero_destinatari,
                (SELECT COUNT(*) FROM iscrizione i WHERE i.servizio_id = s.id),
                (SELECT COUNT(*) FROM servizio_ente e WHERE e.servizio_id = s.id),
                (SELECT COUNT(*) FROM servizio_ente e JOIN ente x ON x.id = e.ente_id WHERE e.servizio_id = s.id AND x.tipo = 'azienda'),
                (SELECT COUNT(*) FROM iscrizione i WHERE i.servizio_id = s.id AND json_extract(i.dp_json, '$.disperso') = 1)
         FROM servizio s WHERE s.stato <> 'chiuso'",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Id>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u32>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, u32>(6)?,
            r.get::<_, u32>(7)?,
            r.get::<_, u32>(8)?,
        ))
    })?;
    for row in rows {
        let (id, titolo, ea, codice, numero, iscritti, enti, aziende, dispersi) = row?;
        let r = rec(RecordKind::Servizio, id);
        if numero != iscritti {
            f.add(
                Code::SER_10,
                r,
                Some("numero_destinatari"),
                format!("«{titolo}»: numero destinatari {numero}, iscritti {iscritti}."),
            );
        }
        if enti == 0 && !(iscritti > 0 && dispersi == iscritti) {
            f.add(
                Code::SER_04,
                r,
                Some("ente_ids"),
                format!("«{titolo}» non ha un ente coinvolto."),
            );
        }
        let azione = catalogo_of
            .get(&ea)
            .and_then(|c| catalogo::get(c))
            .and_then(|c| c.azione(&codice));
        if azione.is_some_and(|a| a.richiede_azienda) && aziende == 0 {
            f.add(
                Code::SER_06,
                r,
                Some("ente_ids"),
                format!("«{titolo}»: indica l'azienda visitata come ente coinvolto."),
            );
        }
    }

    // SER-08: desks that could not see each other meet here, after the office merges them.
    f.extend(crate::rules::servizio::check_two_bodies(conn)?);

    // SER-16: individual servizi with more than one person.
    for s in crate::store::servizi::individuali_con_piu_iscritti(conn)? {
        f.extend(crate::rules::servizio::check_individuale(
            &s,
            s.iscritti as usize,
        ));
    }

    // INC-07 and INC-08 over all incontri.
    let mut st = conn.prepare(
        "SELECT i.id, i.durata_minuti, s.codice_azione, s.modalita, s.ente_attuatore_id FROM incontro i JOIN servizio s ON s.id = i.servizio_id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Id>(4)?,
        ))
    })?;
    for row in rows {
        let (id, durata, codice, modalita, ea) = row?;
        let modalita = if modalita == "individuale" {
            Modalita::Individuale
        } else {
            Modalita::Gruppo
        };
        let bounds = catalogo_of
            .get(&ea)
            .and_then(|c| catalogo::get(c))
            .and_then(|c| c.azione(&codice))
            .and_then(|a| a.limiti(modalita))
            .and_then(|l| l.minuti_incontro);
        if let Some(b) = bounds.filter(|b| !b.contains(durata)) {
            f.add(
                Code::INC_07,
                rec(RecordKind::Incontro, id),
                Some("ora_fine"),
                format!(
                    "Incontro di {} per {codice}: il catalogo prevede {}.",
                    catalogo::minutes(durata),
                    b.describe_minutes()
                ),
            );
        }
    }
    let mut st = conn.prepare(
        "SELECT a.id, b.id, a.data FROM incontro a JOIN incontro b ON b.orientatore_id = a.orientatore_id AND b.data = a.data
         AND a.id < b.id AND a.ora_inizio < b.ora_fine AND a.ora_fine > b.ora_inizio",
    )?;
    for row in st.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, Id>(1)?,
            r.get::<_, NaiveDate>(2)?,
        ))
    })? {
        let (a, b, data) = row?;
        f.add(
            Code::INC_08,
            rec(RecordKind::Incontro, a),
            Some("ora_inizio"),
            format!(
                "Due incontri dello stesso orientatore si sovrappongono il {} (l'altro è {b}).",
                data.format("%d/%m/%Y")
            ),
        );
    }

    // INC-05: open incontri whose participants lack dati peculiari. Enrolments
    // first (far fewer than presences), each distinct dp_json parsed once.
    let mut parsed: HashMap<(String, bool), Vec<&'static str>> = HashMap::new();
    let mut incomplete = Vec::new();
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
        let alunno: bool = r.get(3)?;
        let missing = match parsed.get(&(dp.to_owned(), alunno)) {
            Some(m) => m.clone(),
            None => {
                let m = serde_json::from_str::<DatiPeculiari>(dp)
                    .unwrap_or_default()
                    .missing(alunno);
                parsed.insert((dp.to_owned(), alunno), m.clone());
                m
            }
        };
        if !missing.is_empty() {
            incomplete.push((r.get::<_, Id>(0)?, r.get::<_, Id>(1)?, missing));
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT i.id FROM incontro i JOIN presenza p ON p.incontro_id = i.id
         WHERE i.servizio_id = ?1 AND p.destinatario_id = ?2 AND i.stato = 'aperto'",
    )?;
    for (servizio, dest, missing) in incomplete {
        for inc in st.query_map(params![servizio, dest], |r| r.get::<_, Id>(0))? {
            f.add(
                Code::INC_05,
                rec(RecordKind::Incontro, inc?),
                Some("dati_peculiari"),
                format!(
                    "Un partecipante ({dest}) non ha {}: l'incontro non si potrà chiudere.",
                    missing.join(", ")
                ),
            );
        }
    }

    // DES-01, DES-02, DES-03 over the anagrafica.
    let mut st = conn.prepare(
        "SELECT d.id, d.codice_fiscale, d.sesso, d.data_nascita, d.email, d.telefono,
                EXISTS (SELECT 1 FROM forzatura z WHERE z.record_id = d.id AND z.regola = 'DES-01' AND z.valore = d.codice_fiscale)
         FROM destinatario d",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, NaiveDate>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, bool>(6)?,
        ))
    })?;
    for row in rows {
        let (id, cf, sesso, nascita, email, tel, forzato) = row?;
        let r = rec(RecordKind::Destinatario, id);
        match codice_fiscale::parse(&cf) {
            Err(e) if !forzato => f.add(Code::DES_01, r, Some("codice_fiscale"), e.message_it()),
            Err(_) => {}
            Ok(info) => {
                let sesso = if sesso == "F" {
                    codice_fiscale::Sesso::F
                } else {
                    codice_fiscale::Sesso::M
                };
                for m in codice_fiscale::disagreements(&info, Some(sesso), Some(nascita)) {
                    f.add(Code::DES_02, r, Some("codice_fiscale"), m);
                }
            }
        }
        if email.is_none_or(|e| e.trim().is_empty()) && tel.is_none_or(|t| t.trim().is_empty()) {
            f.add(
                Code::DES_03,
                r,
                Some("email"),
                "Manca sia l'e-mail sia il telefono.".into(),
            );
        }
    }
    Ok(Outcome::plain(f.0))
}

/// "1 giorno", "3 giorni".
fn n_giorni(n: i64) -> String {
    if n == 1 {
        "1 giorno".into()
    } else {
        format!("{n} giorni")
    }
}
