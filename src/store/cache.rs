//! The page cache of a connection: larger for a walk over a whole database,
//! given back when a window's operation ends. Every page read again is
//! decrypted again, so the size is a trade between memory and time.

use super::Store;
use crate::error::Result;

impl Store {
    /// Runs `f` with a page cache of `mib` MiB instead of SQLite's 2 MiB, then
    /// gives that memory back. For the long walks over a whole database (a
    /// merge).
    pub fn con_cache<T>(&self, mib: u32, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let prima: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{}", u64::from(mib) * 1024))?;
        let esito = f();
        let ripristino = self
            .conn
            .execute_batch(&format!("PRAGMA cache_size = {prima};"))
            .map_err(Into::into)
            .and_then(|()| self.libera_memoria());
        let esito = esito?;
        ripristino?;
        Ok(esito)
    }

    /// Gives back the page cache: a window keeps its connections open between
    /// operations, and their pages (up to 2 MiB each) are read again, from the
    /// system's file cache, by the next one.
    pub fn libera_memoria(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA shrink_memory;")?;
        Ok(())
    }
}
