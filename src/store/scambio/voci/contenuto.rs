//! What a record says, as the exchange carries it: its main row and child
//! rows, their fixed order and fingerprint (so equal content hashes equally),
//! the fields in which two versions differ, and the name the screens give it.

use crate::store::scambio::tabelle::METADATI;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// What a record says: its main row by column name and its child rows, by
/// child table, in the column order of `Colonne` (parent column left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contenuto {
    pub riga: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub figli: BTreeMap<String, Vec<Vec<Value>>>,
}

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
