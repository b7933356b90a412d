//! Writers: one xlsx workbook with a sheet per table, or one CSV per table
//! (UTF-8 with BOM and `;`, which Italian Excel opens without asking). Both
//! take the rows one at a time, as the store reads them.

use super::{Tabella, Tipo, Valore};
use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::io::Write;
use std::path::Path;

/// Rows of data an Excel sheet holds below its header.
pub const RIGHE_PER_FOGLIO: u32 = 1_048_575;

/// The workbook: one sheet per table, split into `nome (2)` … past Excel's
/// row limit. Its sheets are in constant-memory mode: each row goes to a
/// temporary file as soon as the next one starts, so memory stays the same
/// however many rows there are (rows must come in order, as they do).
pub struct Xlsx {
    wb: Workbook,
    header: Format,
    data: Format,
    ora: Format,
    /// The table being written, its sheet (index in the workbook), which part
    /// of the table the sheet is, and the rows of data the sheet has.
    tabella: Option<&'static Tabella>,
    foglio: usize,
    parte: usize,
    righe: u32,
    righe_per_foglio: u32,
}

impl Xlsx {
    /// A new workbook whose sheets keep their rows in temporary files in
    /// `cartella` (the output's folder), not in the system's, which may be
    /// in memory (tmpfs). They have no name: nothing is left if we are killed.
    pub fn nuovo(cartella: &Path) -> Result<Xlsx, XlsxError> {
        let mut wb = Workbook::new();
        wb.set_tempdir(cartella)?;
        Ok(Xlsx {
            wb,
            header: Format::new().set_bold().set_background_color("DDEBF7"),
            data: Format::new().set_num_format("dd/mm/yyyy"),
            ora: Format::new().set_num_format("hh:mm"),
            tabella: None,
            foglio: 0,
            parte: 0,
            righe: 0,
            righe_per_foglio: RIGHE_PER_FOGLIO,
        })
    }

    /// Starts the sheet of `t`: its rows follow with [`Xlsx::riga`].
    pub fn tabella(&mut self, t: &'static Tabella) -> Result<(), XlsxError> {
        self.tabella = Some(t);
        self.parte = 0;
        self.foglio(t)
    }

    /// A new sheet for the current part of `t`, with its header row.
    fn foglio(&mut self, t: &Tabella) -> Result<(), XlsxError> {
        let ws = self.wb.add_worksheet_with_constant_memory()?;
        ws.set_name(if self.parte == 0 {
            t.nome.to_string()
        } else {
            format!("{} ({})", t.nome, self.parte + 1)
        })?;
        for (col, c) in t.colonne.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, c.nome, &self.header)?;
            let width = match c.tipo {
                Tipo::Testo => 12.max(c.nome.chars().count() + 2),
                _ => 10.max(c.nome.chars().count() + 2),
            };
            ws.set_column_width(col as u16, width as f64)?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.foglio = self.wb.worksheets().len() - 1;
        self.righe = 0;
        Ok(())
    }

    /// The next row of the current table.
    pub fn riga(&mut self, riga: &[Valore]) -> Result<(), XlsxError> {
        if self.righe == self.righe_per_foglio
            && let Some(t) = self.tabella
        {
            self.parte += 1;
            self.foglio(t)?;
        }
        self.righe += 1;
        let ws = self.wb.worksheet_from_index(self.foglio)?;
        cella_riga(ws, self.righe, riga, &self.data, &self.ora)
    }

    /// Writes the whole workbook to `out`.
    pub fn salva<W: Write + Send>(mut self, out: W) -> Result<(), XlsxError> {
        self.wb.save_to_writer(out)
    }
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
                ws.write_string(row, col, s.as_ref())?;
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

/// One table as CSV: BOM, header, then one line per record as it comes, CRLF.
pub struct Csv<W: Write> {
    w: csv::Writer<W>,
    /// The text of one cell, reused cell after cell.
    cella: String,
}

impl<W: Write> Csv<W> {
    /// Writes the BOM and the header of `t`.
    pub fn nuovo(t: &Tabella, mut out: W) -> std::io::Result<Csv<W>> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            // The file is unbuffered: 64 KiB a write (a year's presences are 260 MB).
            .buffer_capacity(1 << 16)
            .from_writer(out);
        w.write_record(t.colonne.iter().map(|c| c.nome))?;
        Ok(Csv {
            w,
            cella: String::new(),
        })
    }

    /// One record.
    pub fn riga(&mut self, riga: &[Valore]) -> std::io::Result<()> {
        for v in riga {
            self.cella.clear();
            v.scrivi_testo(&mut self.cella);
            self.w.write_field(&self.cella)?;
        }
        // No more fields: ends the record, as `write_record` does after its own.
        self.w.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// Flushes what is still buffered.
    pub fn finisci(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabelle::TABELLE;
    use calamine::{Data, Reader};

    /// Past the row limit a table goes on in `nome (2)`, `nome (3)` …, each
    /// sheet with its header; the rows come back in order.
    #[test]
    fn a_table_past_the_row_limit_goes_on_in_further_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let t = &TABELLE[0];
        let mut x = Xlsx::nuovo(dir.path()).unwrap();
        x.righe_per_foglio = 2;
        x.tabella(t).unwrap();
        for i in 0..5 {
            let mut riga = vec![Valore::Vuoto; t.colonne.len()];
            riga[0] = Valore::Testo(format!("r{i}").into());
            x.riga(&riga).unwrap();
        }
        x.tabella(&TABELLE[1]).unwrap();
        let path = dir.path().join("t.xlsx");
        x.salva(std::fs::File::create(&path).unwrap()).unwrap();

        let mut wb = calamine::open_workbook_auto(&path).unwrap();
        let nomi = [
            t.nome,
            &format!("{} (2)", t.nome),
            &format!("{} (3)", t.nome),
            TABELLE[1].nome,
        ];
        assert_eq!(wb.sheet_names(), nomi);
        let mut letti = Vec::new();
        for nome in &nomi[..3] {
            let r = wb.worksheet_range(nome).unwrap();
            let mut rows = r.rows();
            assert_eq!(
                rows.next().unwrap()[0],
                Data::String(t.colonne[0].nome.into())
            );
            letti.extend(rows.map(|r| r[0].to_string()));
        }
        assert_eq!(letti, ["r0", "r1", "r2", "r3", "r4"]);
    }
}
