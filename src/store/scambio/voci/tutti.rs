//! Every record of an aggregate, one at a time (the full export): the main
//! table in id order beside each child table in parent order, walked
//! together like a merge, so memory holds one record however large the
//! database.

use super::{Colonne, Contenuto, riga_di, select_list, to_json};
use crate::error::Result;
use crate::store::scambio::tabelle::Aggregato;
use rusqlite::{Connection, Rows};
use serde_json::Value;
use std::collections::BTreeMap;

/// Calls `voce` with each record of `a`: its id, the change that last
/// touched it up to `fino` (0 if none did) and its content.
pub fn per_ogni(
    conn: &Connection,
    a: &Aggregato,
    colonne: &Colonne,
    fino: i64,
    mut voce: impl FnMut(String, i64, Contenuto) -> Result<()>,
) -> Result<()> {
    let mut figli_st = a
        .figli
        .iter()
        .map(|f| {
            conn.prepare(&format!(
                "SELECT {}, {} FROM {} ORDER BY {}",
                f.padre,
                select_list(&colonne[f.tabella]),
                f.tabella,
                f.padre
            ))
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut figli = Vec::with_capacity(figli_st.len());
    for (f, st) in a.figli.iter().zip(figli_st.iter_mut()) {
        figli.push(Figli::apri(
            st.query([])?,
            f.tabella,
            colonne[f.tabella].len(),
        )?);
    }
    let names = &colonne[a.tipo];
    // The version is looked up per record: the change log's index on
    // record_id keeps its seqs (the rowid) in order.
    let mut st = conn.prepare(&format!(
        "SELECT {}, (SELECT MAX(l.seq) FROM change_log l WHERE l.record_id = t.id AND l.seq <= ?1)
         FROM {} t ORDER BY t.id",
        select_list(names),
        a.tipo
    ))?;
    let mut rows = st.query([fino])?;
    while let Some(r) = rows.next()? {
        let riga = riga_di(r, names)?;
        let seq: Option<i64> = r.get(names.len())?;
        let id = riga
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let mut c = Contenuto {
            riga,
            figli: BTreeMap::new(),
        };
        for f in &mut figli {
            let righe = f.di(&id)?;
            if !righe.is_empty() {
                c.figli.insert(f.tabella.to_string(), righe);
            }
        }
        c.normalizza();
        voce(id, seq.unwrap_or(0), c)?;
    }
    Ok(())
}

/// A child table read in parent order, one row ahead.
struct Figli<'s> {
    rows: Rows<'s>,
    tabella: &'static str,
    colonne: usize,
    prossima: Option<(String, Vec<Value>)>,
}

impl<'s> Figli<'s> {
    fn apri(rows: Rows<'s>, tabella: &'static str, colonne: usize) -> Result<Self> {
        let mut f = Figli {
            rows,
            tabella,
            colonne,
            prossima: None,
        };
        f.avanza()?;
        Ok(f)
    }

    fn avanza(&mut self) -> Result<()> {
        self.prossima = match self.rows.next()? {
            Some(r) => Some((
                r.get(0)?,
                (1..=self.colonne)
                    .map(|i| to_json(r.get_ref(i)?))
                    .collect::<Result<_>>()?,
            )),
            None => None,
        };
        Ok(())
    }

    /// The rows of parent `id`; rows of parents that sort before it (none
    /// in a sound database) are passed over.
    fn di(&mut self, id: &str) -> Result<Vec<Vec<Value>>> {
        let mut out = Vec::new();
        while let Some((padre, _)) = &self.prossima {
            match padre.as_str().cmp(id) {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => out.push(self.prossima.take().expect("peeked").1),
                std::cmp::Ordering::Greater => break,
            }
            self.avanza()?;
        }
        Ok(out)
    }
}
