//! The physical indicators of seed 002 («Indicatori fisici per il monitoraggio
//! dei servizi di politica attiva», D.G.R. 66-3576/2012), for the servizi of
//! the bodies on the `piemonte-lavoro-2012` catalogue, whose codes A.1–B.4
//! are the seed's servizi standard 1–10. Each indicator is either read from
//! what Sportello records, or listed with the reason it cannot be.

use super::partecipanti::Partecipanti;
use crate::store::indicatori::RigaServizio;
use serde::{Deserialize, Serialize};

pub const CATALOGO: &str = "piemonte-lavoro-2012";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatoreFisico {
    /// The seed's code, e.g. `1.1`.
    pub codice: String,
    /// The seed's wording.
    pub descrizione: String,
    /// The servizio standard, e.g. `A.1 Informazione`.
    pub servizio: String,
    /// `None` when the recorded data cannot support it.
    pub valore: Option<u32>,
    /// How it is read, or why it cannot be (Italian).
    pub lettura: String,
}

enum Lettura {
    /// Distinct destinatari present at an incontro of the period of a servizio of this code.
    Utenti(&'static str),
    Non(&'static str),
}

use Lettura::*;

const NO_PATTO: &str = "Sportello non registra il Patto di servizio né la sua firma.";
const NO_PAI: &str = "Sportello non registra il Piano di Azione Individuale (PAI).";
const NO_FORMAZIONE: &str =
    "Sportello non registra avvii, iscrizioni né esiti di corsi di formazione.";
const NO_LAVORO: &str =
    "Sportello non registra invii a selezione, inserimenti né contratti di lavoro.";
const NO_AZIENDE: &str =
    "Sportello non registra fabbisogni, profili richiesti né vacancy delle aziende.";
/// Companies are enti coinvolti, not destinatari; B.x servizi are individual,
/// and SER-07 refuses a non-school ente on an individual servizio.
const NO_SERVIZI_AZIENDE: &str = "Sportello registra servizi a persone: l'azienda non è un destinatario, \
     e come ente coinvolto di un servizio individuale è rifiutata (SER-07).";

/// (code, servizio standard, seed wording, reading), in the seed's order.
const DEFINIZIONI: &[(&str, &str, &str, Lettura)] = &[
    (
        "1.1",
        "A.1 Informazione",
        "N° utenti che hanno fruito del servizio di informazione",
        Utenti("A.1"),
    ),
    (
        "2.1",
        "A.2 Accoglienza",
        "N° utenti che hanno fruito dell'accoglienza",
        Utenti("A.2"),
    ),
    (
        "2.2",
        "A.2 Accoglienza",
        "N° utenti che hanno firmato il Patto di servizio; data della firma del Patto",
        Non(NO_PATTO),
    ),
    (
        "3.1",
        "A.3 Orientamento professionale",
        "N° utenti colloquiati per orientamento ed elaborazione del PAI",
        Utenti("A.3"),
    ),
    (
        "3.2",
        "A.3 Orientamento professionale",
        "Data di apertura del PAI",
        Non(NO_PAI),
    ),
    (
        "3.3",
        "A.3 Orientamento professionale",
        "N° utenti che non hanno firmato il PAI",
        Non(NO_PAI),
    ),
    (
        "3.4",
        "A.3 Orientamento professionale",
        "N° utenti avviati ad un corso di formazione",
        Non(NO_FORMAZIONE),
    ),
    (
        "3.5",
        "A.3 Orientamento professionale",
        "N° utenti iscritti ad un corso di formazione",
        Non(NO_FORMAZIONE),
    ),
    (
        "3.6",
        "A.3 Orientamento professionale",
        "N° utenti che hanno concluso corso di formazione",
        Non(NO_FORMAZIONE),
    ),
    (
        "4.1",
        "A.4 Consulenza orientativa",
        "N° utenti colloquiati per consulenza orientativa",
        Utenti("A.4"),
    ),
    (
        "5.1",
        "A.5 Accompagnamento al lavoro",
        "N° utenti che hanno usufruito del servizio di accompagnamento",
        Utenti("A.5"),
    ),
    (
        "5.2",
        "A.5 Accompagnamento al lavoro",
        "N° tirocini attivati",
        Non("Sportello non registra i tirocini."),
    ),
    (
        "6.1",
        "A.6 Incontro domanda/offerta",
        "N° utenti che hanno ricevuto servizi di preselezione",
        Utenti("A.6"),
    ),
    (
        "6.2",
        "A.6 Incontro domanda/offerta",
        "N° utenti inviati ai colloqui di selezione",
        Non(NO_LAVORO),
    ),
    (
        "6.3",
        "A.6 Incontro domanda/offerta",
        "N° utenti avviati all'inserimento lavorativo; n° utenti inseriti al lavoro (contratto)",
        Non(NO_LAVORO),
    ),
    (
        "6.4",
        "A.6 Incontro domanda/offerta",
        "Data avvio contratto",
        Non(NO_LAVORO),
    ),
    (
        "7.1",
        "B.1 Promozione e scouting",
        "N° aziende contattate",
        Non(NO_SERVIZI_AZIENDE),
    ),
    (
        "7.2",
        "B.1 Promozione e scouting",
        "N° aziende che hanno espresso fabbisogno di servizi",
        Non(NO_AZIENDE),
    ),
    (
        "8.1",
        "B.2 Informazione e accesso ai servizi",
        "N° aziende che hanno usufruito dell'accoglienza",
        Non(NO_SERVIZI_AZIENDE),
    ),
    (
        "8.2",
        "B.2 Informazione e accesso ai servizi",
        "N° aziende che hanno firmato il patto di servizio",
        Non(NO_PATTO),
    ),
    (
        "8.3",
        "B.2 Informazione e accesso ai servizi",
        "N° aziende richiedenti profili",
        Non(NO_AZIENDE),
    ),
    (
        "8.4",
        "B.2 Informazione e accesso ai servizi",
        "N° vacancy rilevate e registrate",
        Non(NO_AZIENDE),
    ),
    (
        "9.1",
        "B.3 Consulenza",
        "N° aziende che hanno fruito del servizio di consulenza",
        Non(NO_SERVIZI_AZIENDE),
    ),
    (
        "10.1",
        "B.4 Incontro domanda/offerta",
        "N° candidati segnalati",
        Non(NO_LAVORO),
    ),
    (
        "10.2",
        "B.4 Incontro domanda/offerta",
        "N° aziende che hanno dichiarato di assumere",
        Non(NO_LAVORO),
    ),
    (
        "10.3",
        "B.4 Incontro domanda/offerta",
        "N° aziende che hanno assunto",
        Non(NO_LAVORO),
    ),
];

/// The codes of seed 002 that the data supports.
pub fn supportati() -> Vec<&'static str> {
    DEFINIZIONI
        .iter()
        .filter(|d| !matches!(d.3, Non(_)))
        .map(|d| d.0)
        .collect()
}

pub(super) fn calcola(
    servizi: &[RigaServizio],
    partecipanti: &Partecipanti,
) -> Vec<IndicatoreFisico> {
    DEFINIZIONI
        .iter()
        .map(|(codice, servizio, descrizione, lettura)| {
            let (valore, lettura) = match lettura {
                Utenti(c) => (
                    Some(utenti(servizi, partecipanti, c)),
                    format!(
                        "Destinatari distinti presenti ad almeno un incontro del periodo di un servizio {c}."
                    ),
                ),
                Non(motivo) => (None, format!("Non calcolabile: {motivo}")),
            };
            IndicatoreFisico {
                codice: codice.to_string(),
                descrizione: descrizione.to_string(),
                servizio: servizio.to_string(),
                valore,
                lettura,
            }
        })
        .collect()
}

/// Distinct destinatari reached by the servizi of `codice` of the catalogue.
fn utenti(servizi: &[RigaServizio], partecipanti: &Partecipanti, codice: &str) -> u32 {
    let del_codice: Vec<bool> = servizi
        .iter()
        .map(|s| s.catalogo == CATALOGO && s.codice_azione.eq_ignore_ascii_case(codice))
        .collect();
    partecipanti.conta(|p| del_codice[p.servizio])
}
