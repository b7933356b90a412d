//! Reading what schools send: spreadsheets (calamine: .xlsx, .xlsm, .xls, .ods)
//! and CSV files in whatever encoding and separator they were saved with, as a
//! grid of text cells. Dates typed as dates come out as `yyyy-mm-dd`; numbers
//! as they would be typed (`45123`, `2`), so the normalisers see one form.

use crate::error::{Error, Result};
use crate::limiti::{MAX_BYTE_FILE, MAX_COLONNE, MAX_RIGHE};
use calamine::{Data, DataRef, Reader};
use std::io::Read;
use std::path::Path;

/// A spreadsheet's archive, once decompressed (a class list is a few MB).
const MAX_BYTE_ESTRATTI: u64 = 256 * 1024 * 1024;
/// Files inside a spreadsheet's archive.
const MAX_VOCI_ARCHIVIO: usize = 10_000;
/// Distinct texts of one workbook (calamine reserves room for all of them).
const MAX_TESTI: usize = 1_000_000;
/// Cells with a value in the sheet read.
const MAX_CELLE: usize = 4_000_000;
/// Header and title lines allowed above the data, beyond the rows' limit.
const RIGHE_DI_TESTA: usize = 50;

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
/// Every size is checked before memory is spent on it: the file, its archive,
/// its texts, its rows, columns and cells (`limiti`).
pub fn leggi(path: &Path) -> Result<Griglia> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let nome = path.display();
    let dimensione = std::fs::metadata(path)
        .map_err(|e| {
            Error::dati(format!(
                "Non riesco a leggere {nome}: {}.",
                crate::error::io_it(&e)
            ))
        })?
        .len();
    if dimensione > MAX_BYTE_FILE {
        return Err(Error::dati(format!(
            "{nome} pesa {} MB: il massimo è {} MB. Dividi l'elenco in più file.",
            dimensione / (1024 * 1024),
            MAX_BYTE_FILE / (1024 * 1024)
        )));
    }
    let griglia = match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| {
                Error::dati(format!(
                    "Non riesco a leggere {nome}: {}.",
                    crate::error::io_it(&e)
                ))
            })?;
            leggi_csv(&bytes)
        }
        "xlsx" | "xlsm" => {
            misura_archivio(path)?;
            leggi_xlsx(path)?
        }
        "ods" => {
            misura_archivio(path)?;
            leggi_foglio(path)?
        }
        "xls" | "xlsb" => leggi_foglio(path)?,
        _ => {
            return Err(Error::dati(format!(
                "{nome}: formato non riconosciuto. Sono accettati .xlsx, .xls, .ods e .csv."
            )));
        }
    };
    let colonne = griglia.righe.iter().map(Vec::len).max().unwrap_or(0);
    if griglia.righe.len() > MAX_RIGHE + RIGHE_DI_TESTA || colonne > MAX_COLONNE {
        return Err(troppe(path, griglia.righe.len(), colonne));
    }
    Ok(griglia)
}

fn troppe(path: &Path, righe: usize, colonne: usize) -> Error {
    Error::dati(format!(
        "{} ha {righe} righe e {colonne} colonne: il massimo è {MAX_RIGHE} righe e {MAX_COLONNE} colonne. \
         Dividi l'elenco in più file, o togli le celle usate lontano dai dati.",
        path.display()
    ))
}

fn illeggibile(path: &Path) -> Error {
    Error::dati(format!(
        "Non riesco ad aprire {} come foglio di calcolo: il file è danneggiato o non è un foglio Excel. \
         Salvalo di nuovo come .xlsx o .csv.",
        path.display()
    ))
}

/// The archive of an .xlsx or .ods, measured from its directory before any
/// part is decompressed: how many files, how big once extracted, and how many
/// distinct texts the workbook announces (calamine reserves room for them).
fn misura_archivio(path: &Path) -> Result<()> {
    let nome = path.display();
    let f = std::fs::File::open(path).map_err(|_| illeggibile(path))?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|_| illeggibile(path))?;
    if zip.len() > MAX_VOCI_ARCHIVIO {
        return Err(illeggibile(path));
    }
    let mut estratti: u64 = 0;
    for i in 0..zip.len() {
        let voce = zip.by_index_raw(i).map_err(|_| illeggibile(path))?;
        estratti = estratti.saturating_add(voce.size());
    }
    if estratti > MAX_BYTE_ESTRATTI {
        return Err(Error::dati(format!(
            "{nome} occuperebbe {} MB una volta aperto: il massimo è {} MB.",
            estratti / (1024 * 1024),
            MAX_BYTE_ESTRATTI / (1024 * 1024)
        )));
    }
    if let Ok(sst) = zip.by_name("xl/sharedStrings.xml") {
        let dichiarati = sst.size();
        let mut testa = Vec::with_capacity(2048);
        sst.take(2048)
            .read_to_end(&mut testa)
            .map_err(|_| illeggibile(path))?;
        let testa = String::from_utf8_lossy(&testa);
        let unici = testa
            .split("uniqueCount=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(|v| v.parse::<u64>().unwrap_or(u64::MAX));
        // Each distinct text takes at least `<si><t/></si>`, 12 bytes.
        if unici
            .is_some_and(|n| n > MAX_TESTI as u64 || n.saturating_mul(12) > dichiarati.max(1024))
        {
            return Err(Error::dati(format!(
                "{nome} dichiara più testi di quanti ne contenga (o più di {MAX_TESTI}): \
                 il file è danneggiato. Salvalo di nuovo come .xlsx o .csv."
            )));
        }
    }
    Ok(())
}

/// The sheet to read: the first that is not the instructions.
fn scegli_foglio(fogli: &[String], path: &Path) -> Result<String> {
    fogli
        .iter()
        .find(|f| !f.to_lowercase().starts_with("istruzion"))
        .or(fogli.first())
        .cloned()
        .ok_or_else(|| Error::dati(format!("{} non contiene fogli.", path.display())))
}

/// An .xlsx read cell by cell: a stray cell at XFD1048576 is refused by its
/// position, never turned into a grid of seventeen billion cells.
fn leggi_xlsx(path: &Path) -> Result<Griglia> {
    let f = std::fs::File::open(path).map_err(|_| illeggibile(path))?;
    let mut wb: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::BufReader::new(f)).map_err(|_| illeggibile(path))?;
    let scelto = scegli_foglio(wb.sheet_names().as_slice(), path)?;
    let mut celle = wb
        .worksheet_cells_reader(&scelto)
        .map_err(|_| illeggibile(path))?;
    let mut righe: Vec<Vec<String>> = Vec::new();
    let mut n = 0usize;
    while let Some(cella) = celle.next_cell().map_err(|_| illeggibile(path))? {
        let valore = testo_ref(cella.get_value());
        if valore.is_empty() {
            continue;
        }
        let (r, c) = cella.get_position();
        let (r, c) = (r as usize, c as usize);
        n += 1;
        if r >= MAX_RIGHE + RIGHE_DI_TESTA || c >= MAX_COLONNE || n > MAX_CELLE {
            return Err(Error::dati(format!(
                "{}: la cella {} è oltre i limiti ({MAX_RIGHE} righe, {MAX_COLONNE} colonne, {MAX_CELLE} celle). \
                 Togli le celle usate lontano dai dati, o dividi l'elenco in più file.",
                path.display(),
                nome_cella(r, c)
            )));
        }
        if righe.len() <= r {
            righe.resize_with(r + 1, Vec::new);
        }
        let riga = &mut righe[r];
        if riga.len() <= c {
            riga.resize(c + 1, String::new());
        }
        riga[c] = valore;
    }
    Ok(Griglia {
        righe,
        foglio: scelto,
    })
}

/// Other spreadsheets (.xls, .xlsb, .ods) through calamine's whole-sheet reader.
fn leggi_foglio(path: &Path) -> Result<Griglia> {
    let mut wb = calamine::open_workbook_auto(path).map_err(|_| illeggibile(path))?;
    let scelto = scegli_foglio(&wb.sheet_names(), path)?;
    let range = wb.worksheet_range(&scelto).map_err(|_| illeggibile(path))?;
    let (righe_n, colonne_n) = range.get_size();
    if righe_n > MAX_RIGHE + RIGHE_DI_TESTA || colonne_n > MAX_COLONNE {
        return Err(troppe(path, righe_n, colonne_n));
    }
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

/// A cell read by reference, as text (as [`testo`]).
fn testo_ref(d: &DataRef) -> String {
    match d {
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Int(i) => testo(&Data::Int(*i)),
        DataRef::Float(f) => testo(&Data::Float(*f)),
        DataRef::Bool(b) => testo(&Data::Bool(*b)),
        DataRef::DateTime(dt) => testo(&Data::DateTime(*dt)),
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
    // UTF-16, as "Unicode text" from Excel: by its BOM, or by the zero bytes of
    // an ASCII-heavy text without one.
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        return enc.decode_with_bom_removal(bytes).0.into_owned();
    }
    let testa = &bytes[..bytes.len().min(512)];
    let zeri_dispari = testa.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if testa.len() >= 4 && zeri_dispari * 4 > testa.len() {
        return encoding_rs::UTF_16LE
            .decode_without_bom_handling(bytes)
            .0
            .into_owned();
    }
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
        let utf16 = |bom: bool| {
            let mut b: Vec<u8> = if bom { vec![0xFF, 0xFE] } else { vec![] };
            b.extend("Città;Nome".encode_utf16().flat_map(u16::to_le_bytes));
            b
        };
        assert_eq!(decode(&utf16(true)), "Città;Nome");
        assert_eq!(decode(&utf16(false)), "Città;Nome");
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
