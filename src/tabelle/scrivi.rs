//! Writers: one xlsx workbook with a sheet per table, or one CSV per table
//! (UTF-8 with BOM and `;`, which Italian Excel opens without asking).

use super::{Righe, Tabella, Tipo, Valore};
use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::io::Write;

/// Rows of data an Excel sheet holds below its header.
pub const RIGHE_PER_FOGLIO: usize = 1_048_575;

/// The workbook: one sheet per table, split into `nome (2)` … past Excel's row limit.
pub fn xlsx(tabelle: &[(&Tabella, Righe)]) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let header = Format::new().set_bold().set_background_color("DDEBF7");
    let data = Format::new().set_num_format("dd/mm/yyyy");
    let ora = Format::new().set_num_format("hh:mm");
    for (t, righe) in tabelle {
        let parti: Vec<&[Vec<Valore>]> = if righe.is_empty() {
            vec![&[]]
        } else {
            righe.chunks(RIGHE_PER_FOGLIO).collect()
        };
        for (k, parte) in parti.into_iter().enumerate() {
            let ws = wb.add_worksheet();
            ws.set_name(if k == 0 {
                t.nome.to_string()
            } else {
                format!("{} ({})", t.nome, k + 1)
            })?;
            for (col, c) in t.colonne.iter().enumerate() {
                ws.write_string_with_format(0, col as u16, c.nome, &header)?;
                let width = match c.tipo {
                    Tipo::Testo => 12.max(c.nome.chars().count() + 2),
                    _ => 10.max(c.nome.chars().count() + 2),
                };
                ws.set_column_width(col as u16, width as f64)?;
            }
            ws.set_freeze_panes(1, 0)?;
            for (r, riga) in parte.iter().enumerate() {
                cella_riga(ws, r as u32 + 1, riga, &data, &ora)?;
            }
        }
    }
    Ok(wb)
}

fn cella_riga(
    ws: &mut Worksheet,
    row: u32,
    riga: &[Valore],
    data: &Format,
    ora: &Format,
) -> Result<(), XlsxError> {
    for (col, v) in riga.iter().enumerate() {
        let col = col as u16;
        match v {
            Valore::Vuoto => {}
            Valore::Testo(s) => {
                ws.write_string(row, col, s)?;
            }
            Valore::Intero(i) => {
                ws.write_number(row, col, *i as f64)?;
            }
            Valore::Data(d) => {
                let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                ws.write_datetime_with_format(row, col, &dt, data)?;
            }
            Valore::Ora(t) => {
                let dt = ExcelDateTime::from_hms(t.hour() as u16, t.minute() as u8, 0)?;
                ws.write_datetime_with_format(row, col, &dt, ora)?;
            }
            Valore::SiNo(b) => {
                ws.write_string(row, col, if *b { "Sì" } else { "No" })?;
            }
        }
    }
    Ok(())
}

/// One table as CSV: BOM, header, one line per record, CRLF.
pub fn csv<W: Write>(t: &Tabella, righe: &Righe, out: W) -> std::io::Result<()> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(t.colonne.iter().map(|c| c.nome))?;
    for riga in righe {
        w.write_record(riga.iter().map(Valore::testo))?;
    }
    w.flush()
}
