//! The checks when a servizio closes: its incontri against the catalogue,
//! its enrolled against what it declares.

use super::{check_individuale, check_numero};
use crate::catalogo::{self, Azione};
use crate::domain::Servizio;
use crate::error::{RecordKind, RecordRef, Result};
use crate::rules::{Code, Findings};
use crate::store;
use rusqlite::Connection;

/// SER-13, SER-12, SER-04 (ente, unless all dispersi) and SER-10 at close.
pub fn check_close(conn: &Connection, s: &Servizio, azione: &Azione) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Servizio, s.id));
    let incontri = store::incontri::of_servizio(conn, s.id)?;
    let aperti = incontri
        .iter()
        .filter(|i| i.stato == crate::domain::StatoIncontro::Aperto)
        .count();
    if aperti > 0 {
        f.add(
            Code::SER_13,
            record,
            None,
            format!("Chiudi prima i {aperti} incontri ancora aperti del servizio."),
        );
    }
    let minuti: u32 = incontri
        .iter()
        .filter(|i| i.stato == crate::domain::StatoIncontro::Chiuso)
        .map(|i| i.durata())
        .sum();
    let chiusi = incontri
        .iter()
        .filter(|i| i.stato == crate::domain::StatoIncontro::Chiuso)
        .count() as u32;
    if let Some(n) = azione
        .limiti(s.modalita())
        .and_then(|l| l.incontri)
        .filter(|n| !n.contains(chiusi))
    {
        f.add_bound(
            Code::SER_19,
            azione.provvisorio,
            record,
            None,
            format!(
                "Il servizio ha {chiusi} incontri: per {} il catalogo prevede {}.",
                s.dati.codice_azione,
                n.describe_count("incontri")
            ),
        );
    }
    if let Some(p) = azione
        .limiti(s.modalita())
        .and_then(|l| l.minuti_percorso)
        .filter(|p| !p.contains(minuti))
    {
        f.add_bound(
            Code::SER_12,
            azione.provvisorio,
            record,
            None,
            format!(
                "Gli incontri chiusi sommano {}: per {} il catalogo chiede {}.",
                catalogo::minutes(minuti),
                s.dati.codice_azione,
                p.describe_minutes()
            ),
        );
    }
    let iscrizioni = store::servizi::iscrizioni(conn, s.id)?;
    let tutti_dispersi =
        !iscrizioni.is_empty() && iscrizioni.iter().all(|i| i.dati_peculiari.disperso);
    if s.dati.ente_ids.is_empty() && !tutti_dispersi {
        f.add(
            Code::SER_04,
            record,
            Some("ente_ids"),
            "Il servizio non ha un ente coinvolto: indica la scuola (o università) dei destinatari; \
             si lascia vuoto solo se tutti i destinatari sono dispersi."
                .into(),
        );
    }
    f.extend(check_numero(s, iscrizioni.len() as u32));
    f.extend(check_individuale(s, iscrizioni.len()));
    Ok(f)
}
