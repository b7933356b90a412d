//! The plan of a reading: every page of every file said (read, or why not),
//! and every participant's box with its proposal. Nothing is written here:
//! `commands::lettura` applies the confident proposals on open incontri.

use super::caselle::{FIDUCIA_MINIMA, Misura};
use super::immagine::Scansione;
use super::pagina::{self, Problema};
use crate::error::{Error, Result};
use crate::ids::Id;
use crate::import::destinatari::Avanzamento;
use crate::registro::layout::Casella;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::path::Path;

use super::registri::Registri;

/// What became of a scanned page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatoPagina {
    Letta,
    /// Not a page of a Sportello register.
    NonSportello,
    /// A register of a servizio this database does not hold.
    AltroDatabase,
    /// The same page read earlier in this reading.
    Duplicata,
    /// Printed before its servizio changed (participants, incontri): its
    /// boxes are no longer where the register is now.
    Modificata,
    /// A copy printed after the meetings, already filled in.
    Compilata,
    Illeggibile,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaginaLetta {
    pub file: String,
    /// The page's place in its file, from 1.
    pub pagina_file: u32,
    pub stato: StatoPagina,
    /// Why the page was not read, or what to know about it (Italian).
    pub messaggio: Option<String>,
    pub registro: Option<String>,
    pub servizio_id: Option<Id>,
    /// The register's page number and its count of pages.
    pub pagina: Option<u32>,
    pub totale: Option<u32>,
    /// How the sheet lay in the scan: degrees (180: upside down) and dpi.
    pub rotazione: Option<f32>,
    pub dpi: Option<f32>,
}

/// One participant's box of one incontro, with what was read in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FirmaLetta {
    /// The page in `PianoLettura::pagine` it is on.
    pub pagina: u32,
    /// The row's progressive number on the register.
    pub riga: u32,
    /// None for a blank row of late additions.
    pub destinatario_id: Option<Id>,
    /// None for a column printed blank (an incontro not recorded yet).
    pub incontro_id: Option<Id>,
    /// Cognome and nome as printed, or empty.
    pub nome: String,
    pub data_incontro: Option<chrono::NaiveDate>,
    /// The proposal: signed (present) or blank (absent).
    pub presente: bool,
    /// 0–1; below 0.6 the proposal is doubtful and is not applied.
    pub fiducia: f32,
    pub dubbia: bool,
    /// Ink measured in the box (mm²).
    pub inchiostro: f32,
    /// What the database holds now for this person at this incontro.
    pub registrato: Option<bool>,
    /// Whether applying writes it: confident, on an open incontro.
    pub applicabile: bool,
    /// Why it is not applied, or what to check (Italian).
    pub nota: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PianoLettura {
    pub pagine: Vec<PaginaLetta>,
    pub firme: Vec<FirmaLetta>,
    pub pagine_lette: u32,
    pub pagine_scartate: u32,
    pub presenti: u32,
    pub assenti: u32,
    pub dubbie: u32,
    pub da_applicare: u32,
    /// Identifies this plan: applying with it refuses a different one.
    pub impronta: String,
}

/// Reads every page of `files` against the registers of this database.
pub fn pianifica(
    store: &Store,
    files: &[String],
    progresso: &dyn Fn(Avanzamento),
) -> Result<PianoLettura> {
    if files.is_empty() {
        return Err(Error::dati(
            "Indica almeno un file da leggere (PDF o immagini).",
        ));
    }
    let mut registri = Registri::new(store);
    let mut piano = PianoLettura {
        pagine: Vec::new(),
        firme: Vec::new(),
        pagine_lette: 0,
        pagine_scartate: 0,
        presenti: 0,
        assenti: 0,
        dubbie: 0,
        da_applicare: 0,
        impronta: String::new(),
    };
    for file in files {
        let scansione = Scansione::apri(Path::new(file))?;
        let totale = scansione.pagine();
        for k in 0..totale {
            leggi_pagina(&mut registri, &mut piano, file, &scansione, k)?;
            progresso(Avanzamento {
                fase: "lettura",
                fatto: k + 1,
                totale,
            });
        }
    }
    conta(&mut piano);
    Ok(piano)
}

/// Page `k` of a file into the plan.
fn leggi_pagina(
    registri: &mut Registri,
    piano: &mut PianoLettura,
    file: &str,
    scansione: &Scansione,
    k: usize,
) -> Result<()> {
    let mut p = PaginaLetta {
        file: file.to_string(),
        pagina_file: k as u32 + 1,
        stato: StatoPagina::Letta,
        messaggio: None,
        registro: None,
        servizio_id: None,
        pagina: None,
        totale: None,
        rotazione: None,
        dpi: None,
    };
    let indice = piano.pagine.len() as u32;
    let firme = match scansione.pagina(k) {
        Err(perche) => scarta(&mut p, StatoPagina::Illeggibile, perche),
        Ok(img) => match pagina::identifica(&img) {
            Err(problema) => scarta_problema(&mut p, problema),
            Ok(id) => {
                p.servizio_id = Some(id.identita.servizio_id);
                p.pagina = Some(id.identita.pagina);
                p.totale = Some(id.identita.totale);
                registri.leggi(&img, &id, &mut p, indice, &piano.pagine)?
            }
        },
    };
    if let Some(firme) = &firme
        && p.stato == StatoPagina::Duplicata
    {
        registri.confronta_duplicato(&mut p, firme, &mut piano.firme);
    } else if let Some(firme) = firme {
        piano.firme.extend(firme);
    }
    piano.pagine.push(p);
    Ok(())
}

pub(super) fn scarta(
    p: &mut PaginaLetta,
    stato: StatoPagina,
    perche: impl Into<String>,
) -> Option<Vec<FirmaLetta>> {
    p.stato = stato;
    p.messaggio = Some(perche.into());
    None
}

fn scarta_problema(p: &mut PaginaLetta, problema: Problema) -> Option<Vec<FirmaLetta>> {
    match problema {
        Problema::NonSportello(m) => scarta(p, StatoPagina::NonSportello, m),
        Problema::Illeggibile(m) => scarta(p, StatoPagina::Illeggibile, m),
    }
}

/// A box's proposal, before the database is asked about its incontro.
pub(super) fn firma(pagina: u32, c: &Casella, m: &Misura, nome: String) -> FirmaLetta {
    let dubbia = m.fiducia < FIDUCIA_MINIMA;
    FirmaLetta {
        pagina,
        riga: c.riga.unwrap_or(0),
        destinatario_id: c.destinatario_id,
        incontro_id: c.incontro_id,
        nome,
        data_incontro: None,
        presente: m.presente,
        fiducia: (m.fiducia * 100.0).round() / 100.0,
        dubbia,
        inchiostro: (m.inchiostro * 10.0).round() / 10.0,
        registrato: None,
        applicabile: false,
        nota: None,
    }
}

fn conta(piano: &mut PianoLettura) {
    let pagine = &piano.pagine;
    piano.pagine_lette = pagine
        .iter()
        .filter(|p| p.stato == StatoPagina::Letta)
        .count() as u32;
    piano.pagine_scartate = pagine.len() as u32 - piano.pagine_lette;
    let firme = &piano.firme;
    let quante = |f: &dyn Fn(&FirmaLetta) -> bool| firme.iter().filter(|x| f(x)).count() as u32;
    piano.presenti = quante(&|x| !x.dubbia && x.presente);
    piano.assenti = quante(&|x| !x.dubbia && !x.presente);
    piano.dubbie = quante(&|x| x.dubbia);
    piano.da_applicare = quante(&|x| x.applicabile);
    let json = serde_json::to_string(&(&piano.pagine, &piano.firme)).unwrap_or_default();
    piano.impronta = hex::encode(&sha2::Sha256::digest(json.as_bytes())[..8]);
}
