//! INC-01…INC-05, INC-07, INC-08 on incontri, at create/update and at close.

use super::Findings;
use crate::catalogo::{self, Azione};
use crate::domain::incontro::minuti_tra;
use crate::domain::{Incontro, IncontroDati, Iscrizione, Servizio};
use crate::error::{RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::store;
use rusqlite::Connection;
use std::collections::HashMap;

/// On create and update. Returns the findings and the duration (end − start).
pub fn check_input(
    conn: &Connection,
    d: &IncontroDati,
    s: &Servizio,
    azione: &Azione,
    iscrizioni: &[Iscrizione],
    record: Option<RecordRef>,
    except: Option<Id>,
) -> Result<(Findings, u32)> {
    let mut f = Findings::default();
    let durata = match minuti_tra(d.ora_inizio, d.ora_fine) {
        None => {
            f.add(
                "INC-01",
                record,
                Some("ora_fine"),
                format!(
                    "L'ora di fine ({}) deve seguire l'ora di inizio ({}).",
                    d.ora_fine.format("%H:%M"),
                    d.ora_inizio.format("%H:%M")
                ),
            );
            0
        }
        Some(m) => {
            if let Some(given) = d.durata_minuti.filter(|g| *g != m) {
                f.add(
                    "INC-01",
                    record,
                    Some("durata_minuti"),
                    format!(
                        "La durata indicata ({}) non corrisponde a inizio e fine ({}–{} = {}): deve coincidere con il registro.",
                        catalogo::minutes(given),
                        d.ora_inizio.format("%H:%M"),
                        d.ora_fine.format("%H:%M"),
                        catalogo::minutes(m)
                    ),
                );
            }
            m
        }
    };

    for p in d.presenze.iter().filter(|p| {
        !iscrizioni
            .iter()
            .any(|i| i.destinatario_id == p.destinatario_id)
    }) {
        let who = store::destinatari::get(conn, p.destinatario_id)
            .map(|d| d.nome_completo())
            .unwrap_or_else(|_| p.destinatario_id.to_string());
        f.add(
            "INC-02",
            record,
            Some("presenze"),
            format!("{who} non è iscritto al servizio: iscrivilo prima di segnarne la presenza."),
        );
    }

    match d.orientatore_id {
        None => f.add(
            "INC-03",
            record,
            Some("orientatore_id"),
            "Indica l'orientatore che firma il registro.".into(),
        ),
        Some(o) => {
            store::organizzazione::get_orientatore(conn, o)?;
            if durata > 0
                && let Some((_, a, b)) =
                    store::incontri::overlapping(conn, o, d.data, d.ora_inizio, d.ora_fine, except)?
            {
                f.add(
                    "INC-08",
                    record,
                    Some("ora_inizio"),
                    format!(
                        "L'orientatore ha già un incontro il {} dalle {a} alle {b}, che si sovrappone a questo: \
                         controlla orari e orientatore sul registro.",
                        d.data.format("%d/%m/%Y")
                    ),
                );
            }
        }
    }
    if !d.luogo.is_set() {
        f.add(
            "INC-04",
            record,
            Some("luogo"),
            "Indica il luogo dell'incontro (ente coinvolto, sede o un nuovo luogo).".into(),
        );
    }

    if let Some(m) = azione
        .limiti(s.modalita())
        .and_then(|l| l.minuti_incontro)
        .filter(|m| durata > 0 && !m.contains(durata))
    {
        f.add(
            "INC-07",
            record,
            Some("ora_fine"),
            format!(
                "L'incontro dura {}: per {} il catalogo prevede incontri {}.",
                catalogo::minutes(durata),
                azione.codice,
                m.describe_minutes()
            ),
        );
    }
    Ok((f, durata))
}

/// INC-05 (and INC-03, INC-04 again) at close.
pub fn check_close(conn: &Connection, i: &Incontro, iscrizioni: &[Iscrizione]) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Incontro, i.id));
    if i.dati.orientatore_id.is_none() {
        f.add(
            "INC-03",
            record,
            Some("orientatore_id"),
            "Indica l'orientatore che firma il registro.".into(),
        );
    }
    if !i.dati.luogo.is_set() {
        f.add(
            "INC-04",
            record,
            Some("luogo"),
            "Indica il luogo dell'incontro.".into(),
        );
    }
    let dp: HashMap<Id, &Iscrizione> = iscrizioni.iter().map(|x| (x.destinatario_id, x)).collect();
    for p in &i.dati.presenze {
        let missing = dp
            .get(&p.destinatario_id)
            .map(|x| x.dati_peculiari.missing())
            .unwrap_or_default();
        if !missing.is_empty() {
            let d = store::destinatari::get(conn, p.destinatario_id)?;
            f.add(
                "INC-05",
                Some(RecordRef::new(RecordKind::Destinatario, d.id)),
                Some("dati_peculiari"),
                format!(
                    "Per chiudere l'incontro completa i dati peculiari di {}: manca {}.",
                    d.nome_completo(),
                    missing.join(", ")
                ),
            );
        }
    }
    Ok(f)
}
