//! The database's copies (store::copie) as operations: list, copy now, restore.

use super::Nulla;
use super::importa::Percorso;
use crate::context::Ctx;
use crate::error::{Outcome, Result};
use crate::store::Store;
use crate::store::copie::{self, Copia, Integrita, Motivo};
use chrono::NaiveDateTime;

/// Now, on the context's day (fixed in tests), at the clock's time.
fn adesso(ctx: &Ctx) -> NaiveDateTime {
    ctx.oggi.and_time(chrono::Local::now().time())
}

pub fn list_copie(store: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Vec<Copia>>> {
    Ok(Outcome::plain(match store.path() {
        Some(db) => copie::elenco(db)?,
        None => Vec::new(),
    }))
}

pub fn crea_copia(store: &Store, ctx: &Ctx, _: Nulla) -> Result<Outcome<Copia>> {
    Ok(Outcome::plain(copie::crea(
        store,
        adesso(ctx),
        Motivo::AMano,
    )?))
}

/// Returns the copy of the state before the restore.
pub fn ripristina_copia(store: &Store, ctx: &Ctx, p: Percorso) -> Result<Outcome<Copia>> {
    Ok(Outcome::plain(copie::ripristina(
        store,
        std::path::Path::new(&p.percorso),
        adesso(ctx),
    )?))
}

pub fn verifica_database(store: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Integrita>> {
    Ok(Outcome::plain(copie::integrita(store.read())?))
}
