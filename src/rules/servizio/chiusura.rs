//! The checks when a servizio closes: its incontri against the catalogue,
//! its enrolled against what it declares.

use super::{check_individuale, check_numero};
use crate::catalogo::{self, Azione};
use crate::domain::{Incontro, Iscrizione, Servizio, StatoIncontro};
use crate::error::{RecordKind, RecordRef, Result};
use crate::rules::{Code, Findings};
use crate::store;
use rusqlite::Connection;

/// At close, in the order the findings are listed: SER-13, SER-19, SER-12,
/// SER-04 (the ente, unless all are dispersi), SER-10 and SER-16.
pub fn check_close(conn: &Connection, s: &Servizio, azione: &Azione) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Servizio, s.id));
    let incontri = store::incontri::of_servizio(conn, s.id)?;
    ser_13(&incontri, record, &mut f);
    // Only closed incontri count towards the catalogue's bounds.
    let chiusi: Vec<&Incontro> = incontri
        .iter()
        .filter(|i| i.stato == StatoIncontro::Chiuso)
        .collect();
    ser_19(s, azione, &chiusi, record, &mut f);
    ser_12(s, azione, &chiusi, record, &mut f);
    let iscrizioni = store::servizi::iscrizioni(conn, s.id)?;
    ser_04(s, &iscrizioni, record, &mut f);
    f.extend(check_numero(s, iscrizioni.len() as u32));
    f.extend(check_individuale(s, iscrizioni.len()));
    Ok(f)
}

/// SER-13: every incontro is closed first.
fn ser_13(incontri: &[Incontro], record: Option<RecordRef>, f: &mut Findings) {
    let aperti = incontri
        .iter()
        .filter(|i| i.stato == StatoIncontro::Aperto)
        .count();
    if aperti > 0 {
        f.add(
            Code::SER_13,
            record,
            None,
            format!("Chiudi prima i {aperti} incontri ancora aperti del servizio."),
        );
    }
}

/// SER-19: the number of closed incontri is the catalogue's.
fn ser_19(
    s: &Servizio,
    azione: &Azione,
    chiusi: &[&Incontro],
    record: Option<RecordRef>,
    f: &mut Findings,
) {
    let chiusi = chiusi.len() as u32;
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
}

/// SER-12: the hours of the closed incontri lie within the catalogue's bounds.
fn ser_12(
    s: &Servizio,
    azione: &Azione,
    chiusi: &[&Incontro],
    record: Option<RecordRef>,
    f: &mut Findings,
) {
    let minuti: u32 = chiusi.iter().map(|i| i.durata()).sum();
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
}

/// SER-04 at close: an ente coinvolto, unless every destinatario is a disperso.
fn ser_04(s: &Servizio, iscrizioni: &[Iscrizione], record: Option<RecordRef>, f: &mut Findings) {
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
}
