//! The desk's side: everything, or what changed since the last export to the
//! same destination, as an encrypted and signed file for the regional office.
//! What changed comes from the change log: a record named there after the
//! last export travels whole, or as a deletion if it is gone.

use super::chiavi;
use super::formato::{self, Intestazione, Scrittore, VoceScambio};
use crate::context::Ctx;
use crate::error::Result;
use crate::store::Store;
use crate::store::scambio::voci::{self, Colonne};
use crate::store::scambio::{self as db, tabelle::AGGREGATI};
use crate::uscita::InCorso;
use age::x25519;
use ed25519_dalek::SigningKey;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::io::Seek;
use std::path::Path;

pub const DESTINAZIONE: &str = "ufficio-regionale";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Esportato {
    pub percorso: String,
    pub destinazione: String,
    pub completo: bool,
    pub seq_da: i64,
    pub seq_a: i64,
    pub voci: usize,
    pub cancellazioni: usize,
    pub byte: u64,
    pub sportello: String,
}

/// Writes the file at `percorso`. The first export to a destination is always complete.
pub fn esporta(
    store: &Store,
    ctx: &Ctx,
    percorso: &Path,
    completo: bool,
    destinazione: &str,
) -> Result<Esportato> {
    let ufficio = chiavi::ufficio(store)?;
    let (sportello, firma) = chiavi::sportello(store, ctx)?;
    let conn = store.read();
    let colonne = voci::colonne(conn)?;
    let r = intervallo(conn, destinazione, completo)?;
    let mut out = InCorso::crea(percorso, "sportello")?;
    let mut record = Scrittore::nuovo(out.appunti()?, &ufficio, &colonne)?;
    if r.completo {
        voci_tutte(conn, &colonne, r.seq_a, &mut record)?;
    } else {
        voci_cambiate(conn, &colonne, r.seq_da, r.seq_a, &mut record)?;
    }
    let h = intestazione(store, &sportello, &firma, &ufficio, destinazione, r)?;
    let h = formato::scrivi(&mut out, h, record, &firma)?;
    let byte = out
        .stream_position()
        .map_err(|e| crate::uscita::non_scrivo(percorso, e))?;
    out.finisci()?;
    let file = percorso.display().to_string();
    registra(store, ctx, destinazione, r, h.voci, &file)?;
    Ok(Esportato {
        percorso: file,
        destinazione: destinazione.into(),
        completo: r.completo,
        seq_da: r.seq_da,
        seq_a: r.seq_a,
        voci: h.voci,
        cancellazioni: h.cancellazioni,
        byte,
        sportello,
    })
}

/// Which stretch of the change log a file carries.
#[derive(Clone, Copy)]
struct Intervallo {
    completo: bool,
    seq_da: i64,
    seq_a: i64,
}

/// Everything up to now, or what came after the last export to `destinazione`
/// (the first export to it is always complete).
fn intervallo(conn: &Connection, destinazione: &str, completo: bool) -> Result<Intervallo> {
    let ultimo = db::ultimo_esportato(conn, destinazione)?;
    let completo = completo || ultimo == 0;
    let seq_a = db::ultimo_seq(conn)?;
    let seq_da = if completo { 0 } else { ultimo };
    Ok(Intervallo {
        completo,
        seq_da,
        seq_a,
    })
}

/// The file's clear header: who sends it, to whom, which stretch of the
/// change log.
fn intestazione(
    store: &Store,
    sportello: &str,
    firma: &SigningKey,
    ufficio: &x25519::Recipient,
    destinazione: &str,
    r: Intervallo,
) -> Result<Intestazione> {
    let (ente_attuatore_id, ente_nome) = ente_di(store)?;
    Ok(Intestazione {
        formato: formato::FORMATO.into(),
        versione: formato::VERSIONE,
        sportello: sportello.into(),
        chiave_pubblica: chiavi::pubblica(firma),
        ente_attuatore_id,
        ente_nome,
        destinazione: destinazione.into(),
        destinatario: ufficio.to_string(),
        completo: r.completo,
        seq_da: r.seq_da,
        seq_a: r.seq_a,
        // Counted, measured and hashed as the records are written.
        voci: 0,
        cancellazioni: 0,
        creato_il: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        lunghezza: 0,
        sha256: String::new(),
    })
}

/// The export in the desk's history: the next incremental one to the same
/// destination starts after it.
fn registra(
    store: &Store,
    ctx: &Ctx,
    destinazione: &str,
    r: Intervallo,
    voci: usize,
    file: &str,
) -> Result<()> {
    let esportazione = db::Esportazione {
        destinazione,
        completo: r.completo,
        seq_da: r.seq_da,
        seq_a: r.seq_a,
        voci,
        file,
    };
    store.write(ctx, "esporta", |tx| {
        db::registra_esportazione(tx, &esportazione)
    })
}

/// Every record, each with the change that last touched it (0 if none did).
fn voci_tutte(conn: &Connection, colonne: &Colonne, seq_a: i64, out: &mut Scrittore) -> Result<()> {
    for a in AGGREGATI {
        voci::per_ogni(conn, a, colonne, seq_a, |id, seq, c| {
            out.voce(&VoceScambio {
                tipo: a.tipo.into(),
                id,
                seq,
                contenuto: Some(c),
            })
        })?;
    }
    Ok(())
}

/// The records the change log names after `ultimo`, parents before children
/// as in a full file: whole, or as a deletion when gone.
fn voci_cambiate(
    conn: &Connection,
    colonne: &Colonne,
    ultimo: i64,
    seq_a: i64,
    out: &mut Scrittore,
) -> Result<()> {
    for a in AGGREGATI {
        db::cambiati(conn, a.tipo, ultimo, seq_a, |id, seq| {
            let contenuto = voci::leggi_uno(conn, a, &id, colonne)?;
            out.voce(&VoceScambio {
                tipo: a.tipo.into(),
                id,
                seq,
                contenuto,
            })
        })?;
    }
    Ok(())
}

/// The implementing body of this desk: the one set in the settings, or the only one.
fn ente_di(store: &Store) -> Result<(Option<String>, Option<String>)> {
    db::ente_di_questo_sportello(store.read())
}
