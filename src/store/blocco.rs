//! One window per database: a lock beside the file, held while the window is
//! open. A second window on the same file is refused with a clear message
//! instead of two people overwriting each other's work.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while alive; the operating system releases it if the program dies.
#[derive(Debug)]
pub struct Blocco {
    _file: File,
    pub percorso: PathBuf,
}

impl Blocco {
    pub fn prendi(db: &Path) -> Result<Blocco> {
        let percorso = db.with_extension("db.lock");
        if let Some(dir) = percorso.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&percorso)
            .map_err(|e| {
                Error::dati(format!(
                    "Non riesco a creare {}: {}.",
                    percorso.display(),
                    crate::error::io_it(&e)
                ))
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Blocco {
                _file: file,
                percorso,
            }),
            Err(TryLockError::WouldBlock) => Err(Error::dati(format!(
                "Il database {} è già aperto in un'altra finestra di Sportello: usate quella.",
                db.display()
            ))),
            Err(TryLockError::Error(e)) => Err(Error::dati(format!(
                "Non riesco a bloccare {}: {}.",
                percorso.display(),
                crate::error::io_it(&e)
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_database_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        let primo = Blocco::prendi(&db).unwrap();
        let err = Blocco::prendi(&db).unwrap_err().to_string();
        assert!(err.contains("già aperto"), "{err}");
        assert!(Blocco::prendi(&dir.path().join("altro.db")).is_ok());
        drop(primo);
        assert!(Blocco::prendi(&db).is_ok());
    }
}
