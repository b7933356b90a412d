//! Protecting a plain database of an older version: encrypted in place, its
//! plain bytes overwritten, its plain copies encrypted too.

use super::chiavi::{self, Chiave, Portachiavi};
use super::{
    Creato, NuovoUtente, StatoDatabase, inserisci_utente, primo_coordinatore, stato, store_file,
};
use crate::error::{Error, Result};
use crate::store::{self, Store};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Encrypts in place a plain database of an older version: an encrypted copy
/// is written beside it, verified table by table, and renamed over it; the
/// plain file's bytes are then overwritten. Its plain copies in `copie/` are
/// encrypted likewise. `primo` becomes its first coordinatore.
pub fn proteggi(db: &Path, primo: &NuovoUtente, oggi: chrono::NaiveDate) -> Result<Creato> {
    if stato(db) != StatoDatabase::NonProtetto {
        return Err(Error::dati(format!(
            "{} non è un database da proteggere.",
            db.display()
        )));
    }
    let primo = primo_coordinatore(primo)?;
    let chiave = Chiave::nuova()?;
    let (slots, codice) = Portachiavi::nuovo(&chiave, &primo.dati.nome_utente, &primo.password)?;
    let vecchio = apri_in_scrittura(db)?;
    let cifrato = cifra_file(db, &chiave)?;
    // The key file first: if we stop between the two renames, the plain file
    // is still there and still plain, and protecting it again starts over.
    slots.scrivi(db)?;
    cifrato
        .persist(db)
        .map_err(|e| crate::uscita::non_scrivo(db, e.error))?;
    for f in [store_file(db, "-wal"), store_file(db, "-shm")] {
        let _ = std::fs::remove_file(f);
    }
    cancella_contenuto(vecchio);
    cifra_copie(db, &chiave)?;
    let store = Store::open(db, &chiave)?;
    let utente = inserisci_utente(&store, oggi, &primo.dati)?;
    Ok(Creato {
        store,
        utente,
        codice_recupero: codice,
    })
}

/// The plain file, held open so its old bytes can be overwritten once the
/// encrypted one has taken its name.
fn apri_in_scrittura(db: &Path) -> Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(db)
        .map_err(|e| {
            Error::dati(format!(
                "Non riesco ad aprire {}: {}.",
                db.display(),
                crate::error::io_it(&e)
            ))
        })
}

/// The copies made before were plain too: each is encrypted with the same
/// key and gets the key file beside it. A copy that fails stays as it was.
fn cifra_copie(db: &Path, chiave: &Chiave) -> Result<()> {
    for c in store::copie::elenco(db)? {
        let p = Path::new(&c.percorso);
        if stato(p) == StatoDatabase::NonProtetto {
            let f = std::fs::OpenOptions::new().write(true).open(p).ok();
            if let Ok(t) = cifra_file(p, chiave)
                && t.persist(p).is_ok()
            {
                let _ = std::fs::copy(chiavi::percorso(db), chiavi::percorso(p));
                if let Some(f) = f {
                    cancella_contenuto(f);
                }
            }
        }
    }
    Ok(())
}

/// The plain file at `path`, exported (`sqlcipher_export`) into an encrypted
/// temporary file beside it, checked to hold the same rows in every table.
fn cifra_file(path: &Path, chiave: &Chiave) -> Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".protezione-")
        .suffix(".parziale")
        .tempfile_in(dir)
        .map_err(|e| crate::uscita::non_scrivo(path, e))?;
    let chiaro = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    chiaro.busy_timeout(std::time::Duration::from_secs(5))?;
    // Everything of the WAL into the file first, then the file as it is.
    chiaro.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let versione: i64 = chiaro.pragma_query_value(None, "user_version", |r| r.get(0))?;
    chiaro.execute(
        "ATTACH DATABASE ?1 AS cifrato KEY ?2",
        rusqlite::params![tmp.path().to_string_lossy(), chiave.pragma().as_str()],
    )?;
    chiaro.query_row("SELECT sqlcipher_export('cifrato')", [], |_| Ok(()))?;
    chiaro.execute_batch(&format!("PRAGMA cifrato.user_version = {versione}"))?;
    chiaro.execute_batch("DETACH DATABASE cifrato")?;
    let nuovo = store::connessione(tmp.path(), chiave, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let esito: String = nuovo.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if esito != "ok" || conteggi(&chiaro)? != conteggi(&nuovo)? {
        return Err(Error::Database {
            message: format!(
                "La copia cifrata di {} non corrisponde all'originale: il file è rimasto com'era.",
                path.display()
            ),
        });
    }
    Ok(tmp)
}

/// Rows per table, to compare two files.
fn conteggi(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let tabelle: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tabelle
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get(0))?;
            Ok((t, n))
        })
        .collect()
}

/// Overwrites with zeros the bytes of a file already replaced by its
/// encrypted version (the open handle still reaches the old bytes).
fn cancella_contenuto(mut f: std::fs::File) {
    use std::io::{Seek, SeekFrom, Write};
    let Ok(n) = f.metadata().map(|m| m.len()) else {
        return;
    };
    let zeri = vec![0u8; 1 << 16];
    let _ = f.seek(SeekFrom::Start(0));
    let mut resto = n;
    while resto > 0 {
        let k = resto.min(zeri.len() as u64) as usize;
        if f.write_all(&zeri[..k]).is_err() {
            return;
        }
        resto -= k as u64;
    }
    let _ = f.sync_all();
}
