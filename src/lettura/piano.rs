//! The plan of a reading: every page of every file said (read, or why not),
//! and every participant's box with its proposal. Nothing is written here:
//! `commands::lettura` applies the confident proposals on open incontri.

use super::caselle::{FIDUCIA_MINIMA, Misura};
use super::immagine::Scansione;
use super::pagina::{self, Problema};
use crate::domain::vocabolario::vocabolario;
use crate::error::{Error, Result};
use crate::ids::Id;
use crate::import::destinatari::Avanzamento;
use crate::registro::layout::Casella;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::collections::HashMap;
use std::path::Path;

use super::acquisite::Acquisite;
use super::registri::Registri;
use super::ritagli::pagina_diritta;

vocabolario! {
    /// What became of a scanned page.
    StatoPagina {
        Letta = "letta", "Letta";
        /// Not a page of a Sportello register.
        NonSportello = "non_sportello", "Non è un registro Sportello";
        /// A register of a servizio this database does not hold.
        AltroDatabase = "altro_database", "Di un altro database";
        /// The same page read earlier in this reading.
        Duplicata = "duplicata", "Già letta";
        /// Printed before its servizio changed (participants, incontri): its
        /// boxes are no longer where the register is now.
        Modificata = "modificata", "Stampata prima di una modifica";
        /// A copy printed after the meetings, already filled in.
        Compilata = "compilata", "Copia già compilata";
        Illeggibile = "illeggibile", "Illeggibile";
    }
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
    /// Whether its incontro is open (a closed one is not changed).
    pub aperto: bool,
    /// Decided by the operator in the review: `presente` is their word.
    pub decisa: bool,
    /// Whether applying writes it: confident or decided, on an open incontro.
    pub applicabile: bool,
    /// Why it is not applied, or what to check (Italian).
    pub nota: Option<String>,
    /// The box as scanned, upright, with a margin (a PNG data URL), when asked.
    pub ritaglio: Option<String>,
}

/// The operator's word on one box, over the reader's proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decisione {
    pub destinatario_id: Id,
    pub incontro_id: Id,
    pub presente: bool,
}

/// What a reading does besides proposing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Opzioni<'a> {
    /// Each box's crop in the plan, for the window's review.
    pub ritagli: bool,
    /// The pages read kept aside, upright, to be stored as evidence.
    pub conserva: bool,
    /// The operator's decisions, applied over the proposals.
    pub decisioni: &'a [Decisione],
}

/// A reading: its plan, and the pages kept aside when asked.
pub struct Lettura {
    pub piano: PianoLettura,
    pub acquisite: Acquisite,
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
    opzioni: Opzioni,
    progresso: &dyn Fn(Avanzamento),
) -> Result<Lettura> {
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
    let mut acquisite = Acquisite::default();
    for file in files {
        let scansione = Scansione::apri(Path::new(file))?;
        let totale = scansione.pagine();
        for k in 0..totale {
            let pagina = Pagina {
                file,
                scansione: &scansione,
                k,
            };
            leggi_pagina(&mut registri, &mut piano, &pagina, opzioni, &mut acquisite)?;
            progresso(Avanzamento::di("lettura", k + 1, totale));
        }
    }
    colonne_vuote(&mut piano);
    // The fingerprint is of what the scans say, before anyone's decisions.
    piano.impronta = impronta(&mut piano);
    decidi(&mut piano, opzioni.decisioni);
    conta(&mut piano);
    Ok(Lettura { piano, acquisite })
}

/// Page `k` of a scanned file.
struct Pagina<'a> {
    file: &'a str,
    scansione: &'a Scansione,
    k: usize,
}

/// A page of a file into the plan (and, when asked, kept aside upright).
fn leggi_pagina(
    registri: &mut Registri,
    piano: &mut PianoLettura,
    Pagina { file, scansione, k }: &Pagina,
    opzioni: Opzioni,
    acquisite: &mut Acquisite,
) -> Result<()> {
    let k = *k;
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
                let letta =
                    registri.leggi(&img, &id, &mut p, (indice, &piano.pagine), opzioni.ritagli)?;
                letta
                    .map(|(firme, mappa)| {
                        if opzioni.conserva && p.stato == StatoPagina::Letta {
                            acquisite.aggiungi(
                                indice,
                                scansione.impronta(),
                                &pagina_diritta(&img, &mappa),
                            )?;
                        }
                        Ok::<_, Error>(firme)
                    })
                    .transpose()?
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

pub(super) fn scarta<T>(
    p: &mut PaginaLetta,
    stato: StatoPagina,
    perche: impl Into<String>,
) -> Option<T> {
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
        aperto: false,
        decisa: false,
        applicabile: false,
        nota: None,
        ritaglio: None,
    }
}

/// A column with no ink at all is a meeting not yet held (or not signed
/// there): its boxes are not written as absences unless the reviewer says so.
fn colonne_vuote(piano: &mut PianoLettura) {
    let firmate: std::collections::HashSet<Id> = piano
        .firme
        .iter()
        .filter(|f| f.presente || f.dubbia)
        .filter_map(|f| f.incontro_id)
        .collect();
    for f in piano.firme.iter_mut() {
        if f.incontro_id.is_some_and(|i| !firmate.contains(&i)) && f.applicabile {
            f.applicabile = false;
            f.nota = Some(
                "colonna senza firme: l'incontro non si è svolto? non si registra (decidi a mano se serve)"
                    .into(),
            );
        }
    }
}

/// The operator's decisions over the proposals: a decided box on an open
/// incontro is applied, doubtful or not.
fn decidi(piano: &mut PianoLettura, decisioni: &[Decisione]) {
    let decise: HashMap<(Id, Id), bool> = decisioni
        .iter()
        .map(|d| ((d.destinatario_id, d.incontro_id), d.presente))
        .collect();
    for f in piano.firme.iter_mut() {
        let chiave = f.destinatario_id.zip(f.incontro_id);
        if let Some(&presente) = chiave.and_then(|k| decise.get(&k)) {
            f.presente = presente;
            f.decisa = true;
            f.applicabile = f.aperto;
            if f.aperto {
                f.nota = Some("decisa da chi ha rivisto la lettura".into());
            }
        }
    }
}

/// Identifies the plan by the pages and boxes read (crops aside: they only
/// show what was measured).
fn impronta(piano: &mut PianoLettura) -> String {
    let ritagli: Vec<Option<String>> = piano.firme.iter_mut().map(|f| f.ritaglio.take()).collect();
    let json = serde_json::to_string(&(&piano.pagine, &piano.firme)).unwrap_or_default();
    for (f, r) in piano.firme.iter_mut().zip(ritagli) {
        f.ritaglio = r;
    }
    hex::encode(&sha2::Sha256::digest(json.as_bytes())[..8])
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
    let sicura = |x: &FirmaLetta| !x.dubbia || x.decisa;
    piano.presenti = quante(&|x| sicura(x) && x.presente);
    piano.assenti = quante(&|x| sicura(x) && !x.presente);
    piano.dubbie = quante(&|x| !sicura(x));
    piano.da_applicare = quante(&|x| x.applicabile);
}
