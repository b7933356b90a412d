//! Read-only operations on the catalogues and the rule table.

use super::Nulla;
use crate::catalogo::{self, Catalogo};
use crate::context::Ctx;
use crate::error::{Outcome, Result};
use crate::rules::{RULES, Rule};
use crate::store::Store;

pub fn list_cataloghi(_: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Vec<Catalogo>>> {
    Ok(Outcome::plain(catalogo::all().to_vec()))
}

pub fn list_regole(_: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Vec<Rule>>> {
    Ok(Outcome::plain(RULES.to_vec()))
}
