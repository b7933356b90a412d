//! Operations on interventi: bozza → attivo and back; modello inheritance.

use super::{Modifica, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::{Intervento, InterventoDati, RuoloEnte, StatoIntervento, StatoServizio};
use crate::error::{Error, Outcome, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules;
use crate::store::{self, Store, interventi as db};
use rusqlite::Connection;
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
fn inherit(conn: &Connection, d: &mut InterventoDati) -> Result<()> {
    let Some(modello_id) = d.modello_id else {
        return Ok(());
    };
    let m = store::modelli::get(conn, modello_id)?;
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
        let ente = store::enti::get(conn, *extra)?;
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

/// Runs inside the write transaction.
fn prepare(
    conn: &Connection,
    d: &mut InterventoDati,
    before: Option<&Intervento>,
) -> Result<Vec<crate::error::Finding>> {
    if d.titolo.trim().is_empty() {
        return Err(Error::dati_campo(
            "titolo",
            "Indica il titolo dell'intervento.",
        ));
    }
    store::organizzazione::get_ente_attuatore(conn, d.ente_attuatore_id)?;
    inherit(conn, d)?;
    for e in &d.ente_ids {
        store::enti::get(conn, *e)?;
    }
    let record = before.map(|b| RecordRef::new(RecordKind::Intervento, b.id));
    rules::intervento::check_input(conn, d, before, record)?.into_result()
}

pub fn create_intervento(
    store: &Store,
    ctx: &Ctx,
    mut d: InterventoDati,
) -> Result<Outcome<Intervento>> {
    let id = Id::new();
    let warnings = store.write(ctx, "create_intervento", |tx| {
        let warnings = prepare(tx, &mut d, None)?;
        db::insert(tx, id, &d)?;
        tx.log(RecordKind::Intervento, id, &d.titolo)?;
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), id)?, warnings))
}

pub fn update_intervento(
    store: &Store,
    ctx: &Ctx,
    mut m: Modifica<InterventoDati>,
) -> Result<Outcome<Intervento>> {
    let warnings = store.write(ctx, "update_intervento", |tx| {
        let before = db::get(tx, m.id)?;
        let warnings = prepare(tx, &mut m.dati, Some(&before))?;
        db::update(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::Intervento, m.id, &before.dati, &m.dati)?;
        if sorted(&before.dati.ente_ids) != sorted(&m.dati.ente_ids) {
            propagate_enti(tx, &db::get(tx, m.id)?)?;
        }
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), m.id)?, warnings))
}

fn sorted(ids: &[Id]) -> Vec<Id> {
    let mut v = ids.to_vec();
    v.sort();
    v
}

/// INT-06, SER-05: enti changed on the intervento reach its open servizi,
/// each taking those its action admits.
fn propagate_enti(tx: &store::Tx, i: &Intervento) -> Result<()> {
    let servizi = store::servizi::list(
        tx,
        &store::servizi::FiltroServizi {
            intervento_id: Some(i.id),
            ..Default::default()
        },
    )?;
    for s in servizi
        .into_iter()
        .filter(|s| s.stato != StatoServizio::Chiuso)
    {
        let mut d = s.dati.clone();
        d.ente_ids = rules::servizio::enti_ereditati(tx, i, s.modalita())?;
        if sorted(&d.ente_ids) != sorted(&s.dati.ente_ids) {
            store::servizi::update(tx, s.id, &d)?;
            tx.log(RecordKind::Servizio, s.id, "enti coinvolti dall'intervento")?;
        }
    }
    Ok(())
}

pub fn activate_intervento(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Intervento>> {
    store.write(ctx, "activate_intervento", |tx| {
        let i = db::get(tx, p.id)?;
        if i.stato == StatoIntervento::Attivo {
            return Ok(());
        }
        rules::intervento::check_activation(tx, &i)?.errors_only()?;
        db::set_stato(tx, p.id, StatoIntervento::Attivo)?;
        tx.log(RecordKind::Intervento, p.id, "attivo")
    })?;
    Ok(Outcome::plain(db::get(store.read(), p.id)?))
}

pub fn deactivate_intervento(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Intervento>> {
    store.write(ctx, "deactivate_intervento", |tx| {
        let i = db::get(tx, p.id)?;
        rules::intervento::check_deactivation(tx, &i)?.errors_only()?;
        db::set_stato(tx, p.id, StatoIntervento::Bozza)?;
        tx.log(RecordKind::Intervento, p.id, "bozza")
    })?;
    Ok(Outcome::plain(db::get(store.read(), p.id)?))
}

pub fn delete_intervento(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    store.write(ctx, "delete_intervento", |tx| {
        let i = db::get(tx, p.id)?;
        let servizi = store::servizi::list(
            tx,
            &store::servizi::FiltroServizi {
                intervento_id: Some(p.id),
                ..Default::default()
            },
        )?;
        for s in &servizi {
            rules::servizio::refuse_delete_with_closed_incontri(tx, s)?;
        }
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
