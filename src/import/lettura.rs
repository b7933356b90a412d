//! Reading what schools send: spreadsheets (calamine: .xlsx, .xlsm, .xls, .ods)
//! and CSV files in whatever encoding and separator they were saved with, as a
//! grid of text cells. Dates typed as dates come out as `yyyy-mm-dd`; numbers
//! as they would be typed (`45123`, `2`), so the normalisers see one form.

use crate::error::{Error, Result};
use calamine::{Data, Reader};
use std::path::Path;

/// The cells of the sheet that holds the data, row by row.
#[derive(Debug, Clone, Default)]
pub struct Griglia {
    pub righe: Vec<Vec<String>>,
    /// Name of the sheet read (empty for CSV).
    pub foglio: String,
}

impl Griglia {
    pub fn cella(&self, riga: usize, colonna: usize) -> &str {
        self.righe
            .get(riga)
            .and_then(|r| r.get(colonna))
            .map_or("", |s| s.trim())
    }
}

/// The spreadsheet name of a cell, from 0-based row and column: (2, 11) → `C12`.
pub fn nome_cella(riga: usize, colonna: usize) -> String {
    format!("{}{}", nome_colonna(colonna), riga + 1)
}

pub fn nome_colonna(mut colonna: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (colonna % 26) as u8);
        if colonna < 26 {
            break;
        }
        colonna = colonna / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

/// Reads the first sheet that is not the instructions (or the CSV), by extension.
pub fn leggi(path: &Path) -> Result<Griglia> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let nome = path.display();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path)
                .map_err(|e| Error::dati(format!("Non riesco a leggere {nome}: {e}.")))?;
            Ok(leggi_csv(&bytes))
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            let mut wb = calamine::open_workbook_auto(path).map_err(|e| {
                Error::dati(format!(
                    "Non riesco ad aprire {nome} come foglio di calcolo: {e}. Salvalo di nuovo come .xlsx o .csv."
                ))
            })?;
            let fogli = wb.sheet_names().to_vec();
            let scelto = fogli
                .iter()
                .find(|f| !f.to_lowercase().starts_with("istruzion"))
                .or(fogli.first())
                .ok_or_else(|| Error::dati(format!("{nome} non contiene fogli.")))?
                .clone();
            let range = wb.worksheet_range(&scelto).map_err(|e| {
                Error::dati(format!("Non riesco a leggere il foglio «{scelto}»: {e}."))
            })?;
            // The range starts at its first used cell; keep spreadsheet coordinates.
            let (r0, c0) = range
                .start()
                .map_or((0, 0), |(r, c)| (r as usize, c as usize));
            let mut righe = vec![Vec::new(); r0];
            for row in range.rows() {
                let mut cells = vec![String::new(); c0];
                cells.extend(row.iter().map(testo));
                righe.push(cells);
            }
            Ok(Griglia {
                righe,
                foglio: scelto,
            })
        }
        _ => Err(Error::dati(format!(
            "{nome}: formato non riconosciuto. Sono accettati .xlsx, .xls, .ods e .csv."
        ))),
    }
}

/// A spreadsheet cell as text.
fn testo(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "sì" } else { "no" }.into(),
        Data::DateTime(dt) => super::normalizza::data_da_seriale(dt.as_f64())
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    }
}

/// A CSV file: UTF-8 or Latin-1, `;` or `,` (or tab) as separator.
pub fn leggi_csv(bytes: &[u8]) -> Griglia {
    let text = decode(bytes);
    let sep = separatore(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let righe = reader
        .records()
        .map(|r| {
            r.map(|r| r.iter().map(str::to_owned).collect())
                .unwrap_or_default()
        })
        .collect();
    Griglia {
        righe,
        foglio: String::new(),
    }
}

/// The separator used most on a single line among the first ones (the header
/// has one per column; title lines above it have none).
fn separatore(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().take(20).collect();
    [b'\t', b',', b';']
        .into_iter()
        .max_by_key(|&sep| {
            lines
                .iter()
                .map(|l| l.matches(char::from(sep)).count())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(b';')
}

/// Text of a file that may be UTF-8 (with or without BOM) or Windows-1252/Latin-1,
/// the two encodings Italian office software writes.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_latin1_decode_alike() {
        assert_eq!(decode("\u{FEFF}Città".as_bytes()), "Città");
        assert_eq!(decode(b"Citt\xE0"), "Città");
    }

    #[test]
    fn cells_are_named_as_in_a_spreadsheet() {
        assert_eq!(nome_cella(11, 2), "C12");
        assert_eq!(nome_colonna(25), "Z");
        assert_eq!(nome_colonna(26), "AA");
        assert_eq!(nome_colonna(701), "ZZ");
    }

    #[test]
    fn csv_separator_and_quotes() {
        let g = leggi_csv("Cognome;Nome;Note\n\"D'Amico; Rossi\";Anna;x\n".as_bytes());
        assert_eq!(g.righe[1], ["D'Amico; Rossi", "Anna", "x"]);
        let g = leggi_csv(b"Cognome,Nome\nRossi,Anna\n");
        assert_eq!(g.righe[1], ["Rossi", "Anna"]);
        let g = leggi_csv(b"Elenco 3A\n\nCognome;Nome;Note\nRossi;Anna;a, b\n");
        assert_eq!(g.righe.last().unwrap(), &["Rossi", "Anna", "a, b"]);
    }
}
