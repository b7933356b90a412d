//! The checks when an incontro closes: the register is complete and signed.

use super::{Contesto, alunni, orientatore};
use crate::domain::{Incontro, Iscrizione};
use crate::error::{RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::{Code, Findings};
use crate::store;
use rusqlite::Connection;
use std::collections::HashMap;

/// INC-03, INC-04, INC-05, INC-10 and INC-12 at close.
pub fn check_close(conn: &Connection, i: &Incontro, c: &Contesto) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Incontro, i.id));
    // Activity is asked when the register is signed, not when it is closed later.
    orientatore(conn, &i.dati, c.servizio, record, false, &mut f)?;
    if !i.dati.luogo.is_set() {
        f.add(
            Code::INC_04,
            record,
            Some("luogo"),
            "Indica il luogo dell'incontro.".into(),
        );
    }
    if i.dati.data > c.oggi {
        f.add(
            Code::INC_10,
            record,
            Some("data"),
            format!(
                "L'incontro è del {}: si chiude dopo che si è svolto, non prima.",
                i.dati.data.format("%d/%m/%Y")
            ),
        );
    }
    let alunni = alunni(conn, c.servizio)?;
    let dp: HashMap<Id, &Iscrizione> = c
        .iscrizioni
        .iter()
        .map(|x| (x.destinatario_id, x))
        .collect();
    for p in &i.dati.presenze {
        let missing = dp
            .get(&p.destinatario_id)
            .map(|x| x.dati_peculiari.missing(alunni))
            .unwrap_or_default();
        if !missing.is_empty() {
            let d = store::destinatari::get(conn, p.destinatario_id)?;
            f.add(
                Code::INC_05,
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
    if c.azione.famiglie {
        if i.dati.famiglie_presenti.is_none() {
            f.add(
                Code::INC_12,
                record,
                Some("famiglie_presenti"),
                format!(
                    "Per {} indica quante famiglie erano presenti (0 se nessuna), come sul registro.",
                    c.azione.codice
                ),
            );
        }
        if !i.dati.presenze.iter().any(|p| p.presente) {
            f.add(
                Code::INC_12,
                record,
                Some("presenze"),
                format!(
                    "Per {} almeno un ragazzo è presente e firma il registro: i genitori non sono destinatari. \
                     Segna le presenze dei ragazzi.",
                    c.azione.codice
                ),
            );
        }
    }
    Ok(f)
}
