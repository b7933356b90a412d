//! What is due (INC-06, SER-11) and every finding over the whole database.
//! The rules are in `rules::scadenze` and `rules::verifica`; these are the
//! operations the window and the command line call.

use super::Nulla;
use crate::context::Ctx;
use crate::error::{Finding, Outcome, Result};
use crate::store::Store;

pub use crate::rules::scadenze::{FiltroScadenze, RecordKindId, Scadenza, Scadenze};

pub fn list_scadenze(store: &Store, ctx: &Ctx, f: FiltroScadenze) -> Result<Outcome<Scadenze>> {
    Ok(Outcome::plain(crate::rules::scadenze::elenco(
        store.read(),
        ctx.oggi,
        &f,
    )?))
}

/// Every finding over the whole database.
pub fn run_checks(store: &Store, ctx: &Ctx, _: Nulla) -> Result<Outcome<Vec<Finding>>> {
    Ok(Outcome::plain(
        crate::rules::verifica::tutto(store.read(), ctx.oggi)?.0,
    ))
}
