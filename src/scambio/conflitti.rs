//! Resolving a conflict of a merge: a person chooses the office's version or
//! the desk's. Choosing the office's keeps its record and marks the desk's
//! version as seen (a later change at the desk is a conflict again, since the
//! office still differs); choosing the desk's writes it, as the merge would
//! have. Either way the conflict leaves the list, and the change log says who
//! chose what.

use crate::context::{Ctx, Source};
use crate::error::{Error, RecordKind, Result};
use crate::store::Store;
use crate::store::scambio::{self as db, tabelle, voci};
use serde::{Deserialize, Serialize};

/// Whose version wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Scelta {
    Ufficio,
    Sportello,
}

pub fn risolvi(
    store: &Store,
    ctx: &Ctx,
    tipo: &str,
    id: &str,
    origine: &str,
    scelta: Scelta,
) -> Result<()> {
    let ctx = Ctx {
        source: Source::Merge,
        ..ctx.clone()
    };
    store.write(&ctx, "risolvi_conflitto", |tx| {
        let c = db::conflitto(tx, tipo, id, origine)?.ok_or_else(|| {
            Error::dati(
                "Questo conflitto non c'è più: forse è già stato risolto. Aggiorna l'elenco.",
            )
        })?;
        let agg = tabelle::aggregato(&c.tipo)
            .ok_or_else(|| Error::dati(format!("Tipo di record sconosciuto «{}».", c.tipo)))?;
        let arrivo: Option<voci::Contenuto> =
            c.arrivo.clone().map(serde_json::from_value).transpose()?;
        let hash = arrivo.as_ref().map(voci::Contenuto::impronta);
        let record: crate::ids::Id =
            c.id.parse()
                .map_err(|_| Error::dati("Identificativo del conflitto non valido."))?;
        let kind: RecordKind = serde_json::from_value(serde_json::Value::String(c.tipo.clone()))
            .unwrap_or(RecordKind::Servizio);
        if scelta == Scelta::Sportello {
            db::rinvia_vincoli(tx)?;
            match &arrivo {
                Some(contenuto) => voci::scrivi(tx, agg, contenuto, &voci::colonne(tx)?)?,
                None => voci::cancella(tx, agg.tipo, &c.id)?,
            }
        }
        db::set_base(tx, agg.tipo, &c.id, &c.origine, c.seq, hash.as_deref())?;
        db::cancella_conflitto(tx, &c.tipo, &c.id, &c.origine)?;
        let detail = match scelta {
            Scelta::Ufficio => "conflitto risolto: tenuta la versione dell'ufficio",
            Scelta::Sportello => "conflitto risolto: presa la versione dello sportello",
        };
        tx.log(kind, record, detail)
    })
}
