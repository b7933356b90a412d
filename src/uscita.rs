//! Every file Sportello writes (registers, tables, indicators, templates,
//! exchange files) goes through here, so none can destroy anything: it is
//! written to a temporary file beside its target, readable by the user only,
//! synced, and renamed over the target only when complete. A process killed
//! half-way leaves the old file (or none) under the final name, never a
//! truncated one. A target that is a database, or that does not have the
//! extension of what is being written, is refused before anything is opened.

use crate::error::{Error, Result};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What SQLite writes at the start of every database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// A file being written; it gets its final name only on [`InCorso::finisci`].
pub struct InCorso {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl InCorso {
    /// Starts writing `target`, which must end in `.{estensione}`.
    pub fn crea(target: &Path, estensione: &str) -> Result<InCorso> {
        controlla(target, estensione)?;
        let dir = cartella_di(target);
        pulisci_avanzi(&dir);
        // tempfile creates it 0600 on unix; the dot keeps it out of file pickers.
        let tmp = tempfile::Builder::new()
            .prefix(".sportello-")
            .suffix(".parziale")
            .tempfile_in(&dir)
            .map_err(|e| non_scrivo(target, e))?;
        Ok(InCorso {
            tmp,
            target: target.to_path_buf(),
        })
    }

    /// Flushes, syncs and renames the file to its final name.
    pub fn finisci(mut self) -> Result<()> {
        let target = self.target.clone();
        self.tmp.flush().map_err(|e| non_scrivo(&target, e))?;
        self.tmp
            .as_file()
            .sync_all()
            .map_err(|e| non_scrivo(&target, e))?;
        self.tmp
            .persist(&target)
            .map_err(|e| non_scrivo(&target, e.error))?;
        Ok(())
    }
}

impl Write for InCorso {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

impl Seek for InCorso {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.tmp.seek(pos)
    }
}

impl InCorso {
    /// A nameless scratch file beside the target (gone when closed), for a
    /// part that must be complete before what precedes it can be written.
    pub fn appunti(&self) -> Result<std::fs::File> {
        tempfile::tempfile_in(cartella_di(&self.target)).map_err(|e| non_scrivo(&self.target, e))
    }
}

/// Writes `bytes` to `target` (ending in `.{estensione}`) all at once.
pub fn scrivi(target: &Path, estensione: &str, bytes: &[u8]) -> Result<()> {
    let mut f = InCorso::crea(target, estensione)?;
    f.write_all(bytes).map_err(|e| non_scrivo(target, e))?;
    f.finisci()
}

/// Creates a folder for outputs (and its parents), readable by the user only.
pub fn cartella(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(|e| {
        Error::dati(format!(
            "Non riesco a creare la cartella {}: {}.",
            dir.display(),
            crate::error::io_it(&e)
        ))
    })
}

/// Removes what a killed Sportello left half-written here more than an hour ago
/// (never under a final name, but it takes room).
fn pulisci_avanzi(dir: &Path) {
    let Ok(voci) = std::fs::read_dir(dir) else {
        return;
    };
    let un_ora = std::time::Duration::from_secs(3600);
    for v in voci.flatten() {
        let nome = v.file_name();
        let nome = nome.to_string_lossy();
        let vecchio = v
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|e| e > un_ora));
        if nome.starts_with(".sportello-") && nome.ends_with(".parziale") && vecchio {
            let _ = std::fs::remove_file(v.path());
        }
    }
}

fn cartella_di(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses a target that would destroy something: a database (whatever its
/// name), a folder, or a name without the extension of what is written.
fn controlla(target: &Path, estensione: &str) -> Result<()> {
    let nome = target.display();
    let ok = target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(estensione));
    if !ok {
        return Err(Error::dati(format!(
            "Il file {nome} deve avere l'estensione .{estensione}: non scrivo altrove, per non \
             sostituire un file di altro tipo."
        )));
    }
    if target.is_dir() {
        return Err(Error::dati(format!(
            "{nome} è una cartella: indica il nome del file da scrivere."
        )));
    }
    if e_un_database(target) {
        return Err(Error::dati(format!(
            "{nome} è un database: non lo sostituisco con un altro file. Scegli un altro nome."
        )));
    }
    Ok(())
}

/// Whether the file at `path` starts as an SQLite database does.
fn e_un_database(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| &head == SQLITE_MAGIC)
}

/// A workbook that could not be written, in Italian.
pub fn non_scrivo_xlsx(target: &Path, e: rust_xlsxwriter::XlsxError) -> Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(e) => non_scrivo(target, e),
        _ => Error::dati(format!(
            "Non riesco a comporre il file Excel {}: un valore supera i limiti di Excel.",
            target.display()
        )),
    }
}

pub fn non_scrivo(target: &Path, e: std::io::Error) -> Error {
    Error::dati(format!(
        "Non riesco a scrivere {}: {}.",
        target.display(),
        crate::error::io_it(&e)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_complete_and_user_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("registro.pdf");
        let mut f = InCorso::crea(&p, "pdf").unwrap();
        f.write_all(b"%PDF-1.7 ...").unwrap();
        assert!(!p.exists(), "no final name before the end");
        f.finisci().unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-1.7 ...");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Abandoned half-way: the good file stays, no leftovers.
        let mut f = InCorso::crea(&p, "pdf").unwrap();
        f.write_all(b"broken").unwrap();
        drop(f);
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-1.7 ...");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_database_or_a_wrong_extension_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("sportello.db");
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        let before = std::fs::read(&db).unwrap();
        let e = scrivi(&db, "pdf", b"x").unwrap_err().to_string();
        assert!(e.contains("estensione .pdf"), "{e}");
        let travestito = dir.path().join("registro.pdf");
        std::fs::copy(&db, &travestito).unwrap();
        let e = scrivi(&travestito, "pdf", b"x").unwrap_err().to_string();
        assert!(e.contains("è un database"), "{e}");
        assert_eq!(std::fs::read(&db).unwrap(), before);
        let e = scrivi(dir.path(), "pdf", b"x").unwrap_err().to_string();
        assert!(e.contains("estensione") || e.contains("cartella"), "{e}");
    }
}
