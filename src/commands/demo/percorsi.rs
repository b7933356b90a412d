//! The year's paths at the IIS, besides the seminars: an accoglienza for a
//! first class (OR1), the two paths over the year, a morning a week (OR4,
//! OR5), and two company visits (OR8), each company beside the school as
//! ente coinvolto [000 §6]. One incontro of the OR4 is reopened by the
//! coordinatrice to correct a presence (INC-09).

use super::calendario::{Nuovo, Seduta, presso};
use super::scuole::Ente;
use super::{Anno, Classe};
use crate::commands::{self, ConMotivo, PerId};
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use chrono::{Days, NaiveDate};

pub(super) fn fill(a: &mut Anno) -> Result<()> {
    let (itt, ite) = (a.scuole.itt, a.scuole.ite);
    let itt_1a = a.classe(itt.id, (1, "A"), true, 12)?;
    let itt_2a = a.classe(itt.id, (2, "A"), true, 12)?;
    let ite_4a = a.classe(ite.id, (4, "A"), true, 10)?;
    let itt_4b = a.classe(itt.id, (4, "B"), true, 11)?;
    let inizio = a.giorno(0, 9, 22);
    percorso(
        a,
        ("OR1", "Accoglienza delle classi prime"),
        &itt_1a,
        inizio,
        1,
    )?;
    let or4 = percorso(
        a,
        ("OR4", "Educazione alla scelta"),
        &itt_2a,
        inizio + Days::new(21),
        12,
    )?;
    percorso(
        a,
        ("OR5", "Orientamento alla professionalità"),
        &ite_4a,
        inizio + Days::new(28),
        10,
    )?;
    let (magl, tess) = (a.scuole.maglificio, a.scuole.tessitura);
    visita(
        a,
        &itt_4b,
        magl,
        "Visita al maglificio",
        inizio + Days::new(42),
    )?;
    visita(
        a,
        &itt_4b,
        tess,
        "Visita alla tessitura",
        inizio + Days::new(84),
    )?;
    correzione(a, or4)
}

/// A standalone group path of the class at its school, `incontri` weekly
/// two-hour mornings from `dal`; the paths over the year stay open.
fn percorso(
    a: &mut Anno,
    (codice, nome): (&str, &str),
    classe: &Classe,
    dal: NaiveDate,
    incontri: u64,
) -> Result<Id> {
    let servizio = a.servizio(Nuovo {
        codice,
        titolo: format!("{nome} – {}", classe.nome(0)),
        intervento: None,
        individuale: false,
        sede: a.base.sedi[1],
        ore: (2 * incontri).max(2) as u32,
        target: a.base.target_superiori,
        enti: vec![classe.scuola],
        peculiari: classe.peculiari(0),
        anno: a.anno,
        famiglie: None,
        iscritti: classe.iscrizioni(0),
        il: dal - Days::new(7),
    })?;
    for n in 0..incontri {
        a.seduta(Seduta {
            servizio,
            titolo: None,
            data: dal + Days::new(n * 7),
            ora: 10,
            minuti: 120,
            orientatore: a.base.orientatori[1],
            luogo: presso(Some(classe.scuola), None),
            famiglie: None,
            presenti_su_10: 9,
        })?;
    }
    if incontri == 1 {
        a.chiudi(servizio)?;
    }
    Ok(servizio)
}

/// A morning at a company, its tutor showing the work (OR8, standalone, with
/// the school and the company as enti coinvolti: SER-06).
fn visita(a: &mut Anno, classe: &Classe, azienda: Ente, nome: &str, data: NaiveDate) -> Result<()> {
    let servizio = a.servizio(Nuovo {
        codice: "OR8",
        titolo: format!("{nome} – {}", classe.nome(0)),
        intervento: None,
        individuale: false,
        sede: a.base.sedi[1],
        ore: 4,
        target: a.base.target_superiori,
        enti: vec![classe.scuola, azienda.id],
        peculiari: classe.peculiari(0),
        anno: a.anno,
        famiglie: None,
        iscritti: classe.iscrizioni(0),
        il: data - Days::new(14),
    })?;
    a.seduta(Seduta {
        servizio,
        titolo: Some(nome.into()),
        data,
        ora: 9,
        minuti: 240,
        orientatore: a.base.orientatori[2],
        luogo: presso(Some(azienda.id), None),
        famiglie: None,
        presenti_su_10: 9,
    })?;
    a.chiudi(servizio)
}

/// The register signed at the first closed incontro of the path shows a
/// pupil absent who was marked present: the coordinatrice reopens it, the
/// presence is corrected, and it is closed again the same day.
fn correzione(a: &mut Anno, servizio: Id) -> Result<()> {
    let scheda = commands::servizi::get_servizio(a.store, a.ctx, PerId { id: servizio })?.value;
    let Some(incontro) = scheda
        .incontri
        .into_iter()
        .find(|i| i.stato == StatoIncontro::Chiuso)
    else {
        return Ok(());
    };
    let il = incontro.chiuso_il.unwrap_or(incontro.dati.data) + Days::new(2);
    let ctx = crate::context::Ctx {
        oggi: il.min(a.ctx.oggi),
        ..a.coordinatore.clone()
    };
    let motivo = "Sul registro firmato l'alunno risulta assente: presenza corretta.".into();
    commands::incontri::reopen_incontro(
        a.store,
        &ctx,
        ConMotivo {
            id: incontro.id,
            motivo,
        },
    )?;
    let mut presenze = incontro.dati.presenze;
    if let Some(p) = presenze.iter_mut().rev().find(|p| p.presente) {
        p.presente = false;
    }
    let p = commands::incontri::Presenze {
        incontro_id: incontro.id,
        presenze,
    };
    commands::incontri::set_presenze(a.store, &ctx, p)?;
    commands::incontri::close_incontro(a.store, &ctx, PerId { id: incontro.id })?;
    Ok(())
}
