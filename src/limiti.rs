//! How big any input may be, checked before it is stored or laid out: one
//! table, so a reviewer sees every limit in one place. A refusal names the
//! field and the limit, in Italian. The JSON of every operation (window,
//! command line) and every record of an exchange file pass [`controlla`].

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// The JSON of one operation, before it is parsed.
pub const MAX_BYTE_OPERAZIONE: usize = 16 * 1024 * 1024;
/// Any text not listed in [`PER_CAMPO`] (notes, reasons, descriptions).
pub const MAX_TESTO: usize = 4000;
/// Items of any list in one operation (presences, enrolments…).
pub const MAX_ELEMENTI: usize = 100_000;
/// A spreadsheet or CSV offered to an import.
pub const MAX_BYTE_FILE: u64 = 50 * 1024 * 1024;
/// A scanned register (PDF or image) offered to the reader: a 300 dpi grey
/// scan is about 1 MB a page.
pub const MAX_BYTE_SCANSIONE: u64 = 300 * 1024 * 1024;
/// Pages read from one scanned file.
pub const MAX_PAGINE_SCANSIONE: usize = 1000;
/// Pixels of one scanned page, checked before it is decoded: an A4 page at
/// 600 dpi is 35 million.
pub const MAX_PIXEL_PAGINA: u64 = 40_000_000;
/// Box crops sent to the window by one reading (about 4 KB each): the
/// boxes of open incontri, the first ones past this have none.
pub const MAX_RITAGLI: usize = 5_000;
/// Rows of one imported list (a region's schools are ~60,000).
pub const MAX_RIGHE: usize = 100_000;
/// Columns read from one sheet.
pub const MAX_COLONNE: usize = 200;
/// Any date anywhere: a register, a deadline, a year of indicators.
pub const ANNO_MIN: i32 = 1900;
pub const ANNO_MAX: i32 = 2100;
/// The first year an incontro may be dated (the programmes began after it).
pub const ANNO_MIN_INCONTRO: i32 = 2000;

/// Fields with their own length, by the name they have in every input (and
/// in the database's columns, so an exchange file meets the same limits).
pub static PER_CAMPO: &[(&str, usize)] = &[
    ("cognome", 200),
    ("nome", 200),
    ("titolo", 200),
    ("codice_fiscale", 32),
    ("comune_nascita", 200),
    ("stato_estero_nascita", 200),
    ("citta_estera_nascita", 200),
    ("cittadinanza", 200),
    ("email", 254),
    ("pec", 254),
    ("telefono", 40),
    ("sezione", 20),
    ("indirizzo", 300),
    ("comune", 200),
    ("provincia", 40),
    ("cap", 10),
    ("codice_meccanografico", 20),
    ("motivo", 1000),
];

fn max_per(campo: &str) -> usize {
    PER_CAMPO
        .iter()
        .find(|(c, _)| *c == campo)
        .map_or(MAX_TESTO, |(_, n)| *n)
}

/// One text field: refused when longer than its limit.
pub fn testo(campo: &str, valore: &str) -> Result<()> {
    // A NUL or another control character (a broken export, a pasted binary)
    // would print as nothing and break the files we write.
    if valore
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::dati_campo(
            campo,
            format!(
                "Il campo «{campo}» contiene caratteri di controllo (non stampabili): correggilo e riprova."
            ),
        ));
    }
    let max = max_per(campo);
    let n = valore.chars().count();
    if n > max {
        return Err(Error::dati_campo(
            campo,
            format!(
                "Il campo «{campo}» è lungo {n} caratteri: il massimo è {max}. Accorcialo e riprova."
            ),
        ));
    }
    Ok(())
}

/// Any date: within the years Sportello can lay out and count.
pub fn data(campo: &str, d: NaiveDate) -> Result<()> {
    if !(ANNO_MIN..=ANNO_MAX).contains(&d.year()) {
        return Err(Error::dati_campo(
            campo,
            format!(
                "La data {} di «{campo}» non è plausibile: indica un anno tra {ANNO_MIN} e {ANNO_MAX}.",
                d.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(())
}

/// A birth date: from 1900 to today.
pub fn data_nascita(d: NaiveDate, oggi: NaiveDate) -> Result<()> {
    data("data_nascita", d)?;
    if d > oggi {
        return Err(Error::dati_campo(
            "data_nascita",
            format!(
                "La data di nascita {} è nel futuro: controllala.",
                d.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(())
}

/// An incontro's date: from 2000 to 2100.
pub fn data_incontro(d: NaiveDate) -> Result<()> {
    if !(ANNO_MIN_INCONTRO..=ANNO_MAX).contains(&d.year()) {
        return Err(Error::dati_campo(
            "data",
            format!(
                "La data {} dell'incontro non è plausibile: indica un anno tra {ANNO_MIN_INCONTRO} e {ANNO_MAX}.",
                d.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(())
}

/// Walks a whole input: every text within its field's limit, every list
/// within [`MAX_ELEMENTI`], every text that reads as a date within
/// [`ANNO_MIN`]–[`ANNO_MAX`]. Run before the input becomes typed data.
pub fn controlla(v: &Value) -> Result<()> {
    cammina(None, v, 0)
}

/// One named value (a column of an exchange file's record), as [`controlla`].
pub fn controlla_campo(campo: &str, v: &Value) -> Result<()> {
    cammina(Some(campo), v, 0)
}

fn cammina(campo: Option<&str>, v: &Value, profondita: usize) -> Result<()> {
    if profondita > 32 {
        return Err(Error::dati("Dati annidati troppo in profondità."));
    }
    match v {
        Value::String(s) => {
            let nome = campo.unwrap_or("testo");
            testo(nome, s)?;
            if let Some(d) = come_data(s) {
                data(nome, d)?;
            }
            Ok(())
        }
        Value::Array(a) => {
            if a.len() > MAX_ELEMENTI {
                return Err(Error::dati(format!(
                    "L'elenco «{}» ha {} elementi: il massimo è {MAX_ELEMENTI}.",
                    campo.unwrap_or("dati"),
                    a.len()
                )));
            }
            a.iter().try_for_each(|x| cammina(campo, x, profondita + 1))
        }
        Value::Object(o) => o
            .iter()
            .try_for_each(|(k, x)| cammina(Some(k), x, profondita + 1)),
        _ => Ok(()),
    }
}

/// A text that chrono would read as a date (`2026-01-20`, `+262142-12-31`).
fn come_data(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    let plausibile = t.len() >= 10
        && t.len() <= 16
        && t.as_bytes()[t.len() - 3] == b'-'
        && t.as_bytes()[t.len() - 6] == b'-';
    plausibile.then(|| t.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_dates_and_lists_have_limits() {
        assert!(controlla(&json!({"cognome": "Rossi", "data": "2026-01-20"})).is_ok());
        let e = controlla(&json!({"cognome": "x".repeat(201)})).unwrap_err();
        assert!(e.to_string().contains("massimo è 200"), "{e}");
        assert!(controlla(&json!({"note": "x".repeat(4000)})).is_ok());
        assert!(controlla(&json!({"note": "riga uno\nriga due"})).is_ok());
        assert!(controlla(&json!({"cognome": "Ver\u{0}di"})).is_err());
        assert!(controlla(&json!({"note": "x".repeat(4001)})).is_err());
        let e = controlla(&json!({"dati": {"data": "+262142-12-31"}})).unwrap_err();
        assert!(e.to_string().contains("non è plausibile"), "{e}");
        assert!(controlla(&json!({"data_nascita": "0000-01-01"})).is_err());
        assert!(controlla(&json!({"presenze": vec![0; MAX_ELEMENTI + 1]})).is_err());
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(data_nascita(d("2110-01-01"), d("2026-01-20")).is_err());
        assert!(data_nascita(d("2027-01-01"), d("2026-01-20")).is_err());
        assert!(data_nascita(d("2012-01-01"), d("2026-01-20")).is_ok());
        assert!(data_incontro(d("1999-12-31")).is_err());
        assert!(data_incontro(d("2026-01-20")).is_ok());
    }
}
