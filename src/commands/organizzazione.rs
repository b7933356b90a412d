//! Operations on RT, implementing bodies, sedi, orientatori, lists and settings.

use super::{Modifica, Nulla};
use crate::catalogo;
use crate::context::Ctx;
use crate::domain::{
    EnteAttuatore, EnteAttuatoreDati, Orientatore, OrientatoreDati, Rt, RtDati, Sede, SedeDati,
    Voce,
};
use crate::error::{Error, Outcome, RecordKind, Result};
use crate::ids::Id;
use crate::store::Store;
use crate::store::organizzazione::{self as db, Lista};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiEnteAttuatore {
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiLista {
    pub lista: Lista,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SalvaVoce {
    pub lista: Lista,
    #[serde(default)]
    pub id: Option<Id>,
    pub nome: String,
    #[serde(default = "yes")]
    pub attivo: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Impostazioni {
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
    #[serde(default)]
    pub orientatore_id: Option<Id>,
    /// Where the database file is (read-only).
    #[serde(default)]
    pub database: Option<String>,
}

pub(super) fn required(field: &str, value: &str, what: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(Error::dati_campo(field, format!("Indica {what}.")))
    } else {
        Ok(())
    }
}

pub fn create_rt(store: &Store, ctx: &Ctx, d: RtDati) -> Result<Outcome<Rt>> {
    required("nome", &d.nome, "il nome del raggruppamento")?;
    let id = Id::new();
    store.write(ctx, "create_rt", |tx| {
        db::insert_rt(tx, id, &d)?;
        tx.log(RecordKind::Rt, id, "")
    })?;
    Ok(Outcome::plain(db::get_rt(store.read(), id)?))
}

pub fn list_rt(store: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Vec<Rt>>> {
    Ok(Outcome::plain(db::list_rt(store.read())?))
}

pub(super) fn check_catalogo(field: &str, codice: &str) -> Result<()> {
    catalogo::get(codice).map(|_| ()).ok_or_else(|| {
        Error::dati_campo(
            field,
            format!(
                "Il catalogo «{codice}» non esiste. Cataloghi disponibili: {}.",
                catalogo::all()
                    .iter()
                    .map(|c| c.testata.codice.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

pub fn create_ente_attuatore(
    store: &Store,
    ctx: &Ctx,
    d: EnteAttuatoreDati,
) -> Result<Outcome<EnteAttuatore>> {
    required("nome", &d.nome, "il nome dell'ente attuatore")?;
    check_catalogo("catalogo", &d.catalogo)?;
    let id = Id::new();
    store.write(ctx, "create_ente_attuatore", |tx| {
        db::insert_ente_attuatore(tx, id, &d)?;
        tx.log(RecordKind::EnteAttuatore, id, "")
    })?;
    Ok(Outcome::plain(db::get_ente_attuatore(store.read(), id)?))
}

pub fn update_ente_attuatore(
    store: &Store,
    ctx: &Ctx,
    m: Modifica<EnteAttuatoreDati>,
) -> Result<Outcome<EnteAttuatore>> {
    let before = db::get_ente_attuatore(store.read(), m.id)?;
    required("nome", &m.dati.nome, "il nome dell'ente attuatore")?;
    check_catalogo("catalogo", &m.dati.catalogo)?;
    store.write(ctx, "update_ente_attuatore", |tx| {
        db::update_ente_attuatore(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::EnteAttuatore, m.id, &before.dati, &m.dati)
    })?;
    Ok(Outcome::plain(db::get_ente_attuatore(store.read(), m.id)?))
}

pub fn list_enti_attuatori(
    store: &Store,
    _: &Ctx,
    _: Nulla,
) -> Result<Outcome<Vec<EnteAttuatore>>> {
    Ok(Outcome::plain(db::list_enti_attuatori(store.read())?))
}

pub fn create_sede(store: &Store, ctx: &Ctx, d: SedeDati) -> Result<Outcome<Sede>> {
    required("nome", &d.nome, "il nome della sede")?;
    db::get_ente_attuatore(store.read(), d.ente_attuatore_id)?;
    let id = Id::new();
    store.write(ctx, "create_sede", |tx| {
        db::insert_sede(tx, id, &d)?;
        tx.log(RecordKind::Sede, id, "")
    })?;
    Ok(Outcome::plain(db::get_sede(store.read(), id)?))
}

pub fn update_sede(store: &Store, ctx: &Ctx, m: Modifica<SedeDati>) -> Result<Outcome<Sede>> {
    let before = db::get_sede(store.read(), m.id)?;
    required("nome", &m.dati.nome, "il nome della sede")?;
    store.write(ctx, "update_sede", |tx| {
        db::update_sede(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::Sede, m.id, &before.dati, &m.dati)
    })?;
    Ok(Outcome::plain(db::get_sede(store.read(), m.id)?))
}

pub fn list_sedi(store: &Store, _: &Ctx, f: DiEnteAttuatore) -> Result<Outcome<Vec<Sede>>> {
    Ok(Outcome::plain(db::list_sedi(
        store.read(),
        f.ente_attuatore_id,
    )?))
}

pub fn create_orientatore(
    store: &Store,
    ctx: &Ctx,
    d: OrientatoreDati,
) -> Result<Outcome<Orientatore>> {
    required("cognome", &d.cognome, "il cognome")?;
    required("nome", &d.nome, "il nome")?;
    db::get_ente_attuatore(store.read(), d.ente_attuatore_id)?;
    let id = Id::new();
    store.write(ctx, "create_orientatore", |tx| {
        db::insert_orientatore(tx, id, &d)?;
        tx.log(RecordKind::Orientatore, id, "")
    })?;
    Ok(Outcome::plain(db::get_orientatore(store.read(), id)?))
}

pub fn update_orientatore(
    store: &Store,
    ctx: &Ctx,
    m: Modifica<OrientatoreDati>,
) -> Result<Outcome<Orientatore>> {
    let before = db::get_orientatore(store.read(), m.id)?;
    store.write(ctx, "update_orientatore", |tx| {
        db::update_orientatore(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::Orientatore, m.id, &before.dati, &m.dati)
    })?;
    Ok(Outcome::plain(db::get_orientatore(store.read(), m.id)?))
}

pub fn list_orientatori(
    store: &Store,
    _: &Ctx,
    f: DiEnteAttuatore,
) -> Result<Outcome<Vec<Orientatore>>> {
    Ok(Outcome::plain(db::list_orientatori(
        store.read(),
        f.ente_attuatore_id,
    )?))
}

pub fn list_voci(store: &Store, _: &Ctx, l: DiLista) -> Result<Outcome<Vec<Voce>>> {
    Ok(Outcome::plain(db::list_voci(store.read(), l.lista)?))
}

pub fn save_voce(store: &Store, ctx: &Ctx, v: SalvaVoce) -> Result<Outcome<Voce>> {
    required("nome", &v.nome, "il nome della voce")?;
    let voce = Voce {
        id: v.id.unwrap_or_default(),
        nome: v.nome.trim().to_string(),
        attivo: v.attivo,
    };
    store.write(ctx, "save_voce", |tx| {
        db::upsert_voce(tx, v.lista, &voce)?;
        tx.log(v.lista.kind(), voce.id, &voce.nome)
    })?;
    Ok(Outcome::plain(voce))
}

pub fn get_impostazioni(store: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Impostazioni>> {
    let id = |k: &str| -> Result<Option<Id>> { Ok(store.setting(k)?.and_then(|v| v.parse().ok())) };
    Ok(Outcome::plain(Impostazioni {
        ente_attuatore_id: id("ente_attuatore_id")?,
        orientatore_id: id("orientatore_id")?,
        database: Some(
            store
                .path()
                .map_or("(in memoria)".into(), |p| p.display().to_string()),
        ),
    }))
}

pub fn set_impostazioni(
    store: &Store,
    ctx: &Ctx,
    i: Impostazioni,
) -> Result<Outcome<Impostazioni>> {
    if let Some(e) = i.ente_attuatore_id {
        db::get_ente_attuatore(store.read(), e)?;
    }
    if let Some(o) = i.orientatore_id {
        db::get_orientatore(store.read(), o)?;
    }
    store.write(ctx, "set_impostazioni", |tx| {
        db::set_setting(
            tx,
            "ente_attuatore_id",
            i.ente_attuatore_id.map(|v| v.to_string()).as_deref(),
        )?;
        db::set_setting(
            tx,
            "orientatore_id",
            i.orientatore_id.map(|v| v.to_string()).as_deref(),
        )
    })?;
    get_impostazioni(store, ctx, Nulla {})
}
