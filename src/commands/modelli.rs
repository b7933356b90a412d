//! Operations on modelli.

use super::organizzazione::DiEnteAttuatore;
use super::{Modifica, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::{Modello, ModelloDati};
use crate::error::{Error, Outcome, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::{self, Findings};
use crate::store::organizzazione::{Lista, missing_voci};
use crate::store::{self, Store, modelli as db};

fn check(store: &Store, d: &ModelloDati, id: Option<Id>) -> Result<Vec<crate::error::Finding>> {
    let conn = store.read();
    if d.titolo.trim().is_empty() {
        return Err(Error::dati_campo("titolo", "Indica il titolo del modello."));
    }
    store::organizzazione::get_ente_attuatore(conn, d.ente_attuatore_id)?;
    for (lista, ids) in [(Lista::Target, &d.target_ids), (Lista::Cms, &d.cms_ids)] {
        if let Some(bad) = missing_voci(conn, lista, ids)?.first() {
            return Err(Error::not_found(lista.kind(), *bad));
        }
    }
    for e in &d.enti {
        store::enti::get(conn, e.ente_id)?;
    }
    let record = id.map(|id| RecordRef::new(RecordKind::Modello, id));
    let mut f: Findings = rules::modello::check(d, record);
    let ente_ids: Vec<Id> = d.enti.iter().map(|e| e.ente_id).collect();
    f.extend(rules::intervento::istituti_principali(
        conn, &ente_ids, record,
    )?);
    f.into_result()
}

pub fn create_modello(store: &Store, ctx: &Ctx, d: ModelloDati) -> Result<Outcome<Modello>> {
    let warnings = check(store, &d, None)?;
    let id = Id::new();
    store.write(ctx, "create_modello", |tx| {
        db::insert(tx, id, &d)?;
        tx.log(RecordKind::Modello, id, &d.titolo)
    })?;
    Ok(Outcome::new(db::get(store.read(), id)?, warnings))
}

pub fn update_modello(
    store: &Store,
    ctx: &Ctx,
    m: Modifica<ModelloDati>,
) -> Result<Outcome<Modello>> {
    let before = db::get(store.read(), m.id)?;
    let warnings = check(store, &m.dati, Some(m.id))?;
    store.write(ctx, "update_modello", |tx| {
        db::update(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::Modello, m.id, &before.dati, &m.dati)
    })?;
    Ok(Outcome::new(db::get(store.read(), m.id)?, warnings))
}

pub fn delete_modello(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    let m = db::get(store.read(), p.id)?;
    if db::is_linked(store.read(), p.id)? {
        return Err(Error::dati(format!(
            "Il modello «{}» è collegato a interventi: scollegali prima di cancellarlo.",
            m.dati.titolo
        )));
    }
    store.write(ctx, "delete_modello", |tx| {
        db::delete(tx, p.id)?;
        tx.log(RecordKind::Modello, p.id, &m.dati.titolo)
    })?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn get_modello(store: &Store, _: &Ctx, p: PerId) -> Result<Outcome<Modello>> {
    Ok(Outcome::plain(db::get(store.read(), p.id)?))
}

pub fn list_modelli(store: &Store, _: &Ctx, f: DiEnteAttuatore) -> Result<Outcome<Vec<Modello>>> {
    Ok(Outcome::plain(db::list(store.read(), f.ente_attuatore_id)?))
}
