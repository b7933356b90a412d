//! Participants from a school's file into a servizio: plan (the preview, row by
//! row, with rule codes and cells), then apply exactly that plan in one transaction.

use super::colonne::{Campo, Colonna, trova_intestazione};
use super::lettura::{Griglia, nome_cella};
use super::normalizza;
use crate::codice_fiscale;
use crate::context::Ctx;
use crate::domain::Vocabolario;
use crate::domain::dati_peculiari::{CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio};
use crate::domain::vocabolario::vocabolario;
use crate::domain::{DatiPeculiari, DestinatarioDati, Forzatura, Iscrizione, Servizio};
use crate::error::{Error, RecordKind, Result, Severity};
use crate::ids::Id;
use crate::rules::Code;
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

mod peculiari;
mod riga;
mod segnala;
use riga::{Lettore, leggi_riga};
use segnala::{Deroga, Segnala};
mod anagrafe;
use anagrafe::controlla_db;
mod scrittura;
pub use scrittura::applica;

/// What the user asks: preview only, or apply the plan they saw.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Opzioni {
    /// Where a row has no e-mail nor telefono, use the school's (DES-03).
    #[serde(default)]
    pub usa_contatti_scuola: bool,
    /// Rows whose codice fiscale is accepted anyway, with the reason (DES-01).
    #[serde(default)]
    pub forzature: Vec<ForzaturaRiga>,
    /// What to do with each value of a closed column the import did not
    /// recognise (the preview's `da_decidere`).
    #[serde(default)]
    pub scelte: Vec<SceltaValore>,
}

/// One decision for a value not recognised, for all the rows that hold it:
/// a value of the vocabulary (its code), or none (the field left empty).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SceltaValore {
    pub campo: Campo,
    /// As the file writes it.
    pub valore: String,
    pub voce: Option<String>,
}

/// A value of a closed column (titolo di studio, condizioni) that no
/// vocabulary entry matches, however forgivingly: asked once, not per row.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DaDecidere {
    pub campo: Campo,
    pub intestazione: String,
    /// The column's letter in the sheet.
    pub colonna: String,
    pub valore: String,
    /// The value as decisions key it (spacing and case folded): the window
    /// keeps its choices by it, so it never folds text itself.
    pub chiave: String,
    /// How many rows hold it.
    pub righe: u32,
    /// The choices: code and label of each vocabulary entry.
    pub ammessi: Vec<(String, String)>,
}

/// A value as the decisions key it: spacing and case do not matter.
fn chiave_valore(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

type Scelte = HashMap<(Campo, String), Option<String>>;
/// Values still to decide: (field, key) → (as written, column, rows, choices).
type Ignoti = std::cell::RefCell<std::collections::BTreeMap<(Campo, String), DaDecidere>>;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ForzaturaRiga {
    pub riga: u32,
    pub motivo: String,
}

vocabolario! {
    /// What the import does with one row of the file.
    EsitoRiga {
        /// A new destinatario, created and enrolled.
        Nuovo = "nuovo", "Nuovo";
        /// Already in the database (same CF, DES-05): enrolled, anagrafica untouched.
        Esistente = "esistente", "Già in anagrafica";
        /// Already enrolled in this servizio: nothing to do.
        GiaIscritto = "gia_iscritto", "Già iscritto";
        /// Not written.
        Errore = "errore", "Errore";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Segnalazione {
    /// A rule code of domain.md §4, or `DATI` for a value that cannot be read.
    pub code: String,
    pub severity: Severity,
    /// The cell, as the spreadsheet names it (`C12`).
    pub cella: Option<String>,
    pub messaggio: String,
    /// Whether a forzatura of the row lets it through (DES-01).
    pub forzabile: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RigaPiano {
    /// Row number as the spreadsheet shows it.
    pub riga: u32,
    pub esito: EsitoRiga,
    pub destinatario_id: Option<Id>,
    pub dati: Option<DestinatarioDati>,
    pub dati_peculiari: DatiPeculiari,
    pub segnalazioni: Vec<Segnalazione>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Piano {
    pub servizio_id: Id,
    pub foglio: String,
    pub riga_intestazione: u32,
    pub colonne: Vec<Colonna>,
    pub righe: Vec<RigaPiano>,
    pub nuovi: u32,
    pub esistenti: u32,
    pub gia_iscritti: u32,
    pub errori: u32,
    pub avvisi: u32,
    /// Values not recognised, one decision each, before the import can be applied.
    pub da_decidere: Vec<DaDecidere>,
    /// Identifies this exact plan: applying requires the same fingerprint, so
    /// what is written is what the user saw.
    pub impronta: String,
}

/// Progress of a long operation (import, batch print), for a progress bar.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Avanzamento {
    pub fase: &'static str,
    pub fatto: usize,
    pub totale: usize,
}

impl Avanzamento {
    pub fn di(fase: &'static str, fatto: usize, totale: usize) -> Self {
        Avanzamento {
            fase,
            fatto,
            totale,
        }
    }
}

/// Reads the grid and checks every row against the database; writes nothing.
pub fn pianifica(
    store: &Store,
    servizio_id: Id,
    oggi: chrono::NaiveDate,
    g: &Griglia,
    opzioni: &Opzioni,
    progresso: &dyn Fn(Avanzamento),
) -> Result<Piano> {
    let conn = store.read();
    let servizio = store::servizi::get(conn, servizio_id)?;
    crate::rules::servizio::refuse_if_closed(&servizio)?;
    let (riga_h, colonne, indice) = intestazione(g)?;
    let contatti_scuola = if opzioni.usa_contatti_scuola {
        contatti_scuola(conn, &servizio)?
    } else {
        None
    };
    let forzature = forzature(opzioni);
    let dati_righe: Vec<usize> = (riga_h + 1..g.righe.len())
        .filter(|&r| g.righe[r].iter().any(|c| !c.trim().is_empty()))
        .collect();
    let scelte = scelte(opzioni);
    let ignoti = Ignoti::default();
    let mut righe = Vec::with_capacity(dati_righe.len());
    let mut visti: HashMap<String, u32> = HashMap::new();
    for (n, &r) in dati_righe.iter().enumerate() {
        let lettore = Lettore {
            g,
            r,
            indice: &indice,
            scelte: &scelte,
            ignoti: &ignoti,
        };
        let mut riga = leggi_riga(&lettore, oggi, &forzature, contatti_scuola.as_ref());
        controlla_db(conn, &servizio, &mut riga, &mut visti)?;
        righe.push(riga);
        if n % 500 == 0 {
            progresso(Avanzamento::di("verifica", n, dati_righe.len()));
        }
    }
    progresso(Avanzamento::di(
        "verifica",
        dati_righe.len(),
        dati_righe.len(),
    ));
    Ok(riassumi(servizio_id, g, riga_h, colonne, righe, ignoti))
}

/// The header row, its columns, and the column of each field recognised;
/// refused without the codice fiscale and the name.
fn intestazione(g: &Griglia) -> Result<(usize, Vec<Colonna>, HashMap<Campo, usize>)> {
    let (riga_h, colonne) = trova_intestazione(g).ok_or_else(|| {
        Error::dati(
            "Non trovo la riga di intestazione nelle prime 20 righe: servono almeno tre colonne riconoscibili \
             come «Codice fiscale», «Cognome», «Nome», «Data di nascita». Usa il modello Excel di Sportello.",
        )
    })?;
    let indice: HashMap<Campo, usize> = colonne
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            c.campo
                .map(|f| (f, colonna_indice(&c.colonna).unwrap_or(i)))
        })
        .collect();
    let manca = |c: Campo| !indice.contains_key(&c);
    if manca(Campo::CodiceFiscale)
        || (manca(Campo::CognomeNome) && (manca(Campo::Cognome) || manca(Campo::Nome)))
    {
        return Err(Error::dati(
            "Il file deve avere almeno le colonne «Codice fiscale», «Cognome» e «Nome» (o «Cognome e nome»).",
        ));
    }
    Ok((riga_h, colonne, indice))
}

/// The rows given a forzatura, with its reason (an empty reason is none).
fn forzature(opzioni: &Opzioni) -> HashMap<u32, &str> {
    opzioni
        .forzature
        .iter()
        .filter(|f| !f.motivo.trim().is_empty())
        .map(|f| (f.riga, f.motivo.trim()))
        .collect()
}

/// The decisions on values not recognised, keyed as `chiave_valore` folds them.
fn scelte(opzioni: &Opzioni) -> Scelte {
    opzioni
        .scelte
        .iter()
        .map(|c| ((c.campo, chiave_valore(&c.valore)), c.voce.clone()))
        .collect()
}

/// The plan from its rows: the counts, the values still to decide, and the
/// fingerprint that apply checks.
fn riassumi(
    servizio_id: Id,
    g: &Griglia,
    riga_h: usize,
    colonne: Vec<Colonna>,
    righe: Vec<RigaPiano>,
    ignoti: Ignoti,
) -> Piano {
    let conta = |e: EsitoRiga| righe.iter().filter(|r| r.esito == e).count() as u32;
    let mut piano = Piano {
        servizio_id,
        foglio: g.foglio.clone(),
        riga_intestazione: riga_h as u32 + 1,
        colonne,
        nuovi: conta(EsitoRiga::Nuovo),
        esistenti: conta(EsitoRiga::Esistente),
        gia_iscritti: conta(EsitoRiga::GiaIscritto),
        errori: conta(EsitoRiga::Errore),
        avvisi: righe
            .iter()
            .filter(|r| {
                r.esito != EsitoRiga::Errore
                    && r.segnalazioni
                        .iter()
                        .any(|s| s.severity != Severity::Errore)
            })
            .count() as u32,
        righe,
        da_decidere: ignoti.into_inner().into_values().collect(),
        impronta: String::new(),
    };
    piano.impronta = impronta(&piano);
    piano
}

fn colonna_indice(lettere: &str) -> Option<usize> {
    lettere
        .bytes()
        .try_fold(0usize, |acc, b| {
            b.is_ascii_uppercase()
                .then(|| acc * 26 + usize::from(b - b'A') + 1)
        })
        .map(|n| n - 1)
}

/// The e-mail and telefono of the servizio's school, for DES-03.
fn contatti_scuola(
    conn: &rusqlite::Connection,
    s: &Servizio,
) -> Result<Option<(Option<String>, Option<String>)>> {
    for id in &s.dati.ente_ids {
        let e = store::enti::get(conn, *id)?;
        if e.dati.email.is_some() || e.dati.telefono.is_some() {
            return Ok(Some((e.dati.email.clone(), e.dati.telefono.clone())));
        }
    }
    Ok(None)
}

fn impronta(p: &Piano) -> String {
    let json =
        serde_json::to_string(&(&p.servizio_id, &p.colonne, &p.righe)).expect("serializable");
    let mut h = std::hash::DefaultHasher::new();
    json.hash(&mut h);
    format!("{:016x}", h.finish())
}
