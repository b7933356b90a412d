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

use super::chiavi;
use super::formato::{self, Intestazione, VoceScambio};
use crate::context::{Ctx, Source};
use crate::domain::vocabolario::vocabolario;
use crate::error::{Error, RecordKind, Result};
use crate::store::Store;
use crate::store::scambio::tabelle::{AGGREGATI, Aggregato, aggregato};
use crate::store::scambio::voci::{self, Colonne, Contenuto};
use crate::store::scambio::{self as db, Conflitto, Provenienza};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
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

/// What apply does for one record (the plan with the content in hand).
enum Passo {
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

struct Pianificato {
    piano: Piano,
    passi: Vec<Passo>,
    alias: Vec<(&'static str, String, String)>,
    provenienza: Provenienza,
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
        db::rinvia_vincoli(tx)?;
        let colonne = voci::colonne(tx)?;
        let origine = &p.provenienza.sportello;
        for (tipo, alias, id) in &p.alias {
            db::set_alias(tx, tipo, alias, id, origine)?;
        }
        for passo in &p.passi {
            match passo {
                Passo::Scrivi { agg, id, seq, contenuto, hash } => {
                    voci::scrivi(tx, agg, contenuto, &colonne)?;
                    tx.log(kind(agg.tipo), id.parse().map_err(|_| bad_id())?, "unito")?;
                    db::set_base(tx, agg.tipo, id, origine, *seq, Some(hash))?;
                }
                Passo::Cancella { agg, id, seq } => {
                    voci::cancella(tx, agg.tipo, id)?;
                    tx.log(kind(agg.tipo), id.parse().map_err(|_| bad_id())?, "cancellato (unito)")?;
                    db::set_base(tx, agg.tipo, id, origine, *seq, None)?;
                }
                Passo::Base { tipo, id, seq, hash } => db::set_base(tx, tipo, id, origine, *seq, hash.as_deref())?,
                Passo::Conflitto(c) => db::registra_conflitto(tx, c)?,
            }
        }
        let mut prov = p.provenienza.clone();
        prov.ricevuto_il = tx.at().to_string();
        db::registra_provenienza(tx, &prov)?;
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

fn pianifica(
    store: &Store,
    conn: &Connection,
    bytes: &[u8],
    percorso: &Path,
) -> Result<Pianificato> {
    let file = formato::verifica(bytes)?;
    let h = file.intestazione.clone();
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
    let identita = chiavi::identita_ufficio(store)?.ok_or_else(|| {
        Error::dati("Questa installazione non è un ufficio regionale: crea prima le chiavi dell'ufficio (Scambio dati › Ufficio regionale).")
    })?;
    let carico = file.apri(&identita)?;
    voci::controlla_colonne(conn, &carico.colonne)?;
    let colonne = carico.colonne;
    let mut voci_file = carico.voci;
    // Upserts parents first, deletions children first.
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
    let mut piano = Piano {
        intestazione: h.clone(),
        aggiunti: 0,
        aggiornati: 0,
        cancellati: 0,
        invariati: 0,
        superati: 0,
        alias: ctx.alias.len(),
        conflitti: Vec::new(),
        cambi: Vec::new(),
        impronta: String::new(),
    };
    let mut passi = Vec::new();
    for v in voci_file {
        ctx.passo(v, &mut piano, &mut passi)?;
    }
    let mut hasher = Sha256::new();
    hasher.update(h.sha256.as_bytes());
    hasher.update(serde_json::to_vec(&(
        &piano.cambi,
        &piano.conflitti,
        piano.alias,
    ))?);
    piano.impronta = hex::encode(hasher.finalize());
    let provenienza = Provenienza {
        sportello: h.sportello.clone(),
        chiave_pubblica: h.chiave_pubblica.clone(),
        ente_attuatore_id: h.ente_attuatore_id.clone(),
        ente_nome: h.ente_nome.clone(),
        seq_da: h.seq_da,
        seq_a: h.seq_a,
        completo: h.completo,
        creato_il: h.creato_il.clone(),
        ricevuto_il: String::new(),
        file: ctx.file.clone(),
        impronta: h.sha256.clone(),
    };
    Ok(Pianificato {
        piano,
        passi,
        alias: ctx.alias,
        provenienza,
    })
}

struct Pianifica<'a> {
    conn: &'a Connection,
    origine: &'a str,
    file: Option<String>,
    /// Desk id → office id, for the records matched under another id.
    mappa: HashMap<String, String>,
    alias: Vec<(&'static str, String, String)>,
    colonne: &'a Colonne,
}

impl Pianifica<'_> {
    /// First pass: the records that are the office's under another id (DES-05 …).
    fn riconosci(&mut self, v: &VoceScambio) -> Result<()> {
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
            self.mappa.insert(v.id.clone(), id.clone());
            self.alias.push((agg.tipo, v.id.clone(), id));
        }
        Ok(())
    }

    /// The office id of a desk id (itself unless matched).
    fn ufficio(&mut self, id: &str) -> Result<String> {
        if let Some(m) = self.mappa.get(id) {
            return Ok(m.clone());
        }
        Ok(db::alias(self.conn, id)?.unwrap_or_else(|| id.to_string()))
    }

    /// Rewrites the references to matched records; the content as the office will hold it.
    fn rimappa(&mut self, agg: &Aggregato, c: &mut Contenuto) -> Result<()> {
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
            let cols = &self.colonne[f.tabella];
            for (col, _) in f.riferimenti {
                let Some(i) = cols.iter().position(|c| c == col) else {
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

    /// Second pass: what to do with one record.
    fn passo(&mut self, v: VoceScambio, piano: &mut Piano, passi: &mut Vec<Passo>) -> Result<()> {
        let agg = aggregato(&v.tipo).ok_or_else(|| tipo_sconosciuto(&v.tipo))?;
        let mut contenuto = v.contenuto;
        if let Some(c) = &mut contenuto {
            voci::controlla_riga(agg, c, self.colonne)?;
            if c.riga.get("id").and_then(|i| i.as_str()) != Some(v.id.as_str()) {
                return Err(bad_id());
            }
            self.rimappa(agg, c)?;
        }
        let id = self.ufficio(&v.id)?;
        let aliased = id != v.id;
        let base = db::base(self.conn, agg.tipo, &id, self.origine)?;
        if base.as_ref().is_some_and(|(seq, _)| *seq >= v.seq) {
            piano.superati += 1;
            return Ok(());
        }
        let base_hash = base.and_then(|b| b.1);
        let ufficio = voci::leggi_uno(self.conn, agg, &id, self.colonne)?;
        let hash_ufficio = ufficio.as_ref().map(Contenuto::impronta);
        let nome = contenuto
            .as_ref()
            .or(ufficio.as_ref())
            .map_or_else(|| id.clone(), |c| c.nome(agg.tipo));
        let hash_file = contenuto.as_ref().map(Contenuto::impronta);
        let base_passo = |hash: Option<String>| Passo::Base {
            tipo: agg.tipo,
            id: id.clone(),
            seq: v.seq,
            hash,
        };
        let azione = match (&ufficio, contenuto) {
            (None, None) => {
                piano.invariati += 1;
                passi.push(base_passo(None));
                return Ok(());
            }
            (Some(_), None) if aliased => {
                // The desk dropped its copy of an office person: the office keeps it.
                piano.invariati += 1;
                passi.push(base_passo(None));
                return Ok(());
            }
            (_, Some(_)) if hash_ufficio == hash_file => {
                piano.invariati += 1;
                passi.push(base_passo(hash_file));
                return Ok(());
            }
            (None, Some(c)) if base_hash.is_none() => {
                let hash = hash_file.unwrap_or_default();
                passi.push(Passo::Scrivi {
                    agg,
                    id: id.clone(),
                    seq: v.seq,
                    contenuto: c,
                    hash,
                });
                AzioneUnione::Aggiunge
            }
            (Some(_), Some(c)) if base_hash == hash_ufficio => {
                let hash = hash_file.unwrap_or_default();
                passi.push(Passo::Scrivi {
                    agg,
                    id: id.clone(),
                    seq: v.seq,
                    contenuto: c,
                    hash,
                });
                AzioneUnione::Aggiorna
            }
            (Some(_), None) if base_hash == hash_ufficio => {
                passi.push(Passo::Cancella {
                    agg,
                    id: id.clone(),
                    seq: v.seq,
                });
                AzioneUnione::Cancella
            }
            (ufficio, arrivo) => {
                let campi = match (ufficio, &arrivo) {
                    (Some(u), Some(a)) => u.campi_diversi(a),
                    _ => vec!["(cancellato)".into()],
                };
                let c = Conflitto {
                    tipo: agg.tipo.into(),
                    id: id.clone(),
                    nome: nome.clone(),
                    origine: self.origine.into(),
                    seq: v.seq,
                    campi,
                    ufficio: ufficio.as_ref().map(serde_json::to_value).transpose()?,
                    arrivo: arrivo.as_ref().map(serde_json::to_value).transpose()?,
                    file: self.file.clone(),
                };
                piano.conflitti.push(c.clone());
                passi.push(Passo::Conflitto(c));
                AzioneUnione::Conflitto
            }
        };
        match azione {
            AzioneUnione::Aggiunge => piano.aggiunti += 1,
            AzioneUnione::Aggiorna => piano.aggiornati += 1,
            AzioneUnione::Cancella => piano.cancellati += 1,
            AzioneUnione::Conflitto => {}
        }
        piano.cambi.push(Cambio {
            tipo: agg.tipo.into(),
            id,
            nome,
            azione,
        });
        Ok(())
    }
}

fn tipo_sconosciuto(tipo: &str) -> Error {
    Error::rifiutato(format!(
        "File di scambio rifiutato: contiene record di tipo «{tipo}», sconosciuto a questa versione di Sportello. \
         Non è stato importato nulla."
    ))
}
