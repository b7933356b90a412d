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
    /// Logs an update with every field that changed, old and new value
    /// (domain.md §8: who, when, what): `titolo: «A» → «B»; data: 2026-01-05 → 2026-01-20`.
    pub fn log_modifica<T: serde::Serialize>(
        &self,
        kind: RecordKind,
        id: Id,
        prima: &T,
        dopo: &T,
    ) -> Result<()> {
        let (a, b) = (serde_json::to_value(prima)?, serde_json::to_value(dopo)?);
        let mut righe = Vec::new();
        differenze("", &a, &b, &mut righe);
        self.log(kind, id, &righe.join("; "))
    }

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

/// The fields of `a` and `b` that differ, flattened (`luogo.descrizione`).
fn differenze(prefisso: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut chiavi: Vec<&String> = x.keys().chain(y.keys()).collect();
            chiavi.sort();
            chiavi.dedup();
            for k in chiavi {
                let nome = if prefisso.is_empty() {
                    k.clone()
                } else {
                    format!("{prefisso}.{k}")
                };
                let nulla = Value::Null;
                differenze(
                    &nome,
                    x.get(k).unwrap_or(&nulla),
                    y.get(k).unwrap_or(&nulla),
                    out,
                );
            }
        }
        // Lists of records by their id (`presenze[<destinatario>].presente: true → false`),
        // other lists of one length item by item.
        (Value::Array(x), Value::Array(y)) if per_chiave(x, y).is_some() => {
            let chiave = per_chiave(x, y).unwrap_or("id");
            let id = |v: &Value| v.get(chiave).map(valore).unwrap_or_default();
            let mut ids: Vec<String> = x.iter().chain(y).map(id).collect();
            ids.sort();
            ids.dedup();
            let nulla = Value::Null;
            for k in ids {
                let trova = |l: &Vec<Value>| l.iter().find(|v| id(v) == k).cloned();
                let (p, q) = (trova(x), trova(y));
                let (p, q) = (p.as_ref().unwrap_or(&nulla), q.as_ref().unwrap_or(&nulla));
                let nome = format!("{prefisso}[{k}]");
                match (p, q) {
                    (Value::Null, _) | (_, Value::Null) => {
                        if p != q {
                            out.push(format!(
                                "{nome}: {} → {}",
                                senza_id(p, chiave),
                                senza_id(q, chiave)
                            ));
                        }
                    }
                    _ => differenze(&nome, p, q, out),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differenze(&format!("{prefisso}[{i}]"), p, q, out);
            }
        }
        _ if a != b => out.push(format!("{prefisso}: {} → {}", valore(a), valore(b))),
        _ => {}
    }
}

/// The key that names each item of both lists, when every item is an object with one.
fn per_chiave<'a>(x: &[serde_json::Value], y: &[serde_json::Value]) -> Option<&'a str> {
    ["destinatario_id", "id"].into_iter().find(|k| {
        !(x.is_empty() && y.is_empty())
            && x.iter()
                .chain(y)
                .all(|v| v.get(*k).is_some_and(|i| i.is_string()))
    })
}

/// An added or removed item, without the key already in its name.
fn senza_id(v: &serde_json::Value, chiave: &str) -> String {
    match v {
        serde_json::Value::Object(o) => {
            let mut o = o.clone();
            o.remove(chiave);
            valore(&serde_json::Value::Object(o))
        }
        other => valore(other),
    }
}

/// A value as the change log shows it: text as is, nothing as «—», lists and
/// numbers as JSON; long values cut.
fn valore(v: &serde_json::Value) -> String {
    let t = match v {
        serde_json::Value::Null => "—".to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if t.chars().count() > 200 {
        format!("{}…", t.chars().take(200).collect::<String>())
    } else {
        t
    }
}
