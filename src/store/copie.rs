//! Copies of the database, so a record is never lost to a broken disk, a bad
//! migration or a wrong click: made with SQLite's online backup (the database
//! stays usable), verified after writing, kept beside the database in
//! `copie/` (0700, files 0600), rotated. A copy is taken before every schema
//! migration and once a day at the window's first start; `ripristina` puts a
//! copy back, after copying the current state aside.

use super::Store;
use crate::accesso::chiavi::{self, Chiave};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Daily copies kept (the newest of each day).
pub const GIORNALIERE: usize = 7;
/// Weekly copies kept beyond the daily ones (the newest of each ISO week).
pub const SETTIMANALI: usize = 4;
/// Copies taken before a migration or a restore, kept apart from the rotation.
pub const DI_SICUREZZA: usize = 5;

/// Why a copy was made: it is in the file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Motivo {
    Giornaliera,
    PrimaDellAggiornamento,
    PrimaDelRipristino,
    AMano,
}

impl Motivo {
    fn nome(self) -> &'static str {
        match self {
            Motivo::Giornaliera => "giornaliera",
            Motivo::PrimaDellAggiornamento => "prima-dell-aggiornamento",
            Motivo::PrimaDelRipristino => "prima-del-ripristino",
            Motivo::AMano => "a-mano",
        }
    }

    /// In words, for lists: "prima dell'aggiornamento".
    pub fn etichetta(self) -> &'static str {
        match self {
            Motivo::Giornaliera => "giornaliera",
            Motivo::PrimaDellAggiornamento => "prima dell'aggiornamento",
            Motivo::PrimaDelRipristino => "prima del ripristino",
            Motivo::AMano => "a mano",
        }
    }

    fn da_nome(s: &str) -> Option<Motivo> {
        [
            Motivo::Giornaliera,
            Motivo::PrimaDellAggiornamento,
            Motivo::PrimaDelRipristino,
            Motivo::AMano,
        ]
        .into_iter()
        .find(|m| m.nome() == s)
    }

    /// Kept by the daily/weekly rotation (the others are kept apart).
    fn ruota(self) -> bool {
        matches!(self, Motivo::Giornaliera | Motivo::AMano)
    }
}

/// One copy on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Copia {
    pub percorso: String,
    pub quando: NaiveDateTime,
    pub motivo: Motivo,
    pub byte: u64,
}

/// The health of a database: SQLite's own checks and its rows per table, so a
/// person (or the crash harness) can see a file is whole without opening it
/// with another tool, which the encryption would refuse anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Integrita {
    /// `ok`, or the first problems `PRAGMA integrity_check` found.
    pub integrita: String,
    /// Rows whose reference points at nothing (`PRAGMA foreign_key_check`).
    pub riferimenti_rotti: u32,
    /// Rows per table, tables by name.
    pub righe: std::collections::BTreeMap<String, u64>,
}

/// Checks the open database: integrity, references, rows per table.
pub fn integrita(conn: &Connection) -> Result<Integrita> {
    let mut st = conn.prepare("PRAGMA integrity_check(20)")?;
    let problemi = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let riferimenti_rotti = st.query_map([], |_| Ok(()))?.count() as u32;
    let mut st = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let tabelle = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut righe = std::collections::BTreeMap::new();
    for t in tabelle {
        let n: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get(0))?;
        righe.insert(t, n as u64);
    }
    Ok(Integrita {
        integrita: problemi.join("; "),
        riferimenti_rotti,
        righe,
    })
}

/// Where the copies of the database at `db` live.
pub fn cartella(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("copie")
}

/// The file name of a copy: `sportello-2026-01-20-093000-giornaliera.db`.
fn nome_file(quando: NaiveDateTime, motivo: Motivo) -> String {
    format!(
        "sportello-{}-{}.db",
        quando.format("%Y-%m-%d-%H%M%S"),
        motivo.nome()
    )
}

fn da_nome_file(nome: &str) -> Option<(NaiveDateTime, Motivo)> {
    let resto = nome.strip_prefix("sportello-")?.strip_suffix(".db")?;
    let (data, motivo) = (resto.get(..17)?, resto.get(18..)?);
    let quando = NaiveDateTime::parse_from_str(data, "%Y-%m-%d-%H%M%S").ok()?;
    Some((quando, Motivo::da_nome(motivo)?))
}

/// The file and the key a copy needs (a database in memory has neither).
fn file_e_chiave(store: &Store) -> Result<(&Path, &Chiave)> {
    let db = store
        .path()
        .ok_or_else(|| Error::dati("Un database in memoria non ha copie."))?;
    let chiave = store
        .chiave()
        .ok_or_else(|| Error::dati("Un database senza chiave non ha copie."))?;
    Ok((db, chiave))
}

/// Makes a copy of the open database now, verifies it, and rotates the folder.
pub fn crea(store: &Store, quando: NaiveDateTime, motivo: Motivo) -> Result<Copia> {
    let (db, chiave) = file_e_chiave(store)?;
    copia_connessione(store.read(), db, chiave, quando, motivo)
}

fn copia_connessione(
    conn: &Connection,
    db: &Path,
    chiave: &Chiave,
    quando: NaiveDateTime,
    motivo: Motivo,
) -> Result<Copia> {
    let dir = cartella(db);
    crate::uscita::cartella(&dir)?;
    let finale = dir.join(nome_file(quando, motivo));
    // Written under a temporary name, verified, then renamed: a copy that is
    // there is whole.
    let tmp = tempfile::Builder::new()
        .prefix(".copia-")
        .suffix(".parziale")
        .tempfile_in(&dir)
        .map_err(|e| crate::uscita::non_scrivo(&finale, e))?;
    {
        // Encrypted with the database's key: a copy is as private as the database.
        let mut dst = super::connessione(tmp.path(), chiave, OpenFlags::default())?;
        {
            let b = rusqlite::backup::Backup::new(conn, &mut dst)?;
            b.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        // One self-contained file: no WAL beside a copy.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
    }
    verifica(tmp.path(), chiave)?;
    tmp.persist(&finale)
        .map_err(|e| crate::uscita::non_scrivo(&finale, e.error))?;
    // Its key slots beside it, so the copy opens on its own with a password
    // (or the recovery code) if the database and its key file are lost.
    let slot = chiavi::percorso(db);
    if slot.exists() {
        let _ = std::fs::copy(&slot, chiavi::percorso(&finale));
    }
    let byte = std::fs::metadata(&finale).map(|m| m.len()).unwrap_or(0);
    ruota(&dir)?;
    Ok(Copia {
        percorso: finale.display().to_string(),
        quando,
        motivo,
        byte,
    })
}

/// A copy is a whole Sportello database: SQLite's integrity check passes and
/// its schema is one this program knows.
pub fn verifica(path: &Path, chiave: &Chiave) -> Result<()> {
    let conn =
        super::connessione(path, chiave, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| {
            Error::dati(format!(
                "{} non è una copia di questo database (non si apre con la sua chiave).",
                path.display()
            ))
        })?;
    let esito: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if esito != "ok" {
        return Err(Error::dati(format!(
            "La copia {} è danneggiata: non la uso.",
            path.display()
        )));
    }
    let versione: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tabelle: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('servizio', 'incontro', 'destinatario')",
        [],
        |r| r.get(0),
    )?;
    if tabelle != 3 || versione < 1 || versione > super::schema_version() {
        return Err(Error::dati(format!(
            "{} non è una copia di un database di Sportello che questa versione sa leggere.",
            path.display()
        )));
    }
    Ok(())
}

/// The copies of the database at `db`, newest first.
pub fn elenco(db: &Path) -> Result<Vec<Copia>> {
    let dir = cartella(db);
    let Ok(voci) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<Copia> = voci
        .flatten()
        .filter_map(|v| {
            let nome = v.file_name().to_string_lossy().into_owned();
            let (quando, motivo) = da_nome_file(&nome)?;
            Some(Copia {
                percorso: v.path().display().to_string(),
                quando,
                motivo,
                byte: v.metadata().map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.quando));
    Ok(out)
}

/// Which copies to keep, newest first: the newest of each of the last
/// [`GIORNALIERE`] days with a copy, then the newest of each of the
/// [`SETTIMANALI`] ISO weeks before them; the last [`DI_SICUREZZA`] copies
/// taken before a migration or a restore.
pub fn da_tenere(copie: &[Copia]) -> Vec<&Copia> {
    let mut tenute = Vec::new();
    let mut giorni: Vec<NaiveDate> = Vec::new();
    let mut settimane: Vec<(i32, u32)> = Vec::new();
    for c in copie.iter().filter(|c| c.motivo.ruota()) {
        let giorno = c.quando.date();
        let settimana = (giorno.iso_week().year(), giorno.iso_week().week());
        if giorni.len() < GIORNALIERE && !giorni.contains(&giorno) {
            giorni.push(giorno);
            tenute.push(c);
        } else if !giorni.contains(&giorno)
            && settimane.len() < SETTIMANALI
            && !settimane.contains(&settimana)
            && !giorni
                .iter()
                .any(|g| (g.iso_week().year(), g.iso_week().week()) == settimana)
        {
            settimane.push(settimana);
            tenute.push(c);
        }
    }
    tenute.extend(
        copie
            .iter()
            .filter(|c| !c.motivo.ruota())
            .take(DI_SICUREZZA),
    );
    tenute
}

fn ruota(dir: &Path) -> Result<()> {
    let db = dir.join("x.db"); // `elenco` wants the database's path
    let copie = elenco(&db)?;
    let tenute: Vec<String> = da_tenere(&copie)
        .into_iter()
        .map(|c| c.percorso.clone())
        .collect();
    for c in copie.iter().filter(|c| !tenute.contains(&c.percorso)) {
        let _ = std::fs::remove_file(&c.percorso);
        let _ = std::fs::remove_file(chiavi::percorso(Path::new(&c.percorso)));
    }
    Ok(())
}

/// The daily copy, if today has none yet (the window's first start).
pub fn giornaliera(store: &Store, adesso: NaiveDateTime) -> Result<Option<Copia>> {
    let Some(db) = store.path() else {
        return Ok(None);
    };
    let oggi = adesso.date();
    if elenco(db)?
        .iter()
        .any(|c| c.quando.date() == oggi && c.motivo.ruota())
    {
        return Ok(None);
    }
    crea(store, adesso, Motivo::Giornaliera).map(Some)
}

/// Before a migration: the file as it is, under the old schema.
pub(super) fn prima_dell_aggiornamento(
    conn: &Connection,
    db: &Path,
    chiave: &Chiave,
) -> Result<Copia> {
    copia_connessione(
        conn,
        db,
        chiave,
        chrono::Local::now().naive_local(),
        Motivo::PrimaDellAggiornamento,
    )
}

/// Puts the copy at `copia` back into the database, all at once (the backup
/// API writes the destination in one transaction; the open handle sees the
/// restored file on its next read), after copying the current state aside
/// (`prima-del-ripristino`). A copy of an older schema is brought to this one.
pub fn ripristina(store: &Store, copia: &Path, adesso: NaiveDateTime) -> Result<Copia> {
    let (db, chiave) = file_e_chiave(store)?;
    verifica(copia, chiave)?;
    let sicurezza = crea(store, adesso, Motivo::PrimaDelRipristino)?;
    let src = super::connessione(copia, chiave, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut dst = super::connessione(db, chiave, OpenFlags::default())?;
    dst.busy_timeout(std::time::Duration::from_secs(5))?;
    {
        let b = rusqlite::backup::Backup::new(&src, &mut dst)?;
        b.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    }
    super::MIGRATIONS
        .to_latest(&mut dst)
        .map_err(|_| Error::Database {
            message: format!(
                "La copia è stata rimessa, ma non si aggiorna allo schema {}: lo stato di prima è in {}.",
                super::schema_version(),
                sicurezza.percorso
            ),
        })?;
    Ok(sicurezza)
}

#[cfg(test)]
mod tests;
