//! The desk's side: everything, or what changed since the last export to the
//! same destination, as an encrypted and signed file for the regional office.
//! What changed comes from the change log: a record named there after the
//! last export travels whole, or as a deletion if it is gone.

use super::chiavi;
use super::formato::{self, Carico, Intestazione, VoceScambio};
use crate::context::Ctx;
use crate::error::Result;
use crate::store::Store;
use crate::store::scambio::{self as db, tabelle::AGGREGATI, tabelle::aggregato, voci};
use serde::{Deserialize, Serialize};
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
    let ultimo = db::ultimo_esportato(conn, destinazione)?;
    let completo = completo || ultimo == 0;
    let seq_a = db::ultimo_seq(conn)?;
    let seq_da = if completo { 0 } else { ultimo };
    let mut lista = Vec::new();
    if completo {
        let versioni = db::versioni(conn, seq_a)?;
        for a in AGGREGATI {
            for (id, c) in voci::leggi_tutti(conn, a, &colonne)? {
                let seq = versioni.get(&id).copied().unwrap_or(0);
                lista.push(VoceScambio {
                    tipo: a.tipo.into(),
                    id,
                    seq,
                    contenuto: Some(c),
                });
            }
        }
    } else {
        for (tipo, id, seq) in db::cambiati(conn, ultimo, seq_a)? {
            let Some(a) = aggregato(&tipo) else { continue };
            let contenuto = voci::leggi_uno(conn, a, &id, &colonne)?;
            lista.push(VoceScambio {
                tipo,
                id,
                seq,
                contenuto,
            });
        }
        // Parents before children, as in a full file.
        lista.sort_by_key(|v| AGGREGATI.iter().position(|a| a.tipo == v.tipo));
    }
    let cancellazioni = lista.iter().filter(|v| v.contenuto.is_none()).count();
    let (ente_attuatore_id, ente_nome) = ente_di(store)?;
    let h = Intestazione {
        formato: formato::FORMATO.into(),
        versione: formato::VERSIONE,
        sportello: sportello.clone(),
        chiave_pubblica: chiavi::pubblica(&firma),
        ente_attuatore_id,
        ente_nome,
        destinazione: destinazione.into(),
        destinatario: ufficio.to_string(),
        completo,
        seq_da,
        seq_a,
        voci: lista.len(),
        cancellazioni,
        creato_il: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        lunghezza: 0,
        sha256: String::new(),
    };
    let n = lista.len();
    let bytes = formato::scrivi(
        h,
        &Carico {
            colonne,
            voci: lista,
        },
        &firma,
        &ufficio,
    )?;
    scrivi_file(percorso, &bytes)?;
    let file = percorso.display().to_string();
    store.write(ctx, "esporta", |tx| {
        db::registra_esportazione(
            tx,
            &db::Esportazione {
                destinazione,
                completo,
                seq_da,
                seq_a,
                voci: n,
                file: &file,
            },
        )
    })?;
    Ok(Esportato {
        percorso: file,
        destinazione: destinazione.into(),
        completo,
        seq_da,
        seq_a,
        voci: n,
        cancellazioni,
        byte: bytes.len() as u64,
        sportello,
    })
}

/// Written beside and renamed, so a half-written file never has the final name.
fn scrivi_file(percorso: &Path, bytes: &[u8]) -> Result<()> {
    crate::uscita::scrivi(percorso, "sportello", bytes)
}

/// The implementing body of this desk: the one set in the settings, or the only one.
fn ente_di(store: &Store) -> Result<(Option<String>, Option<String>)> {
    db::ente_di_questo_sportello(store.read())
}
