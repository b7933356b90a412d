//! Which office record a desk's record is: under the same id, under an alias
//! made by an earlier merge, or matched now on its natural key (DES-05 for
//! destinatari); and the references of the desk's content rewritten to the
//! office's ids.

use super::pianifica::Pianifica;
use super::tipo_sconosciuto;
use crate::error::Result;
use crate::scambio::formato::VoceScambio;
use crate::store::scambio as db;
use crate::store::scambio::tabelle::{Aggregato, aggregato};
use crate::store::scambio::voci::{self, Contenuto};

impl Pianifica<'_> {
    /// Whether a record is the office's under another id (DES-05 …).
    pub(super) fn riconosci(&mut self, v: &VoceScambio) -> Result<()> {
        let agg = aggregato(&v.tipo).ok_or_else(|| tipo_sconosciuto(&v.tipo))?;
        let (Some(col), Some(c)) = (agg.chiave_naturale, &v.contenuto) else {
            return Ok(());
        };
        if let Some(id) = db::alias(self.conn, &v.id)? {
            self.mappa.insert(v.id.clone(), id);
            return Ok(());
        }
        if voci::esiste(self.conn, agg.tipo, &v.id)? {
            return Ok(());
        }
        let Some(valore) = c.riga.get(col).filter(|v| !v.is_null()) else {
            return Ok(());
        };
        if let Some(id) = voci::per_chiave(self.conn, agg.tipo, col, valore)? {
            self.alias_trovato(agg.tipo, &v.id, &id)?;
        }
        Ok(())
    }

    /// The office id of a desk id (itself unless matched).
    pub(super) fn ufficio(&mut self, id: &str) -> Result<String> {
        if let Some(m) = self.mappa.get(id) {
            return Ok(m.clone());
        }
        Ok(db::alias(self.conn, id)?.unwrap_or_else(|| id.to_string()))
    }

    /// Rewrites the references to matched records; the content as the office will hold it.
    pub(super) fn rimappa(&mut self, agg: &Aggregato, c: &mut Contenuto) -> Result<()> {
        if self.mappa.is_empty() && !self.alias_noti()? {
            return Ok(());
        }
        if agg.chiave_naturale.is_some()
            && let Some(serde_json::Value::String(id)) = c.riga.get("id")
        {
            let id = self.ufficio(id)?;
            c.riga.insert("id".into(), id.into());
        }
        for (col, _) in agg.riferimenti {
            if let Some(serde_json::Value::String(id)) = c.riga.get(*col) {
                let id = self.ufficio(id)?;
                c.riga.insert((*col).into(), id.into());
            }
        }
        for f in agg.figli {
            let Some(rows) = c.figli.get_mut(f.tabella) else {
                continue;
            };
            for (col, _) in f.riferimenti {
                let Some(i) = self.colonne[f.tabella].iter().position(|c| c == col) else {
                    continue;
                };
                for row in rows.iter_mut() {
                    if let Some(serde_json::Value::String(id)) = row.get(i) {
                        let id = self.ufficio(id)?;
                        row[i] = id.into();
                    }
                }
            }
        }
        c.normalizza();
        Ok(())
    }

    /// Whether the office holds any alias at all (if not, nothing to rewrite).
    fn alias_noti(&self) -> Result<bool> {
        db::alias_noti(self.conn)
    }
}
