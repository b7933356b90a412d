//! The exchange with the regional office, on the command surface: the desk
//! exports, the office makes its keys and merges, and sees who sent what.

use super::{Conferma, Nulla};
use crate::context::Ctx;
use crate::error::{Outcome, Result};
use crate::scambio::chiavi;
use crate::scambio::esporta::{self, Esportato};
use crate::scambio::unisci::{self, Piano};
use crate::store::Store;
use crate::store::scambio::{self as db, Conflitto, Provenienza};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Esporta {
    /// The file to write.
    pub percorso: String,
    /// Everything, not only what changed since the last export to this destination.
    #[serde(default)]
    pub completo: bool,
    /// Default `ufficio-regionale`.
    #[serde(default)]
    pub destinazione: Option<String>,
}

pub fn esporta(store: &Store, ctx: &Ctx, e: Esporta) -> Result<Outcome<Esportato>> {
    let dest = e.destinazione.as_deref().unwrap_or(esporta::DESTINAZIONE);
    Ok(Outcome::plain(esporta::esporta(
        store,
        ctx,
        Path::new(&e.percorso),
        e.completo,
        dest,
    )?))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unisci {
    pub percorso: String,
    #[serde(flatten)]
    pub conferma: Conferma,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EsitoUnione {
    pub piano: Piano,
    pub applicato: bool,
}

pub fn unisci(store: &Store, ctx: &Ctx, u: Unisci) -> Result<Outcome<EsitoUnione>> {
    let path = Path::new(&u.percorso);
    let piano = if u.conferma.applica {
        unisci::applica(store, ctx, path, u.conferma.impronta.as_deref())?
    } else {
        unisci::anteprima(store, path)?
    };
    // What two desks could not see of each other shows once both are here (SER-08).
    let warnings = if u.conferma.applica {
        crate::rules::servizio::check_two_bodies(store.read())?.0
    } else {
        vec![]
    };
    Ok(Outcome::new(
        EsitoUnione {
            piano,
            applicato: u.conferma.applica,
        },
        warnings,
    ))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChiaveUfficio {
    /// The office's public age recipient (`age1…`), to give to the desks.
    pub destinatario: String,
}

pub fn genera_chiavi_ufficio(store: &Store, ctx: &Ctx, _: Nulla) -> Result<Outcome<ChiaveUfficio>> {
    let r = chiavi::genera_ufficio(store, ctx)?;
    Ok(Outcome::plain(ChiaveUfficio {
        destinatario: r.to_string(),
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChiaviSportello {
    /// This installation's id, and the public key its files are signed with.
    pub sportello: String,
    pub chiave_pubblica: String,
    /// The office's recipient the files are encrypted to.
    pub ufficio: String,
}

pub fn imposta_ufficio(
    store: &Store,
    ctx: &Ctx,
    c: ChiaveUfficio,
) -> Result<Outcome<ChiaviSportello>> {
    let r = chiavi::imposta_ufficio(store, ctx, &c.destinatario)?;
    let (sportello, firma) = chiavi::sportello(store, ctx)?;
    Ok(Outcome::plain(ChiaviSportello {
        sportello,
        chiave_pubblica: chiavi::pubblica(&firma),
        ufficio: r.to_string(),
    }))
}

pub fn list_provenienze(store: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Vec<Provenienza>>> {
    Ok(Outcome::plain(db::provenienze(store.read())?))
}

pub fn list_conflitti(store: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Vec<Conflitto>>> {
    Ok(Outcome::plain(db::conflitti(store.read())?))
}

/// Which conflict, and whose version wins.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RisolviConflitto {
    pub tipo: String,
    pub id: String,
    pub origine: String,
    pub scelta: crate::scambio::conflitti::Scelta,
}

pub fn risolvi_conflitto(store: &Store, ctx: &Ctx, r: RisolviConflitto) -> Result<Outcome<Nulla>> {
    crate::scambio::conflitti::risolvi(store, ctx, &r.tipo, &r.id, &r.origine, r.scelta)?;
    Ok(Outcome::plain(Nulla {}))
}
