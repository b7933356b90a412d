//! The office's side: a desk's file merged into the consolidated database,
//! plan then apply (the plan is the preview). Per record, against the common
//! version last merged from that desk (`scambio_base`):
//! - already merged at that version or newer: skipped (a file twice, or an
//!   older file after a newer one, changes nothing);
//! - the office did not change it since: the desk's version is written;
//! - both changed it: a conflict, listed and kept for a person, not written.
//!
//! Destinatari match on the codice fiscale (DES-05), schools on the codice
//! meccanografico, list entries on the name: a desk's record under another
//! id becomes an alias and the references to it are rewritten.

mod decidi;
mod pianifica;
mod riconosci;

use super::formato::Intestazione;
use crate::context::{Ctx, Source};
use crate::domain::vocabolario::vocabolario;
use crate::error::{Error, RecordKind, Result};
use crate::store::scambio::voci::{self, Colonne};
use crate::store::scambio::{self as db, Conflitto};
use crate::store::{Store, Tx};
use pianifica::{Passo, pianifica};
use serde::{Deserialize, Serialize};
use std::path::Path;

vocabolario! {
    /// What merging a file does to one record at the office.
    AzioneUnione {
        Aggiunge = "aggiunge", "Aggiunge";
        Aggiorna = "aggiorna", "Aggiorna";
        Cancella = "cancella", "Cancella";
        /// Changed both here and at the desk since the last merge: listed, not written.
        Conflitto = "conflitto", "Conflitto";
    }
}

/// One change the file makes (or would make) at the office.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cambio {
    pub tipo: String,
    /// The office's id (after DES-05 and the other matches).
    pub id: String,
    /// What the screens show: the person, the servizio, the school (`voci::nome_record`).
    pub nome: String,
    pub azione: AzioneUnione,
}

// In TypeScript under its own name: the import's `Piano` would otherwise
// write the same binding file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PianoUnione"))]
pub struct Piano {
    pub intestazione: Intestazione,
    pub aggiunti: usize,
    pub aggiornati: usize,
    pub cancellati: usize,
    /// Same content here already.
    pub invariati: usize,
    /// Already merged at this version or a newer one (a file twice, or out of order).
    pub superati: usize,
    /// Desk records recognised as office records under another id (DES-05 …).
    pub alias: usize,
    pub conflitti: Vec<Conflitto>,
    /// The changes counted per type of record, whole.
    pub riepilogo: Vec<RiepilogoTipo>,
    /// The first changes one by one (at most `CAMBI_ELENCATI`; the counts
    /// above are whole).
    pub cambi: Vec<Cambio>,
    /// Identifies this plan: applying with an `impronta` refuses another plan.
    pub impronta: String,
}

/// How many changes a plan lists one by one: a region's file has millions,
/// a screen shows a page, and the plan stays small whatever the file.
pub const CAMBI_ELENCATI: usize = 2_000;

/// The changes to one type of record, by action.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiepilogoTipo {
    pub tipo: String,
    pub aggiunge: usize,
    pub aggiorna: usize,
    pub cancella: usize,
    pub conflitto: usize,
}

impl RiepilogoTipo {
    fn new(tipo: &str) -> Self {
        RiepilogoTipo {
            tipo: tipo.into(),
            aggiunge: 0,
            aggiorna: 0,
            cancella: 0,
            conflitto: 0,
        }
    }

    fn conta(&mut self, azione: AzioneUnione) {
        *match azione {
            AzioneUnione::Aggiunge => &mut self.aggiunge,
            AzioneUnione::Aggiorna => &mut self.aggiorna,
            AzioneUnione::Cancella => &mut self.cancella,
            AzioneUnione::Conflitto => &mut self.conflitto,
        } += 1;
    }
}

/// Verifies, decrypts and plans; writes nothing.
pub fn anteprima(store: &Store, percorso: &Path) -> Result<Piano> {
    store.con_cache(CACHE_MIB, || {
        Ok(pianifica(store, store.read(), None, percorso)?.0)
    })
}

/// The page cache of a merge, whatever the file's size (see `Store::con_cache`).
const CACHE_MIB: u32 = 64;

/// Plans again under the write lock and applies each step as it is planned,
/// in one transaction: a plan that is not the one previewed (`impronta`)
/// undoes everything.
pub fn applica(store: &Store, ctx: &Ctx, percorso: &Path, impronta: Option<&str>) -> Result<Piano> {
    let ctx = Ctx {
        source: Source::Merge,
        ..ctx.clone()
    };
    let result = store.con_cache(CACHE_MIB, || store.write(&ctx, "unisci", |tx| {
        // References are checked at commit, so a child may come before its parent.
        db::rinvia_vincoli(tx)?;
        let (piano, mut provenienza) = pianifica(store, tx, Some(tx), percorso)?;
        if impronta.is_some_and(|i| i != piano.impronta) {
            return Err(Error::dati(
                "Il database è cambiato dall'anteprima: guarda di nuovo l'anteprima prima di unire.",
            ));
        }
        provenienza.ricevuto_il = tx.at().to_string();
        db::registra_provenienza(tx, &provenienza)?;
        Ok(piano)
    }));
    result.map_err(|e| match e {
        Error::Database { message } if message.contains("FOREIGN KEY") => Error::rifiutato(
            "File di scambio rifiutato: contiene record che rimandano ad altri non ancora ricevuti \
             (manca un file precedente di questo sportello: unisci prima l'esportazione completa). \
             Non è stato importato nulla.",
        ),
        e => e,
    })
}

/// One record written, deleted or listed as a conflict; the common version
/// with the desk (`scambio_base`) moves to the file's.
fn scrivi_passo(tx: &Tx, passo: &Passo, origine: &str, colonne: &Colonne) -> Result<()> {
    match passo {
        Passo::Scrivi {
            agg,
            id,
            seq,
            contenuto,
            hash,
        } => {
            voci::scrivi(tx, agg, contenuto, colonne)?;
            tx.log(kind(agg.tipo), id.parse().map_err(|_| bad_id())?, "unito")?;
            db::set_base(tx, agg.tipo, id, origine, *seq, Some(hash))
        }
        Passo::Cancella { agg, id, seq } => {
            voci::cancella(tx, agg.tipo, id)?;
            tx.log(
                kind(agg.tipo),
                id.parse().map_err(|_| bad_id())?,
                "cancellato (unito)",
            )?;
            db::set_base(tx, agg.tipo, id, origine, *seq, None)
        }
        Passo::Base {
            tipo,
            id,
            seq,
            hash,
        } => db::set_base(tx, tipo, id, origine, *seq, hash.as_deref()),
        Passo::Conflitto(c) => db::registra_conflitto(tx, c),
        Passo::Nulla => Ok(()),
    }
}

fn bad_id() -> Error {
    Error::rifiutato(
        "File di scambio rifiutato: contiene un identificativo non valido. Non è stato importato nulla.",
    )
}

fn kind(tipo: &str) -> RecordKind {
    serde_json::from_value(serde_json::Value::String(tipo.into())).unwrap_or(RecordKind::Servizio)
}

fn tipo_sconosciuto(tipo: &str) -> Error {
    Error::rifiutato(format!(
        "File di scambio rifiutato: contiene record di tipo «{tipo}», sconosciuto a questa versione di Sportello. \
         Non è stato importato nulla."
    ))
}
