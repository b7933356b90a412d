//! The plan of a merge: the file verified and opened, its records in the
//! order they can be written, matched (`riconosci`) then decided one by one
//! (`decidi`), and the plan's fingerprint.

use super::Piano;
use crate::error::{Error, Result};
use crate::scambio::chiavi;
use crate::scambio::formato::{self, Intestazione, VoceScambio};
use crate::store::Store;
use crate::store::scambio::tabelle::{AGGREGATI, Aggregato};
use crate::store::scambio::voci::{self, Colonne, Contenuto};
use crate::store::scambio::{self as db, Conflitto, Provenienza};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// What apply does for one record (the plan with the content in hand).
pub(super) enum Passo {
    Scrivi {
        agg: &'static Aggregato,
        id: String,
        seq: i64,
        contenuto: Contenuto,
        hash: String,
    },
    Cancella {
        agg: &'static Aggregato,
        id: String,
        seq: i64,
    },
    Base {
        tipo: &'static str,
        id: String,
        seq: i64,
        hash: Option<String>,
    },
    Conflitto(Conflitto),
}

pub(super) struct Pianificato {
    pub piano: Piano,
    pub passi: Vec<Passo>,
    pub alias: Vec<(&'static str, String, String)>,
    pub provenienza: Provenienza,
}

/// What planning knows while it goes through the file's records.
pub(super) struct Pianifica<'a> {
    pub conn: &'a Connection,
    pub origine: &'a str,
    pub file: Option<String>,
    /// Desk id → office id, for the records matched under another id.
    pub mappa: HashMap<String, String>,
    pub alias: Vec<(&'static str, String, String)>,
    pub colonne: &'a Colonne,
}

pub(super) fn pianifica(
    store: &Store,
    conn: &Connection,
    bytes: &[u8],
    percorso: &Path,
) -> Result<Pianificato> {
    let file = formato::verifica(bytes)?;
    let h = file.intestazione.clone();
    stessa_chiave_di_firma(conn, &h)?;
    let identita = chiavi::identita_ufficio(store)?.ok_or_else(|| {
        Error::dati("Questa installazione non è un ufficio regionale: crea prima le chiavi dell'ufficio (Scambio dati › Ufficio regionale).")
    })?;
    let carico = file.apri(&identita)?;
    voci::controlla_colonne(conn, &carico.colonne)?;
    let colonne = carico.colonne;
    let mut voci_file = carico.voci;
    in_ordine_di_scrittura(&mut voci_file);
    let mut ctx = Pianifica {
        conn,
        origine: &h.sportello,
        file: percorso
            .file_name()
            .map(|f| f.to_string_lossy().into_owned()),
        mappa: HashMap::new(),
        alias: Vec::new(),
        colonne: &colonne,
    };
    for v in &voci_file {
        ctx.riconosci(v)?;
    }
    let mut piano = piano_vuoto(&h, ctx.alias.len());
    let mut passi = Vec::new();
    for v in voci_file {
        ctx.passo(v, &mut piano, &mut passi)?;
    }
    piano.impronta = impronta(&h, &piano)?;
    Ok(Pianificato {
        piano,
        passi,
        provenienza: provenienza(&h, ctx.file.clone()),
        alias: ctx.alias,
    })
}

/// A desk already known signs with the key it was first seen with: another
/// key is a forgery or a reinstalled desk, for a person to check.
fn stessa_chiave_di_firma(conn: &Connection, h: &Intestazione) -> Result<()> {
    if let Some(p) = db::provenienza(conn, &h.sportello)?
        && p.chiave_pubblica != h.chiave_pubblica
    {
        return Err(Error::rifiutato(format!(
            "File di scambio rifiutato: lo sportello {} ({}) è già noto con un'altra chiave di firma. \
             Può essere un file contraffatto, o lo sportello è stato reinstallato: verificalo con l'ente \
             prima di accettare la nuova chiave. Non è stato importato nulla.",
            h.sportello,
            h.ente_nome.as_deref().unwrap_or("ente sconosciuto")
        )));
    }
    Ok(())
}

/// Upserts parents first, deletions children first.
fn in_ordine_di_scrittura(voci_file: &mut [VoceScambio]) {
    voci_file.sort_by_key(|v| {
        let pos = AGGREGATI
            .iter()
            .position(|a| a.tipo == v.tipo)
            .unwrap_or(usize::MAX) as i64;
        if v.contenuto.is_some() {
            (0, pos)
        } else {
            (1, -pos)
        }
    });
}

fn piano_vuoto(h: &Intestazione, alias: usize) -> Piano {
    Piano {
        intestazione: h.clone(),
        aggiunti: 0,
        aggiornati: 0,
        cancellati: 0,
        invariati: 0,
        superati: 0,
        alias,
        conflitti: Vec::new(),
        cambi: Vec::new(),
        impronta: String::new(),
    }
}

/// The file's checksum with what the plan would do: the same file against
/// another state of the office is another plan.
fn impronta(h: &Intestazione, piano: &Piano) -> Result<String> {
    let mut hasher = Sha256::new();
    hasher.update(h.sha256.as_bytes());
    hasher.update(serde_json::to_vec(&(
        &piano.cambi,
        &piano.conflitti,
        piano.alias,
    ))?);
    Ok(hex::encode(hasher.finalize()))
}

/// Who sent the file, as the office records it once the merge is applied.
fn provenienza(h: &Intestazione, file: Option<String>) -> Provenienza {
    Provenienza {
        sportello: h.sportello.clone(),
        chiave_pubblica: h.chiave_pubblica.clone(),
        ente_attuatore_id: h.ente_attuatore_id.clone(),
        ente_nome: h.ente_nome.clone(),
        seq_da: h.seq_da,
        seq_a: h.seq_a,
        completo: h.completo,
        creato_il: h.creato_il.clone(),
        ricevuto_il: String::new(),
        file,
        impronta: h.sha256.clone(),
    }
}
