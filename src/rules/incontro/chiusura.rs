//! The checks when an incontro closes: the register is complete and signed.

use super::{Contesto, alunni, orientatore};
use crate::domain::{Incontro, Iscrizione};
use crate::error::{RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::{Code, Findings};
use crate::store;
use rusqlite::Connection;
use std::collections::HashMap;

/// At close, in the order the findings are listed: INC-03, INC-04, INC-10,
/// INC-05 and INC-12.
pub fn check_close(conn: &Connection, i: &Incontro, c: &Contesto) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Incontro, i.id));
    // Activity is asked when the register is signed, not when it is closed later.
    orientatore(conn, &i.dati, c.servizio, record, false, &mut f)?;
    inc_04(i, record, &mut f);
    inc_10(i, c, record, &mut f);
    inc_05(conn, i, c, &mut f)?;
    inc_12(i, c, record, &mut f);
    Ok(f)
}

/// INC-04: the place is set.
fn inc_04(i: &Incontro, record: Option<RecordRef>, f: &mut Findings) {
    if !i.dati.luogo.is_set() {
        f.add(
            Code::INC_04,
            record,
            Some("luogo"),
            "Indica il luogo dell'incontro.".into(),
        );
    }
}

/// INC-10: not closed before its day.
fn inc_10(i: &Incontro, c: &Contesto, record: Option<RecordRef>, f: &mut Findings) {
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
}

/// INC-05: the dati peculiari of everyone on the presence list are complete
/// (classe and sezione only for pupils); one finding per person, on them.
fn inc_05(conn: &Connection, i: &Incontro, c: &Contesto, f: &mut Findings) -> Result<()> {
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
    Ok(())
}

/// INC-12: for an action with families, the families present are stated and
/// at least one young person is present.
fn inc_12(i: &Incontro, c: &Contesto, record: Option<RecordRef>, f: &mut Findings) {
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
}
