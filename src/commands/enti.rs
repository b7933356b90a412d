//! Operations on enti coinvolti and referenti.

use super::{Modifica, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::{Ente, EnteDati, Referente, ReferenteDati, TipoEnte};
use crate::error::{Error, Outcome, RecordKind, Result};
use crate::ids::Id;
use crate::store::{Store, enti as db};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchedaEnte {
    pub ente: Ente,
    pub istituto_principale: Option<Ente>,
    pub plessi: Vec<Ente>,
    pub referenti: Vec<Referente>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CercaEnti {
    #[serde(default)]
    pub testo: String,
    #[serde(default)]
    pub tipo: Option<TipoEnte>,
    #[serde(default)]
    pub limite: Option<u32>,
}

fn validate(conn: &rusqlite::Connection, d: &mut EnteDati, id: Option<Id>) -> Result<()> {
    if d.nome.trim().is_empty() {
        return Err(Error::dati_campo("nome", "Indica il nome dell'ente."));
    }
    if let Some(c) = &d.codice_meccanografico {
        let c = c.trim().to_uppercase();
        if d.tipo == TipoEnte::Scuola && !crate::domain::codice_meccanografico_valido(&c) {
            return Err(Error::dati_campo(
                "codice_meccanografico",
                format!(
                    "Il codice meccanografico «{c}» non ha la forma attesa (10 caratteri, es. TOIC81200X)."
                ),
            ));
        }
        if let Some(other) = db::by_codice(conn, &c)?.filter(|o| Some(o.id) != id) {
            return Err(Error::dati_campo(
                "codice_meccanografico",
                format!(
                    "Il codice meccanografico {c} è già di «{}».",
                    other.dati.nome
                ),
            ));
        }
        d.codice_meccanografico = Some(c);
    }
    if let Some(p) = d.istituto_principale_id {
        if Some(p) == id {
            return Err(Error::dati_campo(
                "istituto_principale_id",
                "Un ente non può essere il proprio istituto principale.",
            ));
        }
        db::get(conn, p)?;
    }
    Ok(())
}

pub fn create_ente(store: &Store, ctx: &Ctx, mut d: EnteDati) -> Result<Outcome<Ente>> {
    validate(store.read(), &mut d, None)?;
    let id = Id::new();
    store.write(ctx, "create_ente", |tx| {
        db::insert(tx, id, &d)?;
        tx.log(RecordKind::Ente, id, &d.nome)
    })?;
    Ok(Outcome::plain(db::get(store.read(), id)?))
}

pub fn update_ente(store: &Store, ctx: &Ctx, mut m: Modifica<EnteDati>) -> Result<Outcome<Ente>> {
    let before = db::get(store.read(), m.id)?;
    validate(store.read(), &mut m.dati, Some(m.id))?;
    store.write(ctx, "update_ente", |tx| {
        db::update(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::Ente, m.id, &before.dati, &m.dati)
    })?;
    Ok(Outcome::plain(db::get(store.read(), m.id)?))
}

pub fn delete_ente(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    let e = db::get(store.read(), p.id)?;
    if db::is_used(store.read(), p.id)? {
        return Err(Error::dati(format!(
            "«{}» è usato da modelli, interventi, servizi, incontri o plessi: non si può cancellare.",
            e.dati.nome
        )));
    }
    store.write(ctx, "delete_ente", |tx| {
        db::delete(tx, p.id)?;
        tx.log(RecordKind::Ente, p.id, &e.dati.nome)
    })?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn get_ente(store: &Store, _: &Ctx, p: PerId) -> Result<Outcome<SchedaEnte>> {
    let conn = store.read();
    let ente = db::get(conn, p.id)?;
    Ok(Outcome::plain(SchedaEnte {
        istituto_principale: ente
            .dati
            .istituto_principale_id
            .map(|i| db::get(conn, i))
            .transpose()?,
        plessi: db::plessi(conn, p.id)?,
        referenti: db::referenti(conn, Some(p.id))?,
        ente,
    }))
}

pub fn search_enti(store: &Store, _: &Ctx, c: CercaEnti) -> Result<Outcome<Vec<Ente>>> {
    Ok(Outcome::plain(db::search(
        store.read(),
        &c.testo,
        c.tipo,
        c.limite.unwrap_or(50),
    )?))
}

fn validate_referente(conn: &rusqlite::Connection, d: &ReferenteDati) -> Result<()> {
    if d.cognome.trim().is_empty() || d.nome.trim().is_empty() {
        return Err(Error::dati_campo(
            "cognome",
            "Indica cognome e nome del referente.",
        ));
    }
    if let Some(e) = d.ente_id {
        db::get(conn, e)?;
    }
    Ok(())
}

pub fn create_referente(store: &Store, ctx: &Ctx, d: ReferenteDati) -> Result<Outcome<Referente>> {
    validate_referente(store.read(), &d)?;
    let id = Id::new();
    store.write(ctx, "create_referente", |tx| {
        db::insert_referente(tx, id, &d)?;
        tx.log(RecordKind::Referente, id, "")
    })?;
    Ok(Outcome::plain(db::get_referente(store.read(), id)?))
}

pub fn update_referente(
    store: &Store,
    ctx: &Ctx,
    m: Modifica<ReferenteDati>,
) -> Result<Outcome<Referente>> {
    let before = db::get_referente(store.read(), m.id)?;
    validate_referente(store.read(), &m.dati)?;
    store.write(ctx, "update_referente", |tx| {
        db::update_referente(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::Referente, m.id, &before.dati, &m.dati)
    })?;
    Ok(Outcome::plain(db::get_referente(store.read(), m.id)?))
}
