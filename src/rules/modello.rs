//! MOD-01…MOD-06 on a modello's data, checked at create and update.

use super::Findings;
use crate::domain::{ModelloDati, RuoloEnte};
use crate::error::RecordRef;
use crate::rules::Code;

pub fn check(d: &ModelloDati, record: Option<RecordRef>) -> Findings {
    let mut f = Findings::default();
    match d.target_ids.len() {
        0 => f.add(Code::MOD_01, record, Some("target_ids"), "Indica almeno un target destinatari del modello.".into()),
        1 => {}
        n => f.add(
            Code::MOD_02,
            record,
            Some("target_ids"),
            format!("Il modello ha {n} target: salvo coprogettazioni molto particolari se ne indica uno solo."),
        ),
    }
    if d.cms_ids.is_empty() {
        f.add(
            Code::MOD_03,
            record,
            Some("cms_ids"),
            "Indica almeno una CMS (caratteristica) su cui lavora il modello.".into(),
        );
    }
    if !d.enti.iter().any(|e| e.ruolo == RuoloEnte::Destinatario) {
        f.add(
            Code::MOD_04,
            record,
            Some("enti.ruolo"),
            "Indica la scuola come ente coinvolto «destinatario degli interventi»: solo così gli interventi \
             collegati la ereditano."
                .into(),
        );
    }
    let senza_referente = d
        .enti
        .iter()
        .filter(|e| e.ruolo == RuoloEnte::Coprogettatore && e.referente_id.is_none())
        .count();
    if senza_referente > 0 {
        f.add(
            Code::MOD_05,
            record,
            Some("enti.referente_id"),
            format!(
                "{senza_referente} ente/i coprogettatore senza persona di riferimento: indica chi svolgerà le attività in classe."
            ),
        );
    }
    for (i, s) in d.servizi_esterni.iter().enumerate() {
        let mut manca = Vec::new();
        if s.ente_id.is_none() {
            manca.push("l'ente");
        }
        if s.titolo.trim().is_empty() {
            manca.push("il titolo");
        }
        if s.durata_minuti.is_none_or(|m| m == 0) {
            manca.push("la durata");
        }
        if !manca.is_empty() {
            f.add(
                Code::MOD_06,
                record,
                Some("servizi_esterni"),
                format!(
                    "Al servizio esterno n. {} manca {}.",
                    i + 1,
                    manca.join(", ")
                ),
            );
        }
    }
    f
}
