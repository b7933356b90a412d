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
use pianifica::{Passo, Pianificato, pianifica};
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
    pub cambi: Vec<Cambio>,
    /// Identifies this plan: applying with an `impronta` refuses another plan.
    pub impronta: String,
}

/// Verifies, decrypts and plans; writes nothing.
pub fn anteprima(store: &Store, percorso: &Path) -> Result<Piano> {
    let bytes = leggi_file(percorso)?;
    Ok(pianifica(store, store.read(), &bytes, percorso)?.piano)
}

/// Plans again under the write lock and applies, in one transaction.
pub fn applica(store: &Store, ctx: &Ctx, percorso: &Path, impronta: Option<&str>) -> Result<Piano> {
    let bytes = leggi_file(percorso)?;
    let ctx = Ctx {
        source: Source::Merge,
        ..ctx.clone()
    };
    let result = store.write(&ctx, "unisci", |tx| {
        let p = pianifica(store, tx, &bytes, percorso)?;
        if impronta.is_some_and(|i| i != p.piano.impronta) {
            return Err(Error::dati(
                "Il database è cambiato dall'anteprima: guarda di nuovo l'anteprima prima di unire.",
            ));
        }
        scrivi_piano(tx, &p)?;
        Ok(p.piano)
    });
    result.map_err(|e| match e {
        Error::Database { message } if message.contains("FOREIGN KEY") => Error::rifiutato(
            "File di scambio rifiutato: contiene record che rimandano ad altri non ancora ricevuti \
             (manca un file precedente di questo sportello: unisci prima l'esportazione completa). \
             Non è stato importato nulla.",
        ),
        e => e,
    })
}

/// Writes a plan inside the merge's transaction: the aliases, each step, and
/// who sent the file. References are checked at commit, so a child may come
/// before its parent within the file.
fn scrivi_piano(tx: &Tx, p: &Pianificato) -> Result<()> {
    db::rinvia_vincoli(tx)?;
    let colonne = voci::colonne(tx)?;
    let origine = &p.provenienza.sportello;
    for (tipo, alias, id) in &p.alias {
        db::set_alias(tx, tipo, alias, id, origine)?;
    }
    for passo in &p.passi {
        scrivi_passo(tx, passo, origine, &colonne)?;
    }
    let mut prov = p.provenienza.clone();
    prov.ricevuto_il = tx.at().to_string();
    db::registra_provenienza(tx, &prov)
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

fn leggi_file(percorso: &Path) -> Result<Vec<u8>> {
    std::fs::read(percorso).map_err(|e| {
        Error::dati(format!(
            "Non riesco a leggere {}: {}.",
            percorso.display(),
            crate::error::io_it(&e)
        ))
    })
}

fn tipo_sconosciuto(tipo: &str) -> Error {
    Error::rifiutato(format!(
        "File di scambio rifiutato: contiene record di tipo «{tipo}», sconosciuto a questa versione di Sportello. \
         Non è stato importato nulla."
    ))
}
