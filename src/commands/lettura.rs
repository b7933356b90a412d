//! Signed registers read back from a scanner (#13): the plan (every page,
//! every box with its proposal), then, when confirmed, the confident
//! proposals written on open incontri through `set_presenze`, all in one
//! transaction.

use super::Conferma;
use super::incontri::{self, Presenze};
use crate::context::Ctx;
use crate::domain::Presenza;
use crate::error::{Error, Finding, Outcome, Result};
use crate::ids::Id;
use crate::import::destinatari::Avanzamento;
use crate::lettura::{self, PianoLettura};
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeggiRegistri {
    /// Scanned files: PDF from a scanner, or PNG, JPEG, TIFF pages.
    pub percorsi: Vec<String>,
    /// Applying writes the plan's confident proposals; an `impronta` refuses
    /// scans that now give another plan.
    #[serde(flatten)]
    pub conferma: Conferma,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EsitoLettura {
    pub piano: PianoLettura,
    pub applicato: bool,
    /// Presences written, and the incontri they are on.
    pub registrate: u32,
    pub incontri: u32,
}

pub fn leggi_registri(store: &Store, ctx: &Ctx, i: LeggiRegistri) -> Result<Outcome<EsitoLettura>> {
    leggi_registri_con(store, ctx, i, &|_| {})
}

/// As [`leggi_registri`], reporting the pages read.
pub fn leggi_registri_con(
    store: &Store,
    ctx: &Ctx,
    i: LeggiRegistri,
    progresso: &dyn Fn(Avanzamento),
) -> Result<Outcome<EsitoLettura>> {
    let piano = lettura::pianifica(store, &i.percorsi, progresso)?;
    if !i.conferma.applica {
        return Ok(Outcome::plain(EsitoLettura {
            piano,
            applicato: false,
            registrate: 0,
            incontri: 0,
        }));
    }
    if let Some(confermata) = &i.conferma.impronta
        && *confermata != piano.impronta
    {
        return Err(Error::dati(
            "Le scansioni danno ora un piano diverso da quello confermato: rileggi l'anteprima.",
        ));
    }
    let (registrate, incontri, warnings) = applica(store, ctx, &piano)?;
    Ok(Outcome::new(
        EsitoLettura {
            piano,
            applicato: true,
            registrate,
            incontri,
        },
        warnings,
    ))
}

/// The applicable proposals, incontro by incontro, merged into what each
/// incontro already records (a person the paper does not name keeps their
/// presence): all or nothing.
fn applica(store: &Store, ctx: &Ctx, piano: &PianoLettura) -> Result<(u32, u32, Vec<Finding>)> {
    let mut per_incontro: BTreeMap<Id, Vec<Presenza>> = BTreeMap::new();
    for f in piano.firme.iter().filter(|f| f.applicabile) {
        if let (Some(d), Some(i)) = (f.destinatario_id, f.incontro_id) {
            per_incontro.entry(i).or_default().push(Presenza {
                destinatario_id: d,
                presente: f.presente,
            });
        }
    }
    let registrate = per_incontro.values().map(Vec::len).sum::<usize>() as u32;
    let incontri_n = per_incontro.len() as u32;
    let warnings = store.atomically(ctx, "leggi_registri", || {
        let mut warnings = Vec::new();
        for (incontro_id, lette) in per_incontro {
            let mut presenze = store::incontri::get(store.read(), incontro_id)?
                .dati
                .presenze;
            for p in lette {
                match presenze
                    .iter_mut()
                    .find(|x| x.destinatario_id == p.destinatario_id)
                {
                    Some(x) => x.presente = p.presente,
                    None => presenze.push(p),
                }
            }
            let out = incontri::set_presenze(
                store,
                ctx,
                Presenze {
                    incontro_id,
                    presenze,
                },
            )?;
            warnings.extend(out.warnings);
        }
        Ok(warnings)
    })?;
    Ok((registrate, incontri_n, warnings))
}
