//! INC-01…INC-05, INC-07, INC-08, INC-10…INC-12 and the group size of SER-19,
//! on incontri, in one room per moment they are checked: `dati` at create and
//! update, presences included (one function per code, run from `CONTROLLI`),
//! `chiusura` at close. Here: what both read (`Contesto`, the signing
//! orientatore of INC-03, whether the participants are pupils) and the lock of
//! a closed incontro (INC-09).

mod chiusura;
mod dati;

pub use chiusura::check_close;
pub use dati::check_input;

use super::Findings;
use crate::catalogo::Azione;
use crate::domain::{Incontro, IncontroDati, Iscrizione, Servizio, StatoIncontro, TipoEnte};
use crate::error::{RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::Code;
use crate::store;
use chrono::NaiveDate;
use rusqlite::Connection;

/// What the command resolved before the rules run.
pub struct Contesto<'a> {
    pub servizio: &'a Servizio,
    pub azione: &'a Azione,
    pub iscrizioni: &'a [Iscrizione],
    pub oggi: NaiveDate,
    /// The incontro itself, on update.
    pub record: Option<RecordRef>,
}

/// INC-03: the signing orientatore is set and, when `attivo` is asked, still
/// active; always one of the servizio's implementing body. Returns it when set.
fn orientatore(
    conn: &Connection,
    d: &IncontroDati,
    s: &Servizio,
    record: Option<RecordRef>,
    attivo: bool,
    f: &mut Findings,
) -> Result<Option<Id>> {
    let Some(id) = d.orientatore_id else {
        f.add(
            Code::INC_03,
            record,
            Some("orientatore_id"),
            "Indica l'orientatore che firma il registro.".into(),
        );
        return Ok(None);
    };
    let o = store::organizzazione::get_orientatore(conn, id)?;
    if o.dati.ente_attuatore_id != s.dati.ente_attuatore_id {
        f.add(
            Code::INC_03,
            record,
            Some("orientatore_id"),
            format!(
                "{} non è un orientatore dell'ente attuatore del servizio: firma il registro un orientatore \
                 dell'ente che eroga il servizio.",
                o.nome_completo()
            ),
        );
    } else if attivo && !o.dati.attivo {
        f.add(
            Code::INC_03,
            record,
            Some("orientatore_id"),
            format!(
                "{} è disattivato: indica l'orientatore che ha condotto l'incontro e firma il registro.",
                o.nome_completo()
            ),
        );
    }
    Ok(Some(id))
}

/// Whether the servizio's participants are school pupils (its ente coinvolto is
/// a school): only they have classe and sezione (INC-05).
pub fn alunni(conn: &Connection, s: &Servizio) -> Result<bool> {
    for id in &s.dati.ente_ids {
        if store::enti::get(conn, *id)?.dati.tipo == TipoEnte::Scuola {
            return Ok(true);
        }
    }
    Ok(false)
}

/// INC-09: a closed incontro is locked (`code` is GEN-01 when deleting).
pub fn refuse_if_closed(i: &Incontro, code: Code) -> Result<()> {
    if i.stato == StatoIncontro::Chiuso {
        let mut f = Findings::default();
        f.add(
            code,
            Some(RecordRef::new(RecordKind::Incontro, i.id)),
            None,
            format!(
                "L'incontro del {} è chiuso: per modificarlo riaprilo indicando il motivo.",
                i.dati.data.format("%d/%m/%Y")
            ),
        );
        return f.errors_only();
    }
    Ok(())
}
