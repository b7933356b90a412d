//! SER-01…SER-19 (but SER-11, in `scadenze`) and INT-03 on servizi, in one
//! room per moment they are checked: `dati` at create and update (one function
//! per code, run from `CONTROLLI`), `iscrizioni` on who is enrolled, `chiusura`
//! at close. Here: the catalogue action, the locks of a closed servizio
//! (SER-14, GEN-01) and the enti it inherits from its intervento. Durations,
//! meeting counts, group sizes and families come from the catalogue.

mod chiusura;
mod dati;
mod iscrizioni;

pub use chiusura::check_close;
pub use dati::{Contesto, check_input};
pub use iscrizioni::{
    check_classe, check_dati_peculiari_bloccati, check_enrolment, check_individuale, check_numero,
    check_two_bodies,
};

use super::Findings;
use crate::catalogo::{self, Azione, Catalogo};
use crate::domain::{Intervento, Modalita, RuoloEnte, Servizio, StatoServizio};
use crate::error::{Error, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::Code;
use crate::store;
use rusqlite::Connection;

/// The action of `codice` in the body's catalogue, or a clear error.
pub fn azione<'c>(catalogo: &'c Catalogo, codice: &str) -> Result<&'c Azione> {
    catalogo.azione(codice).ok_or_else(|| {
        Error::dati_campo(
            "codice_azione",
            format!(
                "Il codice azione «{codice}» non è nel catalogo «{}» dell'ente attuatore. Codici ammessi: {}.",
                catalogo.testata.nome,
                catalogo.azioni.iter().map(|a| a.codice.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

/// The catalogue action of a servizio's implementing body.
pub fn azione_of(
    conn: &Connection,
    ente_attuatore_id: Id,
    codice: &str,
) -> Result<&'static Azione> {
    let ente = store::organizzazione::get_ente_attuatore(conn, ente_attuatore_id)?;
    let cat = catalogo::get(&ente.dati.catalogo).ok_or_else(|| {
        Error::dati(format!(
            "Il catalogo «{}» dell'ente attuatore non esiste.",
            ente.dati.catalogo
        ))
    })?;
    azione(cat, codice)
}

/// SER-14: a closed servizio is locked.
pub fn refuse_if_closed(s: &Servizio) -> Result<()> {
    if s.stato == StatoServizio::Chiuso {
        let mut f = Findings::default();
        f.add(
            Code::SER_14,
            Some(RecordRef::new(RecordKind::Servizio, s.id)),
            None,
            format!(
                "Il servizio «{}» è chiuso: per modificarlo riaprilo indicando il motivo.",
                s.dati.titolo
            ),
        );
        return f.errors_only();
    }
    Ok(())
}

/// GEN-01: a servizio with closed incontri is never deleted.
pub fn refuse_delete_with_closed_incontri(conn: &Connection, s: &Servizio) -> Result<()> {
    if store::servizi::has_closed_incontri(conn, s.id)? {
        let mut f = Findings::default();
        f.add(
            Code::GEN_01,
            Some(RecordRef::new(RecordKind::Servizio, s.id)),
            None,
            format!(
                "Il servizio «{}» ha incontri chiusi: non si può cancellare.",
                s.dati.titolo
            ),
        );
        return f.errors_only();
    }
    Ok(())
}

/// SER-05: the enti of the intervento that reach a servizio of this action.
/// Individual colloqui take only schools, universities and the modello's
/// coprogettatori (SER-07): a company put on the intervento for an OR8 visit
/// stays there.
pub fn enti_ereditati(
    conn: &Connection,
    intervento: &Intervento,
    modalita: Modalita,
) -> Result<Vec<Id>> {
    if modalita != Modalita::Individuale {
        return Ok(intervento.dati.ente_ids.clone());
    }
    let coprogettatori = coprogettatori(conn, Some(intervento))?;
    let mut out = Vec::new();
    for id in &intervento.dati.ente_ids {
        let e = store::enti::get(conn, *id)?;
        if e.dati.tipo.is_istruzione() || coprogettatori.contains(id) {
            out.push(*id);
        }
    }
    Ok(out)
}

/// Enti that the linked modello lists as coprogettatori (allowed in individual colloqui, 000 §6).
fn coprogettatori(conn: &Connection, intervento: Option<&Intervento>) -> Result<Vec<Id>> {
    let Some(modello_id) = intervento.and_then(|i| i.dati.modello_id) else {
        return Ok(vec![]);
    };
    let m = store::modelli::get(conn, modello_id)?;
    Ok(m.dati
        .enti
        .iter()
        .filter(|e| e.ruolo == RuoloEnte::Coprogettatore)
        .map(|e| e.ente_id)
        .collect())
}
