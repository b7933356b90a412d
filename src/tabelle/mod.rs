//! The files for the regional system [domain.md §7]: the tables of Modelli,
//! Interventi, Servizi, Incontri, presenze, destinatari and iscrizioni, one
//! row per record, with Italian column names. The columns are defined once,
//! here: the store's queries return them in this order, the writers
//! (`scrivi`) read their types, and `docs/tabelle.md` is generated from them.

pub mod colonne;
pub mod scrivi;

pub use colonne::{Chiave, Colonna, TABELLE, Tabella, Tipo};

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt::Write;

/// One cell, typed by its column. Its text is borrowed from the row being
/// read: a year's tables are 25 M cells, and none needs a copy of its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Valore<'a> {
    Vuoto,
    Testo(Cow<'a, str>),
    Intero(i64),
    Data(NaiveDate),
    Ora(NaiveTime),
    SiNo(bool),
}

impl Valore<'_> {
    /// The text a CSV cell holds, as Italian Excel reads it, never a formula.
    pub fn testo(&self) -> String {
        let mut out = String::new();
        self.scrivi_testo(&mut out);
        out
    }

    /// Appends [`Valore::testo`] to `out`, which the writer reuses cell after cell.
    pub fn scrivi_testo(&self, out: &mut String) {
        match self {
            Valore::Vuoto => {}
            Valore::Testo(s) => {
                // A text that a spreadsheet would run as a formula (`=HYPERLINK(…)`,
                // `+`, `-`, `@`, tab, CR) is written with a leading apostrophe.
                if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    out.push('\'');
                }
                out.push_str(s);
            }
            Valore::Intero(i) => {
                let _ = write!(out, "{i}");
            }
            // Digit by digit: chrono's `format` parses its pattern again for
            // every cell, and a year's presences hold 4.5 M dates and times.
            Valore::Data(d) if (0..=9999).contains(&d.year()) => {
                cifre(out, d.day(), 2);
                out.push('/');
                cifre(out, d.month(), 2);
                out.push('/');
                cifre(out, d.year() as u32, 4);
            }
            // A year beyond four digits as chrono writes it (`+10000`, `-0042`).
            Valore::Data(d) => {
                let _ = write!(out, "{}", d.format("%d/%m/%Y"));
            }
            Valore::Ora(t) => {
                cifre(out, t.hour(), 2);
                out.push(':');
                cifre(out, t.minute(), 2);
            }
            Valore::SiNo(b) => out.push_str(if *b { "Sì" } else { "No" }),
        }
    }
}

/// Appends the last `quante` digits of `n`, zero-padded.
fn cifre(out: &mut String, n: u32, quante: u32) {
    for k in (0..quante).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(k) % 10) as u8));
    }
}

/// Which file format to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Formato {
    /// One workbook, `tabelle.xlsx`, one sheet per table.
    #[default]
    Xlsx,
    /// One file per table, `<tabella>.csv`: UTF-8 with BOM, `;` separator.
    Csv,
}

impl Formato {
    pub fn parse(text: &str) -> Option<Formato> {
        match text.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Some(Formato::Xlsx),
            "csv" => Some(Formato::Csv),
            _ => None,
        }
    }
}

/// `docs/tabelle.md`: the tables and their columns, as the writers use them.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Tabelle per il sistema regionale\n\n\
         Generated from `src/tabelle/colonne.rs`; a test keeps this file in step \
         (`UPDATE_DOCS=1 cargo test --test tabelle` rewrites it).\n\n\
         `sportello tabelle --dal AAAA-MM-GG --al AAAA-MM-GG [--ente ID] [--territorio NOME] --out CARTELLA [--formato xlsx|csv]` \
         (operation `scrivi_tabelle`) writes:\n\n\
         - **xlsx** (default): one workbook `CARTELLA/tabelle.xlsx`, one sheet per table named as the table. \
         Dates are real Excel dates shown `gg/mm/aaaa`, times are Excel times shown `hh:mm`, numbers are numbers. \
         A table longer than an Excel sheet (1,048,575 rows) continues on `<tabella> (2)`, `(3)` ….\n\
         - **csv**: one file per table, `CARTELLA/<tabella>.csv`, UTF-8 with BOM, `;` separator, CRLF line ends \
         (what Italian Excel opens without questions). Dates `gg/mm/aaaa`, times `HH:MM`, yes/no `Sì`/`No`.\n\n\
         The first row holds the column names below, exactly. One row per record.\n\n\
         ## Which records\n\n\
         - **Servizi**: of the ente attuatore (`--ente`), in the territory (`--territorio`: the sede's or the RT's, \
         letters in any case, as the indicators choose), with at least one incontro dated in the period \
         (`--dal`/`--al`, both included). Without a period, every servizio of the body, with or without incontri.\n\
         - **Incontri**: of those servizi, dated in the period. **Presenze**: of those incontri.\n\
         - **Interventi**: those holding a chosen servizio; without a period or territory also every intervento of the body.\n\
         - **Modelli**: those linked to a chosen intervento; without a period or territory also every modello of the body.\n\
         - **Destinatari** and **iscrizioni**: enrolled in a chosen servizio (without any filter: every destinatario).\n\n\
         Ids are the stable record ids (UUID) that join the tables. Lists inside a cell (targets, CMS, enti) are \
         separated by `; `. Servizio totals (incontri, minutes, first and last date) count all its incontri, \
         not only those in the period.\n\n\
         Closed vocabularies are written as their codes:\n\n",
    );
    for (nome, codici) in colonne::vocabolari() {
        out.push_str(&format!("- {nome}: {}\n", codici.join(", ")));
    }
    for t in TABELLE {
        out.push_str(&format!(
            "\n## {} (`{}`)\n\nOne row per {}.\n\n| column | type | meaning |\n|---|---|---|\n",
            t.titolo, t.nome, t.riga
        ));
        for c in t.colonne {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                c.nome,
                c.tipo.nome(),
                c.descrizione
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_cell_is_never_a_formula() {
        let t = |s: &str| Valore::Testo(s.into()).testo();
        assert_eq!(t("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(t("+39 333"), "'+39 333");
        assert_eq!(t("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(t("-2+3"), "'-2+3");
        assert_eq!(t("Rossi"), "Rossi");
        assert_eq!(Valore::Intero(-2).testo(), "-2");
    }

    #[test]
    fn dates_and_times_as_chrono_formats_them() {
        for d in [
            "2025-11-03",
            "0001-01-31",
            "9999-12-31",
            "-0042-03-04",
            "+10000-01-01",
        ] {
            let d: NaiveDate = d.parse().unwrap();
            assert_eq!(Valore::Data(d).testo(), d.format("%d/%m/%Y").to_string());
        }
        for t in ["00:00", "08:05", "23:59"] {
            let t = NaiveTime::parse_from_str(t, "%H:%M").unwrap();
            assert_eq!(Valore::Ora(t).testo(), t.format("%H:%M").to_string());
        }
    }
}
