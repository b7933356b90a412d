//! DES-01…DES-05 on a destinatario's anagrafica.

use super::Findings;
use crate::codice_fiscale;
use crate::domain::DestinatarioDati;
use crate::error::{RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::Code;
use crate::store;
use rusqlite::Connection;

/// On create and update; `id` is the destinatario's own id on update.
/// A DES-01 failure with a forzatura (a reason given) passes and is recorded by the command.
pub fn check(conn: &Connection, d: &DestinatarioDati, id: Option<Id>) -> Result<Findings> {
    let mut f = Findings::default();
    let record = id.map(|id| RecordRef::new(RecordKind::Destinatario, id));
    let forzato = d
        .forzatura
        .as_ref()
        .is_some_and(|z| !z.motivo.trim().is_empty());
    match codice_fiscale::parse(&d.codice_fiscale) {
        Err(e) if !forzato => f.add(
            Code::DES_01,
            record,
            Some("codice_fiscale"),
            format!(
                "{} Se il codice è calcolato o fittizio (persona senza codice fiscale) puoi forzarlo indicando il motivo.",
                e.message_it()
            ),
        ),
        Err(_) => {}
        Ok(info) => {
            for m in disaccordi(&info, d.sesso, d.data_nascita, d.comune_nascita.as_deref(), d.stato_estero_nascita.as_deref()) {
                f.add(Code::DES_02, record, Some("codice_fiscale"), format!("{m} Controlla il codice fiscale e l'anagrafica."));
            }
        }
    }
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if blank(&d.email) && blank(&d.telefono) {
        f.add(
            Code::DES_03,
            record,
            Some("email"),
            "Indica almeno un recapito tra e-mail e telefono; se la scuola non li fornisce puoi usare quelli della scuola."
                .into(),
        );
    }
    if let Some(other) =
        store::destinatari::by_cf(conn, &d.codice_fiscale)?.filter(|o| Some(o.id) != id)
    {
        f.add(
            Code::DES_05,
            Some(RecordRef::new(RecordKind::Destinatario, other.id)),
            Some("codice_fiscale"),
            format!(
                "Il codice fiscale {} è già di {}: è la stessa persona, usa la sua scheda invece di crearne un'altra.",
                d.codice_fiscale,
                other.nome_completo()
            ),
        );
    }
    Ok(f)
}

/// DES-02: what the anagrafica says against what the CF encodes (sex, date
/// and place of birth), one Italian sentence each.
pub fn disaccordi(
    info: &codice_fiscale::CfInfo,
    sesso: codice_fiscale::Sesso,
    nascita: chrono::NaiveDate,
    comune: Option<&str>,
    stato_estero: Option<&str>,
) -> Vec<String> {
    let mut out = codice_fiscale::disagreements(info, Some(sesso), Some(nascita));
    out.extend(crate::luoghi::disaccordo(
        &info.luogo,
        comune,
        stato_estero,
        nascita,
    ));
    out
}
