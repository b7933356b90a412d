//! Operations on interventi: bozza → attivo and back; modello inheritance.

use super::{Modifica, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::{Intervento, InterventoDati, RuoloEnte, StatoIntervento};
use crate::error::{Error, Outcome, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules;
use crate::store::{self, Store, interventi as db};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FiltroInterventi {
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
    #[serde(default)]
    pub ente_id: Option<Id>,
}

/// Linking a modello inherits its enti destinatari and their referent;
/// coprogettatori are not inherited [000 §1, §3]. The input may pick among
/// the inherited enti (one intervento per plesso), never add others.
fn inherit(store: &Store, d: &mut InterventoDati) -> Result<()> {
    let Some(modello_id) = d.modello_id else {
        return Ok(());
    };
    let m = store::modelli::get(store.read(), modello_id)?;
    let destinatari: Vec<_> = m
        .dati
        .enti
        .iter()
        .filter(|e| e.ruolo == RuoloEnte::Destinatario)
        .collect();
    if let Some(extra) = d
        .ente_ids
        .iter()
        .find(|id| !destinatari.iter().any(|e| e.ente_id == **id))
    {
        let ente = store::enti::get(store.read(), *extra)?;
        return Err(Error::dati_campo(
            "ente_ids",
            format!(
                "«{}» non è un ente destinatario del modello «{}»: un intervento collegato a un modello ne \
                 eredita gli enti e non ne aggiunge altri.",
                ente.dati.nome, m.dati.titolo
            ),
        ));
    }
    if d.ente_ids.is_empty() {
        d.ente_ids = destinatari.iter().map(|e| e.ente_id).collect();
    }
    if d.referente_id.is_none() {
        d.referente_id = destinatari.iter().find_map(|e| e.referente_id);
    }
    Ok(())
}

fn prepare(
    store: &Store,
    d: &mut InterventoDati,
    before: Option<&Intervento>,
) -> Result<Vec<crate::error::Finding>> {
    if d.titolo.trim().is_empty() {
        return Err(Error::dati_campo(
            "titolo",
            "Indica il titolo dell'intervento.",
        ));
    }
    store::organizzazione::get_ente_attuatore(store.read(), d.ente_attuatore_id)?;
    inherit(store, d)?;
    for e in &d.ente_ids {
        store::enti::get(store.read(), *e)?;
    }
    let record = before.map(|b| RecordRef::new(RecordKind::Intervento, b.id));
    rules::intervento::check_input(store.read(), d, before, record)?.into_result()
}

pub fn create_intervento(
    store: &Store,
    ctx: &Ctx,
    mut d: InterventoDati,
) -> Result<Outcome<Intervento>> {
    let warnings = prepare(store, &mut d, None)?;
    let id = Id::new();
    store.write(ctx, "create_intervento", |tx| {
        db::insert(tx, id, &d)?;
        tx.log(RecordKind::Intervento, id, &d.titolo)
    })?;
    Ok(Outcome::new(db::get(store.read(), id)?, warnings))
}

pub fn update_intervento(
    store: &Store,
    ctx: &Ctx,
    mut m: Modifica<InterventoDati>,
) -> Result<Outcome<Intervento>> {
    let before = db::get(store.read(), m.id)?;
    let warnings = prepare(store, &mut m.dati, Some(&before))?;
    store.write(ctx, "update_intervento", |tx| {
        db::update(tx, m.id, &m.dati)?;
        tx.log(RecordKind::Intervento, m.id, &m.dati.titolo)
    })?;
    Ok(Outcome::new(db::get(store.read(), m.id)?, warnings))
}

pub fn activate_intervento(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Intervento>> {
    let i = db::get(store.read(), p.id)?;
    if i.stato == StatoIntervento::Attivo {
        return Ok(Outcome::plain(i));
    }
    rules::intervento::check_activation(&i).errors_only()?;
    store.write(ctx, "activate_intervento", |tx| {
        db::set_stato(tx, p.id, StatoIntervento::Attivo)?;
        tx.log(RecordKind::Intervento, p.id, "attivo")
    })?;
    Ok(Outcome::plain(db::get(store.read(), p.id)?))
}

pub fn deactivate_intervento(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Intervento>> {
    db::get(store.read(), p.id)?;
    store.write(ctx, "deactivate_intervento", |tx| {
        db::set_stato(tx, p.id, StatoIntervento::Bozza)?;
        tx.log(RecordKind::Intervento, p.id, "bozza")
    })?;
    Ok(Outcome::plain(db::get(store.read(), p.id)?))
}

pub fn delete_intervento(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    let i = db::get(store.read(), p.id)?;
    let servizi = store::servizi::list(
        store.read(),
        &store::servizi::FiltroServizi {
            intervento_id: Some(p.id),
            ..Default::default()
        },
    )?;
    for s in &servizi {
        super::servizi::refuse_if_closed_incontri(store, s)?;
    }
    store.write(ctx, "delete_intervento", |tx| {
        for s in &servizi {
            store::servizi::delete(tx, s.id)?;
            tx.log(RecordKind::Servizio, s.id, &s.dati.titolo)?;
        }
        db::delete(tx, p.id)?;
        tx.log(RecordKind::Intervento, p.id, &i.dati.titolo)
    })?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn get_intervento(store: &Store, _: &Ctx, p: PerId) -> Result<Outcome<Intervento>> {
    Ok(Outcome::plain(db::get(store.read(), p.id)?))
}

pub fn list_interventi(
    store: &Store,
    _: &Ctx,
    f: FiltroInterventi,
) -> Result<Outcome<Vec<Intervento>>> {
    Ok(Outcome::plain(db::list(
        store.read(),
        f.ente_attuatore_id,
        f.ente_id,
    )?))
}
