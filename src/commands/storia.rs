//! A record's history (store::storia) as an operation.

use super::PerId;
use crate::context::Ctx;
use crate::error::{Outcome, Result};
use crate::store::Store;
use crate::store::storia::{self, VoceStoria};

pub fn storia(store: &Store, _: &Ctx, p: PerId) -> Result<Outcome<Vec<VoceStoria>>> {
    Ok(Outcome::plain(storia::di(store.read(), p.id, 500)?))
}
