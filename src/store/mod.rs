//! The store: one SQLite file, opened one way (foreign keys, WAL, busy
//! timeout, migrations). All SQL of the product lives under this folder, one
//! module per aggregate. Reads take a `&Connection`; writes take a `&Tx`, which
//! only exists inside `Store::write`, so a write cannot forget its transaction.

pub mod ambito;
mod audit;
mod blocco;
mod cache;
pub mod copie;
pub mod destinatari;
pub mod enti;
pub mod incontri;
pub mod indicatori;
pub mod interventi;
pub mod modelli;
pub mod organizzazione;
pub mod riga;
pub mod scambio;
pub mod scansioni;
pub mod servizi;
pub mod storia;
pub mod tabelle;
pub mod utenti;
pub mod verifica;

use crate::accesso::chiavi::Chiave;
use crate::context::Ctx;
use crate::error::{Error, RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{M, Migrations};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

pub use audit::Tx;
pub use blocco::Blocco;

/// Embedded, ordered, append-only.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_schema.sql")),
        M::up(include_str!("migrations/0002_scambio.sql")),
        M::up(include_str!("migrations/0003_utenti.sql")),
        M::up(include_str!("migrations/0004_sede_attiva.sql")),
        M::up(include_str!("migrations/0005_indici_indicatori.sql")),
        M::up(include_str!("migrations/0006_scansioni.sql")),
    ])
});

/// The schema version this binary writes.
pub fn schema_version() -> i64 {
    6
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The key the file is encrypted with (none in memory): copies are made with it.
    chiave: Option<Chiave>,
}

/// Opens a connection to the encrypted file at `path`: the key is the first
/// statement, and a wrong key is told apart from a damaged file.
pub fn connessione(path: &Path, chiave: &Chiave, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher logs a damaged page to stderr, in English ("hmac check
    // failed"); the user gets our message instead.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    // Under load, SQLCipher's key setup was seen to fail now and then (about
    // 1 in 50 runs of tests/scambio.rs with six running at once: "An error
    // occurred with PRAGMA key"), and succeed when asked again.
    let mut tentativi = 0;
    while let Err(e) = conn.pragma_update(None, "key", chiave.pragma().as_str()) {
        tentativi += 1;
        if tentativi == 5 {
            return Err(e.into());
        }
        std::thread::sleep(std::time::Duration::from_millis(10 * tentativi));
    }
    if conn
        .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_err()
    {
        return Err(Error::Accesso {
            motivo: crate::accesso::chiavi::MotivoAccesso::Chiavi,
            message: format!(
                "{} non si apre con questa chiave: non è un database di Sportello, è danneggiato, \
                 o le sue chiavi non sono quelle accanto.",
                path.display()
            ),
        });
    }
    Ok(conn)
}

impl Store {
    /// Opens (creating if needed) the encrypted database file and brings it to
    /// the latest schema. Who may have the key is `accesso`'s business.
    pub fn open(path: &Path, chiave: &Chiave) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            crate::uscita::cartella(dir)?;
        }
        // The minors' data is for this user only: the file is created 0600, and
        // SQLite gives its WAL and shared-memory files the same permissions.
        if !path.exists() {
            let mut o = std::fs::OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
            o.open(path).map_err(|e| Error::Database {
                message: format!(
                    "Non riesco a creare il database {}: {}.",
                    path.display(),
                    crate::error::io_it(&e)
                ),
            })?;
        }
        let conn = connessione(path, chiave, OpenFlags::default())?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::prepare(conn, Some(path.to_path_buf()), Some(chiave.clone()))
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None, None)
    }

    fn prepare(
        mut conn: Connection,
        path: Option<PathBuf>,
        chiave: Option<Chiave>,
    ) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > schema_version() {
            return Err(Error::Schema {
                found,
                supported: schema_version(),
                message: format!(
                    "Questo database è stato scritto da una versione più recente di Sportello \
                     (schema {found}, questa versione conosce fino allo schema {}). \
                     Aggiorna Sportello per aprirlo: il file non è stato modificato.",
                    schema_version()
                ),
            });
        }
        // A migration rewrites the file: keep it as it was first.
        if let (Some(db), Some(k)) = (&path, &chiave)
            && found > 0
            && found < schema_version()
        {
            copie::prima_dell_aggiornamento(&conn, db, k)?;
        }
        MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|_| Error::Database {
                message: format!(
                    "Aggiornamento del database allo schema {} non riuscito: il file è rimasto com'era, \
                     e la copia fatta prima è nella cartella «copie» accanto.",
                    schema_version()
                ),
            })?;
        let store = Store { conn, path, chiave };
        organizzazione::seed_lists(&store.conn)?;
        Ok(store)
    }

    /// A second, read-only connection to the same file, for reads that must
    /// not wait for a long write (WAL lets them see the last commit while a
    /// transaction runs). Migrations and seeding are the writer's: not redone.
    pub fn lettore(&self) -> Result<Store> {
        let (Some(path), Some(chiave)) = (&self.path, &self.chiave) else {
            return Err(Error::dati(
                "Un database in memoria non ha lettori separati.",
            ));
        };
        let conn = connessione(
            path,
            chiave,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Store {
            conn,
            path: Some(path.clone()),
            chiave: Some(chiave.clone()),
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file's key (none for a database in memory).
    pub fn chiave(&self) -> Option<&Chiave> {
        self.chiave.as_ref()
    }

    /// The read handle.
    pub fn read(&self) -> &Connection {
        &self.conn
    }

    /// One state of the records for several reads: a read transaction,
    /// ended when dropped (the regional tables are written from one).
    pub fn istantanea(&self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self.conn.unchecked_transaction()?)
    }

    /// Runs `f` in one transaction and logs the operation: all or nothing.
    pub fn write<T>(
        &self,
        ctx: &Ctx,
        operation: &str,
        f: impl FnOnce(&Tx) -> Result<T>,
    ) -> Result<T> {
        let tx = Tx::begin(&self.conn, ctx, operation)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs many operations (each calling `write`) as one: all or nothing.
    pub fn atomically<T>(
        &self,
        ctx: &Ctx,
        operation: &str,
        f: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let outer = Tx::begin(&self.conn, ctx, operation)?;
        let value = f()?;
        outer.commit()?;
        Ok(value)
    }

    /// A setting of this installation (current body, current user).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT valore FROM impostazione WHERE chiave = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// The default database: `sportello.db` in the user's data folder.
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("sportello")
        .join("sportello.db")
}

/// Turns "no row" into the Italian not-found error for that record.
pub(crate) fn found<T>(value: Option<T>, kind: RecordKind, id: Id) -> Result<T> {
    value.ok_or_else(|| Error::not_found(kind, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_new_database_and_its_folder_are_for_the_user_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nuova").join("s.db");
        let store = Store::open(&path, &Chiave::nuova().unwrap()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        // The WAL takes the database's permissions.
        store
            .read()
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
            .unwrap();
        let wal = path.with_extension("db-wal");
        assert!(wal.exists());
        assert_eq!(mode(&wal), 0o600);
    }

    #[test]
    fn the_file_and_its_wal_are_noise_without_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let k = Chiave::nuova().unwrap();
        let store = Store::open(&path, &k).unwrap();
        store
            .read()
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES ('RSSMRA85T10A562S')")
            .unwrap();
        for f in [path.clone(), path.with_extension("db-wal")] {
            let bytes = std::fs::read(&f).unwrap();
            assert!(!bytes.is_empty());
            assert!(
                !bytes.windows(16).any(|w| w == b"RSSMRA85T10A562S"),
                "{f:?}"
            );
            assert!(!bytes.starts_with(b"SQLite format 3"));
        }
        let altra = Chiave::nuova().unwrap();
        let e = connessione(&path, &altra, OpenFlags::default())
            .err()
            .unwrap();
        assert_eq!(e.code(), "ACCESSO");
        assert!(
            Connection::open(&path)
                .unwrap()
                .query_row("SELECT COUNT(*) FROM t", [], |r| r.get::<_, i64>(0))
                .is_err()
        );
    }

    #[test]
    fn migrations_validate_on_an_empty_database() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("futuro.db");
        let k = Chiave::nuova().unwrap();
        Store::open(&path, &k).unwrap();
        let conn = connessione(&path, &k, OpenFlags::default()).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Store::open(&path, &k).err().expect("must refuse");
        assert_eq!(err.code(), "SCHEMA");
        assert!(err.to_string().contains("versione più recente"));
        let conn = connessione(&path, &k, OpenFlags::default()).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99);
    }

    #[test]
    fn atomically_rolls_back_every_inner_write_on_error() {
        let store = Store::open_in_memory().unwrap();
        let ctx = Ctx::new(
            crate::context::Source::Cli,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        let rt = crate::domain::RtDati {
            nome: "RT".into(),
            territorio: "Biella".into(),
        };
        let r: Result<()> = store.atomically(&ctx, "prova", || {
            crate::commands::organizzazione::create_rt(&store, &ctx, rt.clone())?;
            Err(Error::dati("interrotto"))
        });
        assert!(r.is_err());
        assert!(organizzazione::list_rt(store.read()).unwrap().is_empty());
        store
            .atomically(&ctx, "prova", || {
                crate::commands::organizzazione::create_rt(&store, &ctx, rt.clone())
            })
            .unwrap();
        assert_eq!(organizzazione::list_rt(store.read()).unwrap().len(), 1);
    }

    #[test]
    fn opened_one_way() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.db"), &Chiave::nuova().unwrap()).unwrap();
        let fk: i64 = store
            .read()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        let mode: String = store
            .read()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!((fk, mode.as_str()), (1, "wal"));
    }
}
