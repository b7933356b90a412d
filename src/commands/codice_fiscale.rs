//! Help while a destinatario's anagrafica is typed (seed 000 §7): what a
//! codice fiscale says (DES-01 as it is typed, sex, birth date and place to
//! propose, the person who already has it, DES-05), the code computed for a
//! person who has none yet, and places of birth by name.

use crate::codice_fiscale::{self, Sesso};
use crate::context::Ctx;
use crate::domain::Destinatario;
use crate::error::{Error, Outcome, Result};
use crate::luoghi;
use crate::store::{Store, destinatari as db};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A place of birth of the ISTAT lists: an Italian comune, or a foreign state (`Z…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LuogoDiNascita {
    /// The codice catastale (Belfiore) that goes into the codice fiscale.
    pub codice: String,
    pub nome: String,
    /// The province's sigla; `EE` for a foreign state.
    pub provincia: String,
    pub estero: bool,
    /// "Torino (TO)", "Romania": what the form shows.
    pub descrizione: String,
}

impl From<&luoghi::Luogo> for LuogoDiNascita {
    fn from(l: &luoghi::Luogo) -> Self {
        LuogoDiNascita {
            codice: l.codice.into(),
            nome: l.nome.into(),
            provincia: l.provincia.into(),
            estero: l.estero(),
            descrizione: l.descrizione(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CodiceDaLeggere {
    pub codice_fiscale: String,
}

/// What a codice fiscale says, for the form beside the field.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetturaCf {
    /// The code as it will be stored (uppercase, without spaces).
    pub codice_fiscale: String,
    /// Why it is not a person's valid code (DES-01); none when it is.
    pub errore: Option<String>,
    pub sesso: Option<Sesso>,
    /// The century is not in the code: the latest birth date not after today.
    pub data_nascita: Option<NaiveDate>,
    pub luogo: Option<LuogoDiNascita>,
    /// The person who already has this code (DES-05): open them instead.
    pub esistente: Option<Destinatario>,
}

pub fn leggi_codice_fiscale(
    store: &Store,
    ctx: &Ctx,
    c: CodiceDaLeggere,
) -> Result<Outcome<LetturaCf>> {
    let cf = codice_fiscale::normalize(&c.codice_fiscale);
    let esistente = if cf.is_empty() {
        None
    } else {
        db::by_cf(store.read(), &cf)?
    };
    let mut l = LetturaCf {
        codice_fiscale: cf.clone(),
        errore: None,
        sesso: None,
        data_nascita: None,
        luogo: None,
        esistente,
    };
    match codice_fiscale::parse(&cf) {
        Err(e) => l.errore = Some(e.message_it()),
        Ok(info) => {
            l.sesso = Some(info.sesso);
            l.data_nascita = nascita(info.anno, info.mese, info.giorno, ctx.oggi);
            l.luogo = luoghi::per_codice(&info.luogo).map(Into::into);
        }
    }
    Ok(Outcome::plain(l))
}

/// The two-digit year in the century that puts the birth on or before today.
fn nascita(anno: u32, mese: u32, giorno: u32, oggi: NaiveDate) -> Option<NaiveDate> {
    let secolo = oggi.year() / 100 * 100;
    [secolo, secolo - 100]
        .into_iter()
        .filter_map(|s| NaiveDate::from_ymd_opt(s + anno as i32, mese, giorno))
        .find(|d| *d <= oggi)
}

/// The anagrafica a codice fiscale is computed from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DatiPerCodice {
    pub cognome: String,
    pub nome: String,
    pub sesso: Sesso,
    pub data_nascita: NaiveDate,
    /// The place's codice catastale (from `cerca_luoghi`).
    pub luogo: String,
}

/// The code the tax office gives when no one else has it (no omocodia): the
/// seed tells desks to compute it for a person who has none yet (§7); it
/// passes DES-01 and DES-02 like any code.
pub fn calcola_codice_fiscale(_: &Store, ctx: &Ctx, d: DatiPerCodice) -> Result<Outcome<String>> {
    let lettere = |s: &str| {
        s.chars()
            .any(|c| codice_fiscale::piega(c).is_ascii_alphabetic())
    };
    if !lettere(&d.cognome) || !lettere(&d.nome) {
        return Err(Error::dati_campo(
            "cognome",
            "Per calcolare il codice fiscale servono cognome e nome.",
        ));
    }
    crate::limiti::data_nascita(d.data_nascita, ctx.oggi)?;
    let Some(luogo) = luoghi::per_codice(&codice_fiscale::normalize(&d.luogo)) else {
        return Err(Error::dati_campo(
            "luogo",
            "Scegli il comune o lo stato estero di nascita dall'elenco.",
        ));
    };
    Ok(Outcome::plain(codice_fiscale::compute(
        &d.cognome,
        &d.nome,
        d.sesso,
        d.data_nascita,
        luogo.codice,
    )))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CercaLuoghi {
    pub testo: String,
    /// Only comuni (false), only foreign states (true), or both.
    #[serde(default)]
    pub estero: Option<bool>,
    /// The birth date, so a comune is named as it was then; today if none.
    #[serde(default)]
    pub data: Option<NaiveDate>,
}

pub fn cerca_luoghi(_: &Store, ctx: &Ctx, c: CercaLuoghi) -> Result<Outcome<Vec<LuogoDiNascita>>> {
    let giorno = c.data.unwrap_or(ctx.oggi);
    Ok(Outcome::plain(
        luoghi::suggerisci(&c.testo, c.estero, giorno, 12)
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}
