//! Printing the paper registers: one servizio, or many at once.

use super::Nulla;
use crate::context::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::ids::Id;
use crate::import::destinatari::Avanzamento;
use crate::registro::{self, DatiRegistro, Variante, batch};
use crate::store::servizi::FiltroServizi;
use crate::store::{self, Store};
use crate::uscita;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StampaRegistro {
    pub servizio_id: Id,
    #[serde(default)]
    pub variante: Variante,
    /// The PDF file to write.
    pub percorso: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StampaRegistri {
    #[serde(default)]
    pub intervento_id: Option<Id>,
    /// An ente coinvolto (a school).
    #[serde(default)]
    pub ente_id: Option<Id>,
    /// Servizi with incontri in this period.
    #[serde(default)]
    pub dal: Option<NaiveDate>,
    #[serde(default)]
    pub al: Option<NaiveDate>,
    #[serde(default)]
    pub variante: Variante,
    /// A `.pdf` file (all registers in one) or a folder (one file each).
    pub percorso: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Stampati {
    pub registri: u32,
    pub file: Vec<String>,
}

pub fn stampa_registro(store: &Store, _: &Ctx, s: StampaRegistro) -> Result<Outcome<Nulla>> {
    let d = registro::dati(store, s.servizio_id)?;
    uscita::scrivi(
        Path::new(&s.percorso),
        "pdf",
        &registro::pdf::registro(&d, s.variante),
    )?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn stampa_registri(store: &Store, ctx: &Ctx, s: StampaRegistri) -> Result<Outcome<Stampati>> {
    stampa_registri_con(store, ctx, s, &|_| {})
}

/// As [`stampa_registri`], reporting progress (registers done, total).
pub fn stampa_registri_con(
    store: &Store,
    ctx: &Ctx,
    s: StampaRegistri,
    avanzamento: &(dyn Fn(Avanzamento) + Sync),
) -> Result<Outcome<Stampati>> {
    let progresso = &|fatto, totale| avanzamento(Avanzamento::di("stampa", fatto, totale));
    let dati = dati_scelti(store, &s)?;
    let path = Path::new(&s.percorso);
    let file = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        in_un_pdf(ctx, path, &dati, s.variante, progresso)?;
        vec![s.percorso.clone()]
    } else {
        in_una_cartella(ctx, path, &dati, s.variante, progresso)?
    };
    Ok(Outcome::plain(Stampati {
        registri: dati.len() as u32,
        file,
    }))
}

/// The data of every register the choice names; a choice naming nothing, or
/// matching no servizio, is an error rather than an empty print.
fn dati_scelti(store: &Store, s: &StampaRegistri) -> Result<Vec<DatiRegistro>> {
    if s.intervento_id.is_none() && s.ente_id.is_none() && s.dal.is_none() && s.al.is_none() {
        return Err(Error::dati(
            "Indica un intervento, un ente coinvolto o un periodo (dal, al).",
        ));
    }
    let filtro = FiltroServizi {
        intervento_id: s.intervento_id,
        ente_id: s.ente_id,
        dal: s.dal,
        al: s.al,
        ..Default::default()
    };
    let servizi = store::servizi::list(store.read(), &filtro)?;
    if servizi.is_empty() {
        return Err(Error::dati(
            "Nessun servizio corrisponde alla scelta: nessun registro da stampare.",
        ));
    }
    servizi
        .iter()
        .map(|x| registro::dati(store, x.id))
        .collect()
}

/// All the registers in one PDF at `path`, written as they are joined: memory
/// holds a few, not the batch; the file takes its name only when whole.
fn in_un_pdf(
    ctx: &Ctx,
    path: &Path,
    dati: &[DatiRegistro],
    variante: Variante,
    progresso: &(dyn Fn(usize, usize) + Sync),
) -> Result<()> {
    let file = Annullabile {
        out: uscita::InCorso::crea(path, "pdf")?,
        ctx,
    };
    let scritto = batch::un_pdf_in(dati, variante, progresso, std::io::BufWriter::new(file))
        .and_then(|w| w.into_inner().map_err(|e| e.into_error()));
    match scritto {
        Ok(f) => f.out.finisci(),
        // The unfinished file is dropped under its temporary name.
        Err(_) if ctx.annullato() => Err(Error::Annullato {
            message: format!("Stampa annullata: {} non è stato scritto.", path.display()),
        }),
        Err(e) => Err(uscita::non_scrivo(path, e)),
    }
}

/// One PDF per register in the folder `dir`; returns the files written, sorted.
fn in_una_cartella(
    ctx: &Ctx,
    dir: &Path,
    dati: &[DatiRegistro],
    variante: Variante,
    progresso: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<String>> {
    uscita::cartella(dir)?;
    let out = std::sync::Mutex::new(Vec::new());
    let fatto = batch::un_file_ciascuno(dati, variante, progresso, &|nome, bytes| {
        if ctx.annullato() {
            // Replaced below by a message that counts what was written.
            return Err(Error::Annullato {
                message: "Stampa annullata.".into(),
            });
        }
        let p = dir.join(nome);
        uscita::scrivi(&p, "pdf", &bytes)?;
        out.lock().expect("file list").push(p.display().to_string());
        Ok(())
    });
    let mut out = out.into_inner().expect("file list");
    if let Err(Error::Annullato { .. }) = fatto {
        // Each register is its own file, whole or absent.
        return Err(Error::Annullato {
            message: format!(
                "Stampa annullata: {} registri su {} scritti in {}, gli altri no.",
                out.len(),
                dati.len(),
                dir.display()
            ),
        });
    }
    fatto?;
    out.sort();
    Ok(out)
}

/// The batch's one PDF, written through this so that a cancel stops it at the
/// next write. (Not `ErrorKind::Interrupted`: `write_all` would retry it.)
struct Annullabile<'a, W> {
    out: W,
    ctx: &'a Ctx,
}

impl<W: std::io::Write> std::io::Write for Annullabile<'_, W> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.ctx.annullato() {
            return Err(std::io::Error::other("stampa annullata"));
        }
        self.out.write(b)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
