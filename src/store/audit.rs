//! The write handle: one transaction per operation, stamped with who, when
//! and from where, and logged in `change_log`.

use crate::context::Ctx;
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, params};
use std::ops::Deref;

/// A transaction, or a savepoint when an outer transaction is already open
/// (`Store::atomically`: a demo or an import made of many operations is
/// still all or nothing). Dropped without `commit`, it rolls back.
pub struct Tx<'c> {
    tx: &'c Connection,
    nested: bool,
    done: bool,
    ctx: Ctx,
    operation: String,
    at: String,
}

impl<'c> Tx<'c> {
    pub(super) fn begin(conn: &'c Connection, ctx: &Ctx, operation: &str) -> Result<Tx<'c>> {
        let nested = !conn.is_autocommit();
        // IMMEDIATE: take the write lock now, so a second window waits instead of failing later.
        conn.execute_batch(if nested {
            "SAVEPOINT op"
        } else {
            "BEGIN IMMEDIATE"
        })?;
        Ok(Tx {
            tx: conn,
            nested,
            done: false,
            ctx: ctx.clone(),
            operation: operation.to_string(),
            at: chrono::Utc::now()
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string(),
        })
    }

    pub(super) fn commit(mut self) -> Result<()> {
        self.tx
            .execute_batch(if self.nested { "RELEASE op" } else { "COMMIT" })?;
        self.done = true;
        Ok(())
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

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let sql = if self.nested {
                "ROLLBACK TO op; RELEASE op"
            } else {
                "ROLLBACK"
            };
            let _ = self.tx.execute_batch(sql);
        }
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.tx
    }
}

impl Tx<'_> {
    /// A forzatura (DES-01): the rule overridden, on which record, the value, who, when, why.
    pub fn record_forzatura(
        &self,
        rule: crate::rules::Code,
        kind: RecordKind,
        id: Id,
        value: &str,
        motivo: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO forzatura (id, regola, record_tipo, record_id, valore, motivo, chi, quando)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
            params![Id::new(), rule.as_str(), kind.as_str(), id, value, motivo, self.actor(), self.at],
        )?;
        self.log(kind, id, &format!("forzatura {rule}: {motivo}"))
    }

    /// A reopening of a closed record (INC-09, SER-14): who, when, why.
    pub fn record_riapertura(
        &self,
        rule: crate::rules::Code,
        kind: RecordKind,
        id: Id,
        motivo: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO riapertura (id, regola, record_tipo, record_id, motivo, chi, quando)
             VALUES (?1,?2,?3,?4,?5,?6,?7)",
            params![
                Id::new(),
                rule.as_str(),
                kind.as_str(),
                id,
                motivo,
                self.actor(),
                self.at
            ],
        )?;
        self.log(kind, id, &format!("riapertura: {motivo}"))
    }
}
