//! INT-01, INT-02, INT-04, INT-05 on interventi (INT-03 is checked when a servizio is created).

use super::Findings;
use crate::domain::{Intervento, InterventoDati, StatoIntervento};
use crate::error::{RecordRef, Result};
use crate::ids::Id;
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
                "INT-04",
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
                "INT-02",
                record,
                Some("ente_ids"),
                "L'intervento è attivo: per cambiare gli enti coinvolti disattivalo (torna in bozza), \
                 modificalo e riattivalo."
                    .into(),
            );
        }
        if before.dati.modello_id != d.modello_id {
            f.add(
                "INT-02",
                record,
                Some("modello_id"),
                "L'intervento è attivo: per cambiare il modello collegato disattivalo, modificalo e riattivalo.".into(),
            );
        }
    }
    f.extend(istituti_principali(conn, &d.ente_ids, record)?);
    Ok(f)
}

/// INT-01, at activation.
pub fn check_activation(i: &Intervento) -> Findings {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(crate::error::RecordKind::Intervento, i.id));
    if i.dati.modello_id.is_none() {
        if i.dati.referente_id.is_none() {
            f.add(
                "INT-01",
                record,
                Some("referente_id"),
                "Prima di attivare l'intervento indica il referente.".into(),
            );
        }
        if i.dati.ente_ids.is_empty() {
            f.add(
                "INT-01",
                record,
                Some("ente_ids"),
                "Prima di attivare l'intervento indica l'ente coinvolto (la scuola, il plesso o l'indirizzo): \
                 dopo l'attivazione non si può più aggiungere."
                    .into(),
            );
        }
    }
    f
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
                "INT-05",
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
