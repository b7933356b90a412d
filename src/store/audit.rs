//! The write handle: one transaction per operation, stamped with who, when
//! and from where, and logged in `change_log`.

use crate::context::Ctx;
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use std::ops::Deref;

pub struct Tx<'c> {
    tx: Transaction<'c>,
    ctx: Ctx,
    operation: String,
    at: String,
}

impl<'c> Tx<'c> {
    pub(super) fn begin(conn: &'c Connection, ctx: &Ctx, operation: &str) -> Result<Tx<'c>> {
        // IMMEDIATE: take the write lock now, so a second window waits instead of failing later.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        Ok(Tx {
            tx,
            ctx: ctx.clone(),
            operation: operation.to_string(),
            at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        })
    }

    pub(super) fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// When this operation happened (UTC, ISO 8601).
    pub fn at(&self) -> &str {
        &self.at
    }

    /// The acting orientatore's id, as stored in `updated_by`.
    pub fn actor(&self) -> Option<String> {
        self.ctx.actor.map(|a| a.to_string())
    }

    pub fn source(&self) -> &'static str {
        self.ctx.source.as_str()
    }

    /// Records one change of this operation in the change log.
    pub fn log(&self, kind: RecordKind, id: Id, detail: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO change_log (at, actor, source, operation, record_tipo, record_id, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                self.at,
                self.actor(),
                self.source(),
                self.operation,
                kind.as_str(),
                id,
                (!detail.is_empty()).then_some(detail)
            ])?;
        Ok(())
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    /// A forzatura (DES-01): the rule overridden, on which record, the value, who, when, why.
    pub fn record_forzatura(&self, rule: &str, kind: RecordKind, id: Id, value: &str, motivo: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO forzatura (id, regola, record_tipo, record_id, valore, motivo, chi, quando)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
            params![Id::new(), rule, kind.as_str(), id, value, motivo, self.actor(), self.at],
        )?;
        self.log(kind, id, &format!("forzatura {rule}: {motivo}"))
    }

    /// A reopening of a closed record (INC-09, SER-14): who, when, why.
    pub fn record_riapertura(&self, rule: &str, kind: RecordKind, id: Id, motivo: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO riapertura (id, regola, record_tipo, record_id, motivo, chi, quando)
             VALUES (?1,?2,?3,?4,?5,?6,?7)",
            params![Id::new(), rule, kind.as_str(), id, motivo, self.actor(), self.at],
        )?;
        self.log(kind, id, &format!("riapertura: {motivo}"))
    }
}
