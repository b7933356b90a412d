//! The plan of a merge, made as the file is read: the file verified, then its
//! records decrypted one at a time, each matched (`riconosci`) and decided
//! (`decidi`) as it comes; when applying, each step is written at once
//! (inside the merge's transaction). Deletions wait for the end, children
//! first. Memory holds the plan's counts and its first changes, not the file.

use super::{Piano, RiepilogoTipo, scrivi_passo};
use crate::error::{Error, Result};
use crate::scambio::chiavi;
use crate::scambio::formato::{self, Destinazione, Intestazione, VoceScambio};
use crate::store::scambio::tabelle::{AGGREGATI, Aggregato};
use crate::store::scambio::voci::{self, Colonne, Contenuto};
use crate::store::scambio::{self as db, Conflitto, Provenienza};
use crate::store::{Store, Tx};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// What apply does for one record.
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
    /// Already merged at this version or a newer one.
    Nulla,
}

/// What planning knows while it goes through the file's records.
pub(super) struct Pianifica<'a> {
    pub conn: &'a Connection,
    /// Set when applying: each step is written as soon as it is decided.
    pub scrittura: Option<&'a Tx<'a>>,
    pub origine: &'a str,
    pub file: Option<String>,
    /// Desk id → office id, for the records matched under another id.
    pub mappa: HashMap<String, String>,
    /// Records matched under another id in this file.
    pub alias: usize,
    pub colonne: Colonne,
    pub piano: Piano,
    /// The plan's fingerprint, fed with each change as it is listed.
    pub impronta: Sha256,
    /// The aggregate of the last record read: files come parents first.
    ultimo: usize,
    cancellazioni: Vec<VoceScambio>,
}

/// Plans the merge of the file at `percorso` against `conn`; writes each step
/// through `scrittura` when given (then `conn` is that transaction).
pub(super) fn pianifica<'a>(
    store: &Store,
    conn: &'a Connection,
    scrittura: Option<&'a Tx<'a>>,
    percorso: &Path,
) -> Result<(Piano, Provenienza)> {
    let file = formato::verifica(percorso)?;
    let h = file.intestazione.clone();
    stessa_chiave_di_firma(conn, &h)?;
    let identita = chiavi::identita_ufficio(store)?.ok_or_else(|| {
        Error::dati("Questa installazione non è un ufficio regionale: crea prima le chiavi dell'ufficio (Scambio dati › Ufficio regionale).")
    })?;
    let nome_file = percorso
        .file_name()
        .map(|f| f.to_string_lossy().into_owned());
    let mut p = Pianifica {
        conn,
        scrittura,
        origine: &h.sportello,
        file: nome_file.clone(),
        mappa: HashMap::new(),
        alias: 0,
        colonne: Colonne::new(),
        piano: piano_vuoto(&h),
        impronta: Sha256::new(),
        ultimo: 0,
        cancellazioni: Vec::new(),
    };
    p.impronta.update(h.sha256.as_bytes());
    file.apri(&identita, &mut p)?;
    p.cancella()?;
    let mut piano = p.piano;
    piano.alias = p.alias;
    p.impronta
        .update(serde_json::to_vec(&(&piano.conflitti, piano.alias))?);
    piano.impronta = hex::encode(p.impronta.finalize());
    Ok((piano, provenienza(&h, nome_file)))
}

impl Destinazione for Pianifica<'_> {
    fn colonne(&mut self, colonne: Colonne) -> Result<()> {
        voci::controlla_colonne(self.conn, &colonne)?;
        self.colonne = colonne;
        Ok(())
    }

    fn voce(&mut self, v: VoceScambio) -> Result<()> {
        if self.colonne.is_empty() {
            return Err(fuori_ordine());
        }
        let posizione = AGGREGATI
            .iter()
            .position(|a| a.tipo == v.tipo)
            .ok_or_else(|| super::tipo_sconosciuto(&v.tipo))?;
        // A reference is rewritten only if what it names was matched before.
        if posizione < self.ultimo {
            return Err(fuori_ordine());
        }
        self.ultimo = posizione;
        if v.contenuto.is_none() {
            self.cancellazioni.push(v);
            return Ok(());
        }
        self.riconosci(&v)?;
        self.esegui(v)
    }
}

impl Pianifica<'_> {
    /// Decides one record and, when applying, writes its step.
    fn esegui(&mut self, v: VoceScambio) -> Result<()> {
        let passo = self.passo(v)?;
        if let Some(tx) = self.scrittura {
            scrivi_passo(tx, &passo, self.origine, &self.colonne)?;
        }
        Ok(())
    }

    /// The deletions, children before parents.
    fn cancella(&mut self) -> Result<()> {
        let mut cancellazioni = std::mem::take(&mut self.cancellazioni);
        cancellazioni
            .sort_by_key(|v| std::cmp::Reverse(AGGREGATI.iter().position(|a| a.tipo == v.tipo)));
        for v in cancellazioni {
            self.esegui(v)?;
        }
        Ok(())
    }

    /// A record matched under another id: counted, and kept when applying.
    pub(super) fn alias_trovato(
        &mut self,
        tipo: &'static str,
        desk: &str,
        ufficio: &str,
    ) -> Result<()> {
        self.mappa.insert(desk.to_string(), ufficio.to_string());
        self.alias += 1;
        if let Some(tx) = self.scrittura {
            db::set_alias(tx, tipo, desk, ufficio, self.origine)?;
        }
        Ok(())
    }

    /// A change listed in the plan: counted under its type and action, fed
    /// to the fingerprint, and kept among the first ones the screen lists.
    pub(super) fn elenca(&mut self, cambio: super::Cambio) -> Result<()> {
        self.impronta.update(serde_json::to_vec(&cambio)?);
        let piano = &mut self.piano;
        let i = match piano.riepilogo.iter().position(|r| r.tipo == cambio.tipo) {
            Some(i) => i,
            None => {
                piano.riepilogo.push(RiepilogoTipo::new(&cambio.tipo));
                piano.riepilogo.len() - 1
            }
        };
        piano.riepilogo[i].conta(cambio.azione);
        if piano.cambi.len() < super::CAMBI_ELENCATI {
            piano.cambi.push(cambio);
        }
        Ok(())
    }
}

fn fuori_ordine() -> Error {
    Error::rifiutato(
        "File di scambio rifiutato: i record non sono nell'ordine in cui Sportello li scrive \
         (prima le tabelle, poi i record che le usano). Non è stato importato nulla.",
    )
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

fn piano_vuoto(h: &Intestazione) -> Piano {
    Piano {
        intestazione: h.clone(),
        aggiunti: 0,
        aggiornati: 0,
        cancellati: 0,
        invariati: 0,
        superati: 0,
        alias: 0,
        conflitti: Vec::new(),
        riepilogo: Vec::new(),
        cambi: Vec::new(),
        impronta: String::new(),
    }
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
