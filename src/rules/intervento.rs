//! INT-01, INT-02, INT-04, INT-05, INT-06 on interventi (INT-03 is checked when a servizio is created).

use super::Findings;
use crate::domain::{Intervento, InterventoDati, StatoIntervento};
use crate::error::{RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::Code;
use crate::store;
use rusqlite::Connection;

/// On create and update. `before` is the stored intervento on update.
pub fn check_input(
    conn: &Connection,
    d: &InterventoDati,
    before: Option<&Intervento>,
    record: Option<RecordRef>,
) -> Result<Findings> {
    let mut f = Findings::default();
    for (field, given) in [
        ("target_ids", d.target_ids.is_some()),
        ("cms_ids", d.cms_ids.is_some()),
        ("destinatario_ids", d.destinatario_ids.is_some()),
    ] {
        if given {
            f.add(
                Code::INT_04,
                record,
                Some(field),
                "Target, CMS e destinatari non si inseriscono sull'intervento: si inseriscono sui suoi servizi \
                 e l'intervento li riporta da sé."
                    .into(),
            );
        }
    }
    if let Some(before) = before.filter(|b| b.stato == StatoIntervento::Attivo) {
        let mut old = before.dati.ente_ids.clone();
        let mut new = d.ente_ids.clone();
        old.sort();
        new.sort();
        if old != new {
            f.add(
                Code::INT_02,
                record,
                Some("ente_ids"),
                "L'intervento è attivo: per cambiare gli enti coinvolti disattivalo (torna in bozza), \
                 modificalo e riattivalo."
                    .into(),
            );
        }
        if before.dati.modello_id != d.modello_id {
            f.add(
                Code::INT_02,
                record,
                Some("modello_id"),
                "L'intervento è attivo: per cambiare il modello collegato disattivalo, modificalo e riattivalo.".into(),
            );
        }
    }
    f.extend(istituti_principali(conn, &d.ente_ids, record)?);
    Ok(f)
}

/// INT-01, at activation: a referente and an ente coinvolto, whether typed
/// in or inherited from the modello (a modello that lacks them blocks alike).
pub fn check_activation(conn: &Connection, i: &Intervento) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Intervento, i.id));
    let modello = i
        .dati
        .modello_id
        .map(|m| store::modelli::get(conn, m))
        .transpose()?;
    let dal_modello = |cosa: &str| match &modello {
        Some(m) => format!(
            " Il modello «{}» non lo indica: completalo (o indicalo sull'intervento in bozza) e riattiva.",
            m.dati.titolo
        ),
        None => format!(" Indica {cosa} sull'intervento in bozza."),
    };
    if i.dati.referente_id.is_none() {
        f.add(
            Code::INT_01,
            record,
            Some("referente_id"),
            format!(
                "Prima di attivare l'intervento serve il referente.{}",
                dal_modello("il referente")
            ),
        );
    }
    if i.dati.ente_ids.is_empty() {
        f.add(
            Code::INT_01,
            record,
            Some("ente_ids"),
            format!(
                "Prima di attivare l'intervento serve l'ente coinvolto (la scuola, il plesso o l'indirizzo): \
                 dopo l'attivazione non si può più aggiungere.{}",
                dal_modello("l'ente coinvolto")
            ),
        );
    }
    Ok(f)
}

/// INT-06: back to bozza only while no incontro below it is closed.
pub fn check_deactivation(conn: &Connection, i: &Intervento) -> Result<Findings> {
    let mut f = Findings::default();
    if i.stato != StatoIntervento::Attivo {
        return Ok(f);
    }
    let chiusi = store::interventi::closed_incontri(conn, i.id)?;
    if chiusi > 0 {
        f.add(
            Code::INT_06,
            Some(RecordRef::new(RecordKind::Intervento, i.id)),
            None,
            format!(
                "L'intervento «{}» ha {chiusi} incontri chiusi nei suoi servizi: non torna in bozza, e i suoi enti \
                 coinvolti non si cambiano più.",
                i.dati.titolo
            ),
        );
    }
    Ok(f)
}

/// INT-05: an istituto principale with plessi/indirizzi should be replaced by the plesso.
pub fn istituti_principali(
    conn: &Connection,
    ente_ids: &[Id],
    record: Option<RecordRef>,
) -> Result<Findings> {
    let mut f = Findings::default();
    for id in ente_ids {
        let ente = store::enti::get(conn, *id)?;
        if ente.plessi > 0 {
            f.add(
                Code::INT_05,
                record,
                Some("ente_ids"),
                format!(
                    "«{}» è un istituto principale con {} plessi o indirizzi: indica il plesso o l'indirizzo \
                     in cui lavori, non l'istituto.",
                    ente.dati.nome, ente.plessi
                ),
            );
        }
    }
    Ok(f)
}
