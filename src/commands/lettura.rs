//! Signed registers read back from a scanner (#13): the plan (every page,
//! every box with its proposal), then, when confirmed, the confident or
//! reviewed proposals written on open incontri through `set_presenze`, and
//! the pages read kept as evidence, all in one transaction; the kept pages
//! listed for an incontro, shown, and printed as "copia conforme".

use super::incontri::{self, Presenze};
use super::{Conferma, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::Presenza;
use crate::error::{Error, Finding, Outcome, Result};
use crate::ids::Id;
use crate::import::destinatari::Avanzamento;
use crate::lettura::{self, Acquisite, PianoLettura};
use crate::registro;
use crate::store::scansioni::Scansione;
use crate::store::{self, Store};
use crate::uscita;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeggiRegistri {
    /// Scanned files: PDF from a scanner, or PNG, JPEG, TIFF pages.
    pub percorsi: Vec<String>,
    /// Applying writes the plan's confident proposals; an `impronta` refuses
    /// scans that now give another plan.
    #[serde(flatten)]
    pub conferma: Conferma,
    /// Each box's crop in the plan (the window's review strip).
    #[serde(default)]
    pub ritagli: bool,
    /// The reviewer's word on boxes (doubtful ones included), over the proposals.
    #[serde(default)]
    pub decisioni: Vec<lettura::Decisione>,
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
    let opzioni = lettura::Opzioni {
        ritagli: i.ritagli,
        conserva: i.conferma.applica,
        decisioni: &i.decisioni,
    };
    let lettura::Lettura {
        piano,
        mut acquisite,
    } = lettura::pianifica(store, &i.percorsi, opzioni, progresso)?;
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
    let (registrate, incontri, warnings) = applica(store, ctx, &piano, &mut acquisite)?;
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
/// presence), and the pages read kept: all or nothing.
fn applica(
    store: &Store,
    ctx: &Ctx,
    piano: &PianoLettura,
    acquisite: &mut Acquisite,
) -> Result<(u32, u32, Vec<Finding>)> {
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
    let scritti: BTreeSet<Id> = per_incontro.keys().copied().collect();
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
        conserva(store, ctx, piano, acquisite, &scritti)?;
        Ok(warnings)
    })?;
    Ok((registrate, incontri_n, warnings))
}

/// Each page read is kept beside its servizio and the incontri of its
/// columns that the reading wrote (their change log names the page); a page
/// that wrote nothing is not kept, nor one already kept from the same file.
fn conserva(
    store: &Store,
    ctx: &Ctx,
    piano: &PianoLettura,
    acquisite: &mut Acquisite,
    scritti: &BTreeSet<Id>,
) -> Result<()> {
    // One reading, one time: its pages list together, in order.
    let letta_il = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let pagine: Vec<(u32, String)> = acquisite
        .pagine()
        .iter()
        .map(|a| (a.pagina, a.impronta_file.clone()))
        .collect();
    for (k, (indice, impronta_file)) in pagine.into_iter().enumerate() {
        let p = &piano.pagine[indice as usize];
        let (Some(servizio_id), Some(pagina), Some(totale)) = (p.servizio_id, p.pagina, p.totale)
        else {
            continue;
        };
        let incontri: BTreeSet<Id> = piano
            .firme
            .iter()
            .filter(|f| f.pagina == indice)
            .filter_map(|f| f.incontro_id)
            .filter(|i| scritti.contains(i))
            .collect();
        if incontri.is_empty() {
            continue;
        }
        let jpeg = acquisite.immagine(k)?;
        let file = Path::new(&p.file)
            .file_name()
            .map_or(p.file.clone(), |n| n.to_string_lossy().into_owned());
        store.write(ctx, "leggi_registri", |tx| {
            store::scansioni::inserisci(
                tx,
                &store::scansioni::NuovaScansione {
                    servizio_id,
                    pagina,
                    totale,
                    file: &file,
                    pagina_file: p.pagina_file,
                    impronta_file: &impronta_file,
                    jpeg: &jpeg,
                    incontri: &incontri.iter().copied().collect::<Vec<_>>(),
                    letta_il: &letta_il,
                },
            )
        })?;
    }
    Ok(())
}

/// The pages kept for an incontro, the latest reading first.
pub fn scansioni_incontro(store: &Store, _: &Ctx, i: PerId) -> Result<Outcome<Vec<Scansione>>> {
    Ok(Outcome::plain(store::scansioni::di_incontro(
        store.read(),
        i.id,
    )?))
}

/// A kept page's picture, as a data URL for the window.
pub fn immagine_scansione(store: &Store, _: &Ctx, i: PerId) -> Result<Outcome<String>> {
    let (_, jpeg) = store::scansioni::get(store.read(), i.id)?;
    Ok(Outcome::plain(format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&jpeg)
    )))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CopiaConforme {
    pub scansione_id: Id,
    /// The PDF to write.
    pub percorso: String,
}

/// A kept page printed as "copia conforme": the page, where it came from,
/// and a place for the attesting signature.
pub fn copia_conforme(store: &Store, ctx: &Ctx, c: CopiaConforme) -> Result<Outcome<Nulla>> {
    let (s, jpeg) = store::scansioni::get(store.read(), c.scansione_id)?;
    let d = registro::dati(store, s.servizio_id)?;
    let dimensioni = image::ImageReader::new(std::io::Cursor::new(&jpeg))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok())
        .unwrap_or((1240, 1754));
    let letta = s
        .letta_il
        .get(..16)
        .unwrap_or(&s.letta_il)
        .replace('T', " ");
    let righe = [
        format!(
            "COPIA CONFORME ALL'ORIGINALE CARTACEO - registro {}, pagina {} di {}",
            d.numero, s.pagina, s.totale
        ),
        format!(
            "Acquisita con Sportello il {letta} (UTC) dal file «{}», pagina {}.",
            s.file, s.pagina_file
        ),
        format!("Impronta SHA-256 del file acquisito: {}", s.impronta_file),
        format!(
            "Stampata il {}. Firma di chi attesta la conformità: ______________________________",
            ctx.oggi.format("%d/%m/%Y")
        ),
    ];
    uscita::scrivi(
        Path::new(&c.percorso),
        "pdf",
        &registro::copia_conforme::pdf(&jpeg, dimensioni, &righe),
    )?;
    Ok(Outcome::plain(Nulla {}))
}
