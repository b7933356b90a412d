//! Operations on incontri: record, presences, close (INC-06 deadline), reopen.

use super::chiusura::{Chiusura, chiudi, riapri};
use super::{ConMotivo, Modifica, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::{Incontro, IncontroDati, Presenza, StatoIncontro, StatoServizio};
use crate::error::{Error, Finding, Outcome, RecordKind, RecordRef, Result, Severity};
use crate::ids::Id;
use crate::rules::Code;
use crate::rules::{self, scadenze};
use crate::store::{self, Store, incontri as db};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Presenze {
    pub incontro_id: Id,
    pub presenze: Vec<Presenza>,
}

/// Fills the place's address from the ente or sede chosen, when not written.
fn fill_luogo(conn: &Connection, d: &mut IncontroDati) -> Result<()> {
    if d.luogo
        .descrizione
        .as_deref()
        .is_none_or(|s| s.trim().is_empty())
    {
        if let Some(e) = d.luogo.ente_id {
            let e = store::enti::get(conn, e)?;
            d.luogo.descrizione = Some(format!("{} – {}", e.dati.nome, e.indirizzo_completo()));
        } else if let Some(s) = d.luogo.sede_id {
            let s = store::organizzazione::get_sede(conn, s)?;
            let addr = [s.dati.indirizzo.as_deref(), s.dati.comune.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            d.luogo.descrizione = Some(format!("{} – {}", s.dati.nome, addr.join(", ")));
        }
    }
    Ok(())
}

/// Runs the rules inside the write transaction (so two desks writing at once
/// cannot both pass INC-08). Returns the warnings, the duration, and whether
/// the incontro is late (INC-06) as of today.
fn prepare(
    conn: &Connection,
    ctx: &Ctx,
    d: &mut IncontroDati,
    before: Option<&Incontro>,
) -> Result<(Vec<Finding>, u32, bool)> {
    crate::limiti::data_incontro(d.data)?;
    let s = store::servizi::get(conn, d.servizio_id)?;
    rules::servizio::refuse_if_closed(&s)?;
    fill_luogo(conn, d)?;
    let azione = rules::servizio::azione_of(conn, s.dati.ente_attuatore_id, &s.dati.codice_azione)?;
    let iscrizioni = store::servizi::iscrizioni(conn, s.id)?;
    let c = rules::incontro::Contesto {
        servizio: &s,
        azione,
        iscrizioni: &iscrizioni,
        oggi: ctx.oggi,
        record: before.map(|b| RecordRef::new(RecordKind::Incontro, b.id)),
    };
    let (mut f, durata) = rules::incontro::check_input(conn, d, &c)?;
    // Late once, late for good: re-dating never clears it (INC-06).
    let late = match before {
        None => scadenze::in_ritardo(d.data, ctx.oggi),
        Some(b) => b.chiuso_in_ritardo || scadenze::in_ritardo(b.dati.data, ctx.oggi),
    };
    if before.is_none() && late {
        f.deadline(
            Code::INC_06,
            Severity::Ritardo,
            RecordRef::new(RecordKind::Servizio, s.id),
            format!(
                "Incontro del {} inserito oltre i 15 giorni (termine {}): è registrato come tardivo.",
                d.data.format("%d/%m/%Y"),
                scadenze::termine(d.data).format("%d/%m/%Y")
            ),
        );
    }
    Ok((f.into_result()?, durata, late))
}

pub fn create_incontro(store: &Store, ctx: &Ctx, mut d: IncontroDati) -> Result<Outcome<Incontro>> {
    let id = Id::new();
    let warnings = store.write(ctx, "create_incontro", |tx| {
        let (warnings, durata, late) = prepare(tx, ctx, &mut d, None)?;
        db::insert(tx, id, &d, durata)?;
        if late {
            db::mark_late(tx, id)?;
        }
        let s = store::servizi::get(tx, d.servizio_id)?;
        if s.stato == StatoServizio::InDefinizione {
            store::servizi::set_stato(tx, s.id, StatoServizio::InCorso, None)?;
        }
        tx.log(RecordKind::Incontro, id, &d.data.to_string())?;
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), id)?, warnings))
}

pub fn update_incontro(
    store: &Store,
    ctx: &Ctx,
    mut m: Modifica<IncontroDati>,
) -> Result<Outcome<Incontro>> {
    let warnings = store.write(ctx, "update_incontro", |tx| {
        let before = db::get(tx, m.id)?;
        rules::incontro::refuse_if_closed(&before, Code::INC_09)?;
        if before.dati.servizio_id != m.dati.servizio_id {
            return Err(Error::dati_campo(
                "servizio_id",
                "Un incontro non si sposta su un altro servizio.",
            ));
        }
        let (warnings, durata, late) = prepare(tx, ctx, &mut m.dati, Some(&before))?;
        db::update(tx, m.id, &m.dati, durata)?;
        if late {
            db::mark_late(tx, m.id)?;
        }
        // Every changed field with both values; a change of date too (INC-06).
        tx.log_modifica(RecordKind::Incontro, m.id, &before.dati, &m.dati)?;
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), m.id)?, warnings))
}

pub fn set_presenze(store: &Store, ctx: &Ctx, p: Presenze) -> Result<Outcome<Incontro>> {
    let mut i = db::get(store.read(), p.incontro_id)?;
    i.dati.presenze = p.presenze;
    update_incontro(
        store,
        ctx,
        Modifica {
            id: i.id,
            dati: i.dati,
        },
    )
}

pub fn close_incontro(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Incontro>> {
    let warnings = store.write(ctx, "close_incontro", |tx| {
        let i = db::get(tx, p.id)?;
        rules::incontro::refuse_if_closed(&i, Code::INC_09)?;
        let s = store::servizi::get(tx, i.dati.servizio_id)?;
        let azione =
            rules::servizio::azione_of(tx, s.dati.ente_attuatore_id, &s.dati.codice_azione)?;
        let iscrizioni = store::servizi::iscrizioni(tx, s.id)?;
        let c = rules::incontro::Contesto {
            servizio: &s,
            azione,
            iscrizioni: &iscrizioni,
            oggi: ctx.oggi,
            record: Some(RecordRef::new(RecordKind::Incontro, i.id)),
        };
        let warnings = rules::incontro::check_close(tx, &i, &c)?.into_result()?;
        let chiusura = Chiusura {
            record: RecordRef::new(RecordKind::Incontro, i.id),
            code: Code::INC_06,
            dal: Some(i.dati.data),
            gia_tardiva: i.chiuso_in_ritardo,
            cosa: "Incontro chiuso in ritardo: era del",
        };
        chiudi(tx, ctx, chiusura, warnings, |chiuso| {
            db::set_stato(tx, p.id, StatoIncontro::Chiuso, Some(chiuso))
        })
    })?;
    Ok(Outcome::new(db::get(store.read(), p.id)?, warnings))
}

pub fn reopen_incontro(store: &Store, ctx: &Ctx, m: ConMotivo) -> Result<Outcome<Incontro>> {
    store.write(ctx, "reopen_incontro", |tx| {
        let i = db::get(tx, m.id)?;
        if i.stato != StatoIncontro::Chiuso {
            return Err(Error::dati("L'incontro non è chiuso."));
        }
        rules::servizio::refuse_if_closed(&store::servizi::get(tx, i.dati.servizio_id)?)?;
        let record = RecordRef::new(RecordKind::Incontro, i.id);
        riapri(
            tx,
            ctx,
            Code::INC_09,
            record,
            &m.motivo,
            "un incontro chiuso",
            || db::set_stato(tx, m.id, StatoIncontro::Aperto, None),
        )
    })?;
    Ok(Outcome::plain(db::get(store.read(), m.id)?))
}

pub fn delete_incontro(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    store.write(ctx, "delete_incontro", |tx| {
        let i = db::get(tx, p.id)?;
        rules::incontro::refuse_if_closed(&i, Code::GEN_01)?;
        db::delete(tx, p.id)?;
        tx.log(RecordKind::Incontro, p.id, &i.dati.data.to_string())
    })?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn get_incontro(store: &Store, _: &Ctx, p: PerId) -> Result<Outcome<Incontro>> {
    Ok(Outcome::plain(db::get(store.read(), p.id)?))
}

/// An open incontro in a list, with what names its servizio.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncontroAperto {
    pub incontro: Incontro,
    pub servizio_titolo: String,
    pub codice_azione: String,
}

pub fn list_incontri_aperti(
    store: &Store,
    _: &Ctx,
    f: super::organizzazione::DiEnteAttuatore,
) -> Result<Outcome<Vec<IncontroAperto>>> {
    Ok(Outcome::plain(
        db::aperti(store.read(), f.ente_attuatore_id)?
            .into_iter()
            .map(
                |(incontro, servizio_titolo, codice_azione)| IncontroAperto {
                    incontro,
                    servizio_titolo,
                    codice_azione,
                },
            )
            .collect(),
    ))
}
