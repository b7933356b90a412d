//! Closing and reopening write the same steps for an incontro (INC-06,
//! INC-09) and a servizio (SER-11, SER-14) once their own rules have passed.

use crate::context::Ctx;
use crate::error::{Error, Finding, RecordRef, Result};
use crate::rules::{self, Code, scadenze};
use crate::store::Tx;
use chrono::NaiveDate;

/// A record being closed whose deadline runs from `dal`.
pub(super) struct Chiusura {
    pub record: RecordRef,
    /// INC-06 or SER-11.
    pub code: Code,
    pub dal: Option<NaiveDate>,
    /// Once late, always late (a reopened record closed again).
    pub gia_tardiva: bool,
    /// How the lateness finding begins ("Incontro chiuso in ritardo: era del").
    pub cosa: &'static str,
}

/// Records the closing on `ctx.oggi`: whether it is late, the state (through
/// `set_stato`, given the day and the late flag) and the change log; returns
/// `warnings` with the lateness finding added.
pub(super) fn chiudi(
    tx: &Tx,
    ctx: &Ctx,
    c: Chiusura,
    mut warnings: Vec<Finding>,
    set_stato: impl FnOnce((NaiveDate, bool)) -> Result<()>,
) -> Result<Vec<Finding>> {
    let (late, ritardo) =
        scadenze::chiusura(c.code, c.record, c.dal, ctx.oggi, c.gia_tardiva, c.cosa);
    warnings.extend(ritardo.0);
    set_stato((ctx.oggi, late))?;
    let detail = if late { "chiuso in ritardo" } else { "chiuso" };
    tx.log(c.record.kind, c.record.id, detail)?;
    Ok(warnings)
}

/// Reopens a closed record under `code` (INC-09, SER-14): a reason is
/// required and a known user is; the state goes back through `set_stato`
/// (which never clears the late flag) and the reopening is kept with who,
/// when and why. `cosa` names it in the message ("un incontro chiuso").
pub(super) fn riapri(
    tx: &Tx,
    ctx: &Ctx,
    code: Code,
    record: RecordRef,
    motivo: &str,
    cosa: &str,
    set_stato: impl FnOnce() -> Result<()>,
) -> Result<()> {
    if motivo.trim().is_empty() {
        return Err(Error::dati_campo(
            "motivo",
            format!("Per riaprire {cosa} indica il motivo ({code})."),
        ));
    }
    rules::utente_noto(tx, ctx, code, Some(record))?;
    set_stato()?;
    tx.record_riapertura(code, record.kind, record.id, motivo.trim())
}
