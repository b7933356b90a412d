//! Operations on incontri: record, presences, close (INC-06 deadline), reopen.

use super::servizi::{azione_of, refuse_if_closed};
use super::{ConMotivo, Modifica, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::{Incontro, IncontroDati, Presenza, StatoIncontro, StatoServizio};
use crate::error::{Error, Finding, Outcome, RecordKind, RecordRef, Result, Severity};
use crate::ids::Id;
use crate::rules::{self, Findings, scadenze};
use crate::store::{self, Store, incontri as db};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Presenze {
    pub incontro_id: Id,
    pub presenze: Vec<Presenza>,
}

/// INC-09: a closed incontro is locked.
fn refuse_if_closed_incontro(i: &Incontro, code: &'static str) -> Result<()> {
    if i.stato == StatoIncontro::Chiuso {
        let mut f = Findings::default();
        f.add(
            code,
            Some(RecordRef::new(RecordKind::Incontro, i.id)),
            None,
            format!(
                "L'incontro del {} è chiuso: per modificarlo riaprilo indicando il motivo.",
                i.dati.data.format("%d/%m/%Y")
            ),
        );
        return f.errors_only();
    }
    Ok(())
}

/// Fills the place's address from the ente or sede chosen, when not written.
fn fill_luogo(store: &Store, d: &mut IncontroDati) -> Result<()> {
    if d.luogo
        .descrizione
        .as_deref()
        .is_none_or(|s| s.trim().is_empty())
    {
        if let Some(e) = d.luogo.ente_id {
            let e = store::enti::get(store.read(), e)?;
            d.luogo.descrizione = Some(format!("{} – {}", e.dati.nome, e.indirizzo_completo()));
        } else if let Some(s) = d.luogo.sede_id {
            let s = store::organizzazione::get_sede(store.read(), s)?;
            let addr = [s.dati.indirizzo.as_deref(), s.dati.comune.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            d.luogo.descrizione = Some(format!("{} – {}", s.dati.nome, addr.join(", ")));
        }
    }
    Ok(())
}

fn prepare(
    store: &Store,
    ctx: &Ctx,
    d: &mut IncontroDati,
    id: Option<Id>,
) -> Result<(Vec<Finding>, u32)> {
    let conn = store.read();
    let s = store::servizi::get(conn, d.servizio_id)?;
    refuse_if_closed(&s)?;
    fill_luogo(store, d)?;
    let azione = azione_of(conn, s.dati.ente_attuatore_id, &s.dati.codice_azione)?;
    let iscrizioni = store::servizi::iscrizioni(conn, s.id)?;
    let record = id.map(|id| RecordRef::new(RecordKind::Incontro, id));
    let (mut f, durata) =
        rules::incontro::check_input(conn, d, &s, azione, &iscrizioni, record, id)?;
    if id.is_none() && scadenze::in_ritardo(d.data, ctx.oggi) {
        f.deadline(
            "INC-06",
            Severity::Ritardo,
            RecordRef::new(RecordKind::Servizio, s.id),
            format!(
                "Incontro del {} inserito oltre i 15 giorni (termine {}): è registrato come tardivo.",
                d.data.format("%d/%m/%Y"),
                scadenze::termine(d.data).format("%d/%m/%Y")
            ),
        );
    }
    Ok((f.into_result()?, durata))
}

pub fn create_incontro(store: &Store, ctx: &Ctx, mut d: IncontroDati) -> Result<Outcome<Incontro>> {
    let (warnings, durata) = prepare(store, ctx, &mut d, None)?;
    let id = Id::new();
    store.write(ctx, "create_incontro", |tx| {
        db::insert(tx, id, &d, durata)?;
        let s = store::servizi::get(tx, d.servizio_id)?;
        if s.stato == StatoServizio::InDefinizione {
            store::servizi::set_stato(tx, s.id, StatoServizio::InCorso, None)?;
        }
        tx.log(RecordKind::Incontro, id, &d.data.to_string())
    })?;
    Ok(Outcome::new(db::get(store.read(), id)?, warnings))
}

pub fn update_incontro(
    store: &Store,
    ctx: &Ctx,
    mut m: Modifica<IncontroDati>,
) -> Result<Outcome<Incontro>> {
    let before = db::get(store.read(), m.id)?;
    refuse_if_closed_incontro(&before, "INC-09")?;
    if before.dati.servizio_id != m.dati.servizio_id {
        return Err(Error::dati_campo(
            "servizio_id",
            "Un incontro non si sposta su un altro servizio.",
        ));
    }
    let (warnings, durata) = prepare(store, ctx, &mut m.dati, Some(m.id))?;
    store.write(ctx, "update_incontro", |tx| {
        db::update(tx, m.id, &m.dati, durata)?;
        tx.log(RecordKind::Incontro, m.id, "")
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
    let conn = store.read();
    let i = db::get(conn, p.id)?;
    refuse_if_closed_incontro(&i, "INC-09")?;
    let iscrizioni = store::servizi::iscrizioni(conn, i.dati.servizio_id)?;
    let mut warnings = rules::incontro::check_close(conn, &i, &iscrizioni)?.into_result()?;
    let late = scadenze::in_ritardo(i.dati.data, ctx.oggi);
    if late {
        let mut f = Findings::default();
        f.deadline(
            "INC-06",
            Severity::Ritardo,
            RecordRef::new(RecordKind::Incontro, i.id),
            format!(
                "Incontro chiuso in ritardo: era del {}, il termine era il {}. La chiusura è registrata come tardiva.",
                i.dati.data.format("%d/%m/%Y"),
                scadenze::termine(i.dati.data).format("%d/%m/%Y")
            ),
        );
        warnings.extend(f.0);
    }
    store.write(ctx, "close_incontro", |tx| {
        db::set_stato(tx, p.id, StatoIncontro::Chiuso, Some((ctx.oggi, late)))?;
        tx.log(
            RecordKind::Incontro,
            p.id,
            if late { "chiuso in ritardo" } else { "chiuso" },
        )
    })?;
    Ok(Outcome::new(db::get(store.read(), p.id)?, warnings))
}

pub fn reopen_incontro(store: &Store, ctx: &Ctx, m: ConMotivo) -> Result<Outcome<Incontro>> {
    let i = db::get(store.read(), m.id)?;
    if i.stato != StatoIncontro::Chiuso {
        return Err(Error::dati("L'incontro non è chiuso."));
    }
    refuse_if_closed(&store::servizi::get(store.read(), i.dati.servizio_id)?)?;
    if m.motivo.trim().is_empty() {
        return Err(Error::dati_campo(
            "motivo",
            "Per riaprire un incontro chiuso indica il motivo (INC-09).",
        ));
    }
    store.write(ctx, "reopen_incontro", |tx| {
        db::set_stato(tx, m.id, StatoIncontro::Aperto, None)?;
        tx.record_riapertura("INC-09", RecordKind::Incontro, m.id, m.motivo.trim())
    })?;
    Ok(Outcome::plain(db::get(store.read(), m.id)?))
}

pub fn delete_incontro(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    let i = db::get(store.read(), p.id)?;
    refuse_if_closed_incontro(&i, "GEN-01")?;
    store.write(ctx, "delete_incontro", |tx| {
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
