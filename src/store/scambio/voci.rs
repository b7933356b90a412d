//! Reading and writing whole records (main row + child rows) generically, by
//! the table list of `tabelle`: the same reader serves the export and the
//! office's side of the comparison, so "equal" means equal bytes.

use super::tabelle::{AGGREGATI, Aggregato, METADATI};
use crate::error::{Error, Result};
use crate::store::Tx;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// What a record says: its main row by column name and its child rows, by
/// child table, in the column order of `Colonne` (parent column left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contenuto {
    pub riga: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub figli: BTreeMap<String, Vec<Vec<Value>>>,
}

/// The columns of each table as the file carries them: main tables whole,
/// child tables without their parent column.
pub type Colonne = BTreeMap<String, Vec<String>>;

/// How the exchange screens name a record of type `tipo` from its main row:
/// a person by name and codice fiscale, a servizio by action and title, an
/// incontro by its day and hours, the others by their name or title. The id
/// only when the row says nothing better.
pub fn nome_record(tipo: &str, riga: &serde_json::Map<String, Value>) -> String {
    let campo = |k: &str| {
        riga.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let unisci = |parti: &[Option<&str>], sep: &str| {
        parti
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(sep)
    };
    let nome = match tipo {
        "destinatario" => {
            let persona = unisci(&[campo("cognome"), campo("nome")], " ");
            match campo("codice_fiscale") {
                Some(cf) if !persona.is_empty() => format!("{persona} ({cf})"),
                Some(cf) => cf.to_string(),
                None => persona,
            }
        }
        "referente" => unisci(&[campo("cognome"), campo("nome")], " "),
        "servizio" => unisci(&[campo("codice_azione"), campo("titolo")], " – "),
        "incontro" => match campo("data")
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            Some(d) => {
                let ora = |k: &str| campo(k).map(|o| o.get(..5).unwrap_or(o));
                let orario = unisci(&[ora("ora_inizio"), ora("ora_fine")], "–");
                unisci(
                    &[
                        Some(d.format("%d/%m/%Y").to_string().as_str()),
                        Some(orario.as_str()).filter(|o| !o.is_empty()),
                    ],
                    " ",
                )
            }
            None => String::new(),
        },
        "ente" => match (campo("nome"), campo("codice_meccanografico")) {
            (Some(n), Some(c)) => format!("{n} ({c})"),
            (n, c) => n.or(c).unwrap_or_default().to_string(),
        },
        _ => campo("titolo")
            .or(campo("nome"))
            .unwrap_or_default()
            .to_string(),
    };
    if nome.is_empty() {
        campo("id").unwrap_or_default().to_string()
    } else {
        nome
    }
}

impl Contenuto {
    /// Its name on the exchange screens (`nome_record`).
    pub fn nome(&self, tipo: &str) -> String {
        let riga: serde_json::Map<String, Value> = self.riga.clone().into_iter().collect();
        nome_record(tipo, &riga)
    }

    /// Child rows in a fixed order, so equal content hashes equally.
    pub fn normalizza(&mut self) {
        for rows in self.figli.values_mut() {
            rows.sort_by(|a, b| cmp_row(a, b));
        }
    }

    /// SHA-256 of the content without the who-wrote-it columns.
    pub fn impronta(&self) -> String {
        let riga: BTreeMap<&str, &Value> = self
            .riga
            .iter()
            .filter(|(k, _)| !METADATI.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        let bytes = serde_json::to_vec(&(riga, &self.figli)).expect("JSON of plain values");
        hex::encode(Sha256::digest(bytes))
    }

    /// The fields (main columns, child tables) in which two versions differ.
    pub fn campi_diversi(&self, other: &Contenuto) -> Vec<String> {
        let mut out: Vec<String> = self
            .riga
            .keys()
            .chain(other.riga.keys())
            .filter(|k| !METADATI.contains(&k.as_str()))
            .filter(|k| self.riga.get(*k) != other.riga.get(*k))
            .cloned()
            .collect();
        out.extend(
            self.figli
                .keys()
                .chain(other.figli.keys())
                .filter(|k| {
                    self.figli.get(*k).unwrap_or(&vec![]) != other.figli.get(*k).unwrap_or(&vec![])
                })
                .cloned(),
        );
        out.sort();
        out.dedup();
        out
    }
}

fn cmp_row(a: &[Value], b: &[Value]) -> std::cmp::Ordering {
    a.iter()
        .zip(b)
        .map(|(x, y)| cmp_value(x, y))
        .find(|o| o.is_ne())
        .unwrap_or(a.len().cmp(&b.len()))
}

fn cmp_value(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .unwrap_or_default()
            .total_cmp(&y.as_f64().unwrap_or_default()),
        _ => rank(a).cmp(&rank(b)),
    }
}

fn rank(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Number(_) => 1,
        Value::String(_) => 2,
        _ => 3,
    }
}

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

/// Child rows by parent id.
type PerPadre = HashMap<String, Vec<Vec<Value>>>;

/// Every record of an aggregate (the full export): one scan per table.
pub fn leggi_tutti(
    conn: &Connection,
    a: &Aggregato,
    colonne: &Colonne,
) -> Result<Vec<(String, Contenuto)>> {
    let mut figli: Vec<(&str, PerPadre)> = Vec::new();
    for f in a.figli {
        let cols = &colonne[f.tabella];
        let mut st = conn.prepare(&format!(
            "SELECT {}, {} FROM {}",
            f.padre,
            select_list(cols),
            f.tabella
        ))?;
        let mut rows = st.query([])?;
        let mut by_parent: HashMap<String, Vec<Vec<Value>>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let parent: String = r.get(0)?;
            let row = (1..=cols.len())
                .map(|i| to_json(r.get_ref(i)?))
                .collect::<Result<_>>()?;
            by_parent.entry(parent).or_default().push(row);
        }
        figli.push((f.tabella, by_parent));
    }
    let names = &colonne[a.tipo];
    let mut st = conn.prepare(&format!("SELECT {} FROM {}", select_list(names), a.tipo))?;
    let mut rows = st.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let riga = riga_di(r, names)?;
        let id = riga
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let mut c = Contenuto {
            riga,
            figli: BTreeMap::new(),
        };
        for (t, by_parent) in &mut figli {
            if let Some(rows) = by_parent.remove(&id) {
                c.figli.insert(t.to_string(), rows);
            }
        }
        c.normalizza();
        out.push((id, c));
    }
    Ok(out)
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
    let id = c
        .riga
        .get("id")
        .map(to_sql)
        .transpose()?
        .unwrap_or(SqlValue::Null);
    for f in a.figli {
        tx.prepare_cached(&format!("DELETE FROM {} WHERE {} = ?1", f.tabella, f.padre))?
            .execute([&id])?;
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

#[cfg(test)]
mod tests {
    use super::nome_record;
    use serde_json::json;

    fn nome(tipo: &str, riga: serde_json::Value) -> String {
        nome_record(tipo, riga.as_object().unwrap())
    }

    #[test]
    fn records_are_named_as_a_person_reads_them() {
        assert_eq!(
            nome(
                "destinatario",
                json!({"id": "x", "cognome": "Popescu", "nome": "Ioana", "codice_fiscale": "PPSNIO10L61Z129U"})
            ),
            "Popescu Ioana (PPSNIO10L61Z129U)"
        );
        assert_eq!(
            nome(
                "servizio",
                json!({"codice_azione": "OR3", "titolo": "Seminario 3A"})
            ),
            "OR3 – Seminario 3A"
        );
        assert_eq!(
            nome(
                "incontro",
                json!({"data": "2026-11-12", "ora_inizio": "09:00:00", "ora_fine": "11:00:00"})
            ),
            "12/11/2026 09:00–11:00"
        );
        assert_eq!(
            nome(
                "ente",
                json!({"nome": "Scuola Beta", "codice_meccanografico": "BIMM80001B"})
            ),
            "Scuola Beta (BIMM80001B)"
        );
        assert_eq!(
            nome("modello", json!({"titolo": "Verso la scelta"})),
            "Verso la scelta"
        );
        assert_eq!(
            nome("referente", json!({"cognome": "Ferrero", "nome": "Marta"})),
            "Ferrero Marta"
        );
    }

    #[test]
    fn a_row_that_says_nothing_is_named_by_its_id() {
        assert_eq!(
            nome(
                "incontro",
                json!({"id": "0192-abc", "data": "non una data"})
            ),
            "0192-abc"
        );
        assert_eq!(
            nome("servizio", json!({"id": "0192-def", "titolo": "  "})),
            "0192-def"
        );
    }
}
