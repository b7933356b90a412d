//! Imports reached by the UI and the command line: the participants of a
//! servizio from a school's file, and the Excel template to hand out.

use super::{Conferma, Nulla};
use crate::context::Ctx;
use crate::error::{Outcome, Result};
use crate::ids::Id;
use crate::import::destinatari::{self, Avanzamento, Opzioni, Piano};
use crate::import::{lettura, modello_excel, scuole};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportaDestinatari {
    pub servizio_id: Id,
    /// The school's file: .xlsx, .xls, .ods or .csv.
    pub percorso: String,
    #[serde(flatten)]
    pub opzioni: Opzioni,
    /// Applying writes the rows without errors.
    #[serde(flatten)]
    pub conferma: Conferma,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EsitoImport {
    pub piano: Piano,
    pub applicato: bool,
    pub creati: u32,
    pub iscritti: u32,
}

pub fn importa_destinatari(
    store: &Store,
    ctx: &Ctx,
    i: ImportaDestinatari,
) -> Result<Outcome<EsitoImport>> {
    importa_destinatari_con(store, ctx, i, &|_| {})
}

/// As [`importa_destinatari`], reporting progress (for a progress bar).
pub fn importa_destinatari_con(
    store: &Store,
    ctx: &Ctx,
    i: ImportaDestinatari,
    progresso: &dyn Fn(Avanzamento),
) -> Result<Outcome<EsitoImport>> {
    let griglia = lettura::leggi(Path::new(&i.percorso))?;
    let (piano, creati, iscritti) = if i.conferma.applica {
        destinatari::applica(
            store,
            ctx,
            i.servizio_id,
            &griglia,
            &i.opzioni,
            i.conferma.impronta.as_deref(),
            progresso,
        )?
    } else {
        (
            destinatari::pianifica(
                store,
                i.servizio_id,
                ctx.oggi,
                &griglia,
                &i.opzioni,
                progresso,
            )?,
            0,
            0,
        )
    };
    Ok(Outcome::plain(EsitoImport {
        piano,
        applicato: i.conferma.applica,
        creati,
        iscritti,
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Percorso {
    pub percorso: String,
}

/// Writes the Excel template for schools.
pub fn modello_excel(_: &Store, _: &Ctx, p: Percorso) -> Result<Outcome<Nulla>> {
    let bytes = modello_excel::modello_excel()?;
    crate::uscita::scrivi(std::path::Path::new(&p.percorso), "xlsx", &bytes)?;
    Ok(Outcome::plain(Nulla {}))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportaScuole {
    /// The ministry's CSV (`SCUANAGRAFESTAT…` or `SCUANAGRAFEPAR…`).
    pub percorso: String,
    #[serde(flatten)]
    pub filtro: scuole::Filtro,
    /// False: preview only.
    #[serde(default)]
    pub applica: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EsitoScuole {
    pub piano: scuole::PianoScuole,
    pub applicato: bool,
    pub nuove: u32,
    pub aggiornate: u32,
}

pub fn importa_scuole(store: &Store, ctx: &Ctx, i: ImportaScuole) -> Result<Outcome<EsitoScuole>> {
    importa_scuole_con(store, ctx, i, &|_| {})
}

/// As [`importa_scuole`], reporting progress.
pub fn importa_scuole_con(
    store: &Store,
    ctx: &Ctx,
    i: ImportaScuole,
    progresso: &dyn Fn(Avanzamento),
) -> Result<Outcome<EsitoScuole>> {
    let griglia = lettura::leggi(Path::new(&i.percorso))?;
    let piano = scuole::pianifica(store, &griglia, &i.filtro, progresso)?;
    let (nuove, aggiornate) = if i.applica {
        scuole::applica(store, ctx, &piano, progresso)?
    } else {
        (0, 0)
    };
    Ok(Outcome::plain(EsitoScuole {
        piano,
        applicato: i.applica,
        nuove,
        aggiornate,
    }))
}
