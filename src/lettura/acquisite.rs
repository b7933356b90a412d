//! The pages of a reading kept aside, upright, until it is applied: in a
//! scratch file, so memory holds one page whatever the scan's size.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

/// A page kept aside: the plan's page it is, its scanned file's SHA-256.
pub struct Acquisita {
    pub pagina: u32,
    pub impronta_file: String,
    inizio: u64,
    lunghezza: usize,
}

#[derive(Default)]
pub struct Acquisite {
    file: Option<File>,
    fine: u64,
    pagine: Vec<Acquisita>,
}

fn errore(e: std::io::Error) -> Error {
    Error::dati(format!(
        "Non riesco a tenere da parte le pagine lette (file temporaneo): {}.",
        crate::error::io_it(&e)
    ))
}

impl Acquisite {
    pub fn aggiungi(&mut self, pagina: u32, impronta_file: &str, jpeg: &[u8]) -> Result<()> {
        let file = match &mut self.file {
            Some(f) => f,
            None => self.file.insert(tempfile::tempfile().map_err(errore)?),
        };
        file.write_all(jpeg).map_err(errore)?;
        self.pagine.push(Acquisita {
            pagina,
            impronta_file: impronta_file.to_string(),
            inizio: self.fine,
            lunghezza: jpeg.len(),
        });
        self.fine += jpeg.len() as u64;
        Ok(())
    }

    pub fn pagine(&self) -> &[Acquisita] {
        &self.pagine
    }

    /// The picture (JPEG) of the `k`-th page kept.
    pub fn immagine(&mut self, k: usize) -> Result<Vec<u8>> {
        let (Some(file), Some(a)) = (&mut self.file, self.pagine.get(k)) else {
            return Ok(Vec::new());
        };
        let mut jpeg = vec![0; a.lunghezza];
        file.seek(SeekFrom::Start(a.inizio)).map_err(errore)?;
        file.read_exact(&mut jpeg).map_err(errore)?;
        Ok(jpeg)
    }
}
