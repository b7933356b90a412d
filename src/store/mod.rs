//! The store: one SQLite file, opened one way (foreign keys, WAL, busy
//! timeout, migrations). All SQL of the product lives under this folder, one
//! module per aggregate. Reads take a `&Connection`; writes take a `&Tx`, which
//! only exists inside `Store::write`, so a write cannot forget its transaction.

mod audit;
mod blocco;
pub mod copie;
pub mod destinatari;
pub mod enti;
pub mod incontri;
pub mod indicatori;
pub mod interventi;
pub mod modelli;
pub mod organizzazione;
pub mod scambio;
pub mod servizi;
pub mod storia;
pub mod tabelle;
pub mod verifica;

use crate::context::Ctx;
use crate::error::{Error, RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OptionalExtension};
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
    ])
});

/// The schema version this binary writes.
pub fn schema_version() -> i64 {
    2
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings it to the latest schema.
    pub fn open(path: &Path) -> Result<Store> {
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
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
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
        if let Some(db) = &path
            && found > 0
            && found < schema_version()
        {
            copie::prima_dell_aggiornamento(&conn, db)?;
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
        let store = Store { conn, path };
        organizzazione::seed_lists(&store.conn)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The read handle.
    pub fn read(&self) -> &Connection {
        &self.conn
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
        let store = Store::open(&path).unwrap();
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
    fn migrations_validate_on_an_empty_database() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("futuro.db");
        Store::open(&path).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Store::open(&path).err().expect("must refuse");
        assert_eq!(err.code(), "SCHEMA");
        assert!(err.to_string().contains("versione più recente"));
        let conn = Connection::open(&path).unwrap();
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
        let store = Store::open(&dir.path().join("a.db")).unwrap();
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
