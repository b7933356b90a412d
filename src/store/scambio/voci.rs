//! Reading and writing whole records (main row + child rows) generically, by
//! the table list of `tabelle`: the same reader serves the export and the
//! office's side of the comparison, so "equal" means equal bytes.

mod contenuto;
mod tutti;

pub use contenuto::{Contenuto, nome_record};
pub use tutti::per_ogni;

use super::tabelle::{AGGREGATI, Aggregato};
use crate::error::{Error, Result};
use crate::store::Tx;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, params_from_iter};
use serde_json::Value;
use std::collections::BTreeMap;

/// The columns of each table as the file carries them: main tables whole,
/// child tables without their parent column.
pub type Colonne = BTreeMap<String, Vec<String>>;

fn to_json(v: ValueRef) -> Result<Value> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => return Err(Error::dati("Dati binari non previsti nel database.")),
    })
}

fn to_sql(v: &Value) -> Result<SqlValue> {
    Ok(match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        _ => return Err(Error::dati("Valore non previsto in un record del file.")),
    })
}

/// The columns of a table, as this database has them.
pub fn colonne_tabella(conn: &Connection, tabella: &str) -> Result<Vec<String>> {
    let mut st =
        conn.prepare_cached(&format!("SELECT name FROM pragma_table_info('{tabella}')"))?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns of every table that travels (see `Colonne`).
pub fn colonne(conn: &Connection) -> Result<Colonne> {
    let mut out = Colonne::new();
    for a in AGGREGATI {
        out.insert(a.tipo.into(), colonne_tabella(conn, a.tipo)?);
        for f in a.figli {
            let cols = colonne_tabella(conn, f.tabella)?;
            out.insert(
                f.tabella.into(),
                cols.into_iter().filter(|c| c != f.padre).collect(),
            );
        }
    }
    Ok(out)
}

fn select_list(cols: &[String]) -> String {
    cols.join(", ")
}

fn riga_di(r: &rusqlite::Row, names: &[String]) -> Result<BTreeMap<String, Value>> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Ok((n.clone(), to_json(r.get_ref(i)?)?)))
        .collect()
}

/// One record, or None when it does not exist here.
pub fn leggi_uno(
    conn: &Connection,
    a: &Aggregato,
    id: &str,
    colonne: &Colonne,
) -> Result<Option<Contenuto>> {
    let names = &colonne[a.tipo];
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM {} WHERE id = ?1",
        select_list(names),
        a.tipo
    ))?;
    let mut rows = st.query([id])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let mut c = Contenuto {
        riga: riga_di(r, names)?,
        figli: BTreeMap::new(),
    };
    for f in a.figli {
        let cols = &colonne[f.tabella];
        let mut st = conn.prepare_cached(&format!(
            "SELECT {} FROM {} WHERE {} = ?1",
            select_list(cols),
            f.tabella,
            f.padre
        ))?;
        let mut rows = st.query([id])?;
        let mut list = Vec::new();
        while let Some(r) = rows.next()? {
            list.push(
                (0..cols.len())
                    .map(|i| to_json(r.get_ref(i)?))
                    .collect::<Result<_>>()?,
            );
        }
        if !list.is_empty() {
            c.figli.insert(f.tabella.into(), list);
        }
    }
    c.normalizza();
    Ok(Some(c))
}

/// Whether a record exists here.
pub fn esiste(conn: &Connection, tipo: &str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {tipo} WHERE id = ?1"))?
        .exists([id])?)
}

/// The id of the record holding this natural key value, if any.
pub fn per_chiave(
    conn: &Connection,
    tipo: &str,
    colonna: &str,
    valore: &Value,
) -> Result<Option<String>> {
    let mut st = conn.prepare_cached(&format!("SELECT id FROM {tipo} WHERE {colonna} = ?1"))?;
    let mut rows = st.query([to_sql(valore)?])?;
    Ok(match rows.next()? {
        Some(r) => Some(r.get(0)?),
        None => None,
    })
}

/// Writes a record whole: the main row (inserted or updated in place, never
/// replaced, so the cascades of its children aggregates do not fire) and its
/// child rows (replaced). Column names were checked by `controlla_colonne`.
pub fn scrivi(tx: &Tx, a: &Aggregato, c: &Contenuto, colonne: &Colonne) -> Result<()> {
    scrivi_riga(tx, a, c)?;
    let id = c
        .riga
        .get("id")
        .map(to_sql)
        .transpose()?
        .unwrap_or(SqlValue::Null);
    scrivi_figli(tx, a, c, &id, colonne)
}

/// The main row, as an upsert on its id; `source` says this write's origin.
fn scrivi_riga(tx: &Tx, a: &Aggregato, c: &Contenuto) -> Result<()> {
    let cols: Vec<&String> = c.riga.keys().collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols
        .iter()
        .filter(|c| c.as_str() != "id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {}",
        a.tipo,
        cols.iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        marks.join(", "),
        if updates.is_empty() {
            "id = id".into()
        } else {
            updates.join(", ")
        }
    );
    let values: Vec<SqlValue> = c
        .riga
        .iter()
        .map(|(k, v)| {
            if k == "source" {
                Ok(SqlValue::Text(tx.source().into()))
            } else {
                to_sql(v)
            }
        })
        .collect::<Result<_>>()?;
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

/// The child rows of every child table, replacing those under `id`.
fn scrivi_figli(
    tx: &Tx,
    a: &Aggregato,
    c: &Contenuto,
    id: &SqlValue,
    colonne: &Colonne,
) -> Result<()> {
    for f in a.figli {
        tx.prepare_cached(&format!("DELETE FROM {} WHERE {} = ?1", f.tabella, f.padre))?
            .execute([id])?;
        let Some(rows) = c.figli.get(f.tabella) else {
            continue;
        };
        let cols = &colonne[f.tabella];
        let sql = format!(
            "INSERT INTO {} ({}, {}) VALUES (?1, {})",
            f.tabella,
            f.padre,
            select_list(cols),
            (2..=cols.len() + 1)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut st = tx.prepare_cached(&sql)?;
        for row in rows {
            let mut values = vec![id.clone()];
            for v in row {
                values.push(to_sql(v)?);
            }
            st.execute(params_from_iter(values))?;
        }
    }
    Ok(())
}

pub fn cancella(tx: &Tx, tipo: &str, id: &str) -> Result<()> {
    tx.prepare_cached(&format!("DELETE FROM {tipo} WHERE id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// Refuses a file whose records name columns this database does not have:
/// column names go into SQL, so only known ones pass.
pub fn controlla_colonne(conn: &Connection, colonne: &Colonne) -> Result<()> {
    let attese = self::colonne(conn)?;
    if &attese != colonne {
        return Err(Error::dati(
            "Il file descrive le tabelle in modo diverso da questa versione di Sportello: aggiorna Sportello.",
        ));
    }
    Ok(())
}

pub fn controlla_riga(a: &Aggregato, c: &Contenuto, colonne: &Colonne) -> Result<()> {
    let known = &colonne[a.tipo];
    let righe_ok = c.figli.iter().all(|(t, rows)| {
        a.figli.iter().any(|f| f.tabella == t) && rows.iter().all(|r| r.len() == colonne[t].len())
    });
    if !righe_ok || c.riga.keys().any(|k| !known.contains(k)) || !c.riga.contains_key("id") {
        return Err(Error::dati(format!(
            "Il file contiene un record di tipo «{}» con campi sconosciuti: aggiorna Sportello.",
            a.tipo
        )));
    }
    // One implausible date or endless name must not reach the office's database.
    for (k, v) in &c.riga {
        crate::limiti::controlla_campo(k, v)?;
    }
    for (t, rows) in &c.figli {
        for r in rows {
            for (k, v) in colonne[t].iter().zip(r) {
                crate::limiti::controlla_campo(k, v)?;
            }
        }
    }
    Ok(())
}
