//! A realistic school year of one implementing body, for a newcomer to see
//! something real (`sportello demo`, and the desktop window's first start).
//! Everything goes through the command surface, so the demo obeys the rules.
//!
//! The year is told in steps, one module each: the implementing body
//! (`organizzazione`), its schools and companies (`scuole`), the seminars in
//! the final classes (`seminari`), the paths at the IIS (`percorsi`), the
//! paths over three school years (`scavalco`), and the walk-ins at the desk
//! (`sportello`). `calendario` records the work as a desk does, day by day.

use crate::commands::{self, Nulla};
use crate::context::Ctx;
use crate::domain::AnnoScolastico;
use crate::error::{Error, Outcome, Result};
use crate::store::Store;
use serde::Serialize;

mod anagrafe;
mod calendario;
mod organizzazione;
mod percorsi;
mod scavalco;
mod scuole;
mod seminari;
mod sportello;

use anagrafe::{Classe, Dado};

#[derive(Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Riepilogo {
    pub interventi: u32,
    pub servizi: u32,
    pub incontri: u32,
    pub destinatari: u32,
    /// The orientatori's login names; their password is `DEMO_PASSWORD`.
    pub utenti: Vec<String>,
}

/// The demo's orientatori log in with this password (the README says so):
/// a demo database holds invented people only.
pub const DEMO_PASSWORD: &str = "sportello-demo";

/// What every step of the year writes with and counts into.
struct Anno<'a> {
    store: &'a Store,
    ctx: &'a Ctx,
    /// The same desk as the coordinatrice, for what records a known user.
    coordinatore: Ctx,
    /// The school year of today.
    anno: AnnoScolastico,
    base: organizzazione::Base,
    scuole: scuole::Scuole,
    dado: Dado,
    agenda: calendario::Agenda,
    r: Riepilogo,
}

/// Fills an empty database, all or nothing. Refuses a database that already holds an implementing body.
/// The command-surface form of `fill`: the window offers it on first start.
pub fn riempi_demo(store: &Store, ctx: &Ctx, _: Nulla) -> Result<Outcome<Riepilogo>> {
    let ctx = Ctx {
        source: crate::context::Source::Demo,
        ..ctx.clone()
    };
    Ok(Outcome::plain(fill(store, &ctx)?))
}

pub fn fill(store: &Store, ctx: &Ctx) -> Result<Riepilogo> {
    // The orientatori's users are rows of the same transaction as the year;
    // their passwords' slots reach the key file only once it has committed,
    // so a demo killed or refused never leaves a slot with the public demo
    // password beside a database it did not fill (a kill after the commit
    // leaves users without a password, which a coordinatore can give).
    let r = store.atomically(ctx, "demo", || {
        let mut r = anno(store, ctx)?;
        r.utenti = utenti(store, ctx)?;
        Ok(r)
    })?;
    commands::utenti::stessa_password(store, &r.utenti, DEMO_PASSWORD)?;
    Ok(r)
}

/// The school year of today, step by step.
fn anno(store: &Store, ctx: &Ctx) -> Result<Riepilogo> {
    if !commands::organizzazione::list_enti_attuatori(store, ctx, Nulla {})?
        .value
        .is_empty()
    {
        return Err(Error::dati(
            "Il database contiene già dati: i dati dimostrativi si caricano solo in un database vuoto.",
        ));
    }
    let mut a = Anno {
        store,
        ctx,
        coordinatore: organizzazione::coordinatrice(store, ctx)?,
        anno: AnnoScolastico::of(ctx.oggi),
        base: organizzazione::base(store, ctx)?,
        scuole: scuole::scuole(store, ctx)?,
        dado: Dado(2025),
        agenda: calendario::Agenda::default(),
        r: Riepilogo::default(),
    };
    let classico_5a = a.classe(a.scuole.classico.id, (5, "A"), true, 15)?;
    seminari::fill(&mut a, &classico_5a)?;
    scavalco::fill(&mut a, &classico_5a)?;
    percorsi::fill(&mut a)?;
    sportello::fill(&mut a)?;
    Ok(a.r)
}

/// One orientatore user per demo counsellor: giulia.rossetti (ASCII, as login names are).
fn utenti(store: &Store, ctx: &Ctx) -> Result<Vec<String>> {
    let ascii = |s: &str| -> String {
        s.chars()
            .map(crate::codice_fiscale::piega)
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    let mut nomi = Vec::new();
    for o in crate::store::organizzazione::list_orientatori(store.read(), None)? {
        let dati = crate::domain::UtenteDati {
            nome_utente: format!("{}.{}", ascii(&o.dati.nome), ascii(&o.dati.cognome)),
            nome: format!("{} {}", o.dati.nome, o.dati.cognome),
            ruolo: crate::domain::Ruolo::Orientatore,
            orientatore_id: Some(o.id),
            attivo: true,
        };
        let u = commands::utenti::inserisci(store, ctx, dati, |_| Ok(()))?;
        nomi.push(u.dati.nome_utente);
    }
    Ok(nomi)
}
