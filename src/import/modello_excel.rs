//! The Excel template Sportello hands to schools: one sheet of columns with
//! drop-down lists for the closed values, and the instructions in Italian.
//! What it writes, the participants import reads back without questions.

use super::colonne::Campo;
use crate::domain::Vocabolario;
use crate::domain::dati_peculiari::{CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio};
use crate::error::{Error, Result};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Formula, Workbook, XlsxError};

/// Rows prepared with drop-downs and formats.
const RIGHE: u32 = 2000;

const ISTRUZIONI: &[&str] = &[
    "Modello per l'elenco dei partecipanti – Sportello",
    "",
    "Compila il foglio «Destinatari»: una riga per ragazzo o ragazza, a partire dalla riga 2. Non cambiare le intestazioni.",
    "Codice fiscale: 16 caratteri, come sulla tessera sanitaria. Spazi e minuscole sono accettati.",
    "Sesso: M o F. Data di nascita: gg/mm/aaaa.",
    "Nati all'estero: lascia vuoto il comune e indica lo stato estero; la città estera è facoltativa.",
    "E-mail o telefono: almeno uno dei due. Se la scuola non li fornisce, Sportello può usare i recapiti della scuola.",
    "Classe: un numero da 1 a 5. Sezione: la lettera (A, B…).",
    "Titolo di studio, condizione occupazionale e condizione abitativa: scegli dall'elenco a discesa.",
    "Disabilità: Sì o No; se lasci vuoto vale No.",
    "",
    "Prima di importare, Sportello mostra un'anteprima riga per riga: nulla viene scritto finché non confermi.",
];

fn xlsx(e: XlsxError) -> Error {
    let perche = match e {
        XlsxError::IoError(e) => crate::error::io_it(&e),
        _ => "un valore supera i limiti di Excel".into(),
    };
    Error::dati(format!("Non riesco a creare il modello Excel: {perche}."))
}

/// The template as the bytes of an .xlsx file.
pub fn modello_excel() -> Result<Vec<u8>> {
    build().map_err(xlsx)
}

/// Closed lists live on a hidden sheet: Excel limits inline lists to 255 characters.
type Liste = [(Campo, Vec<&'static str>); 3];

fn build() -> std::result::Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let liste = liste();
    foglio_destinatari(&mut wb, &liste)?;
    foglio_istruzioni(&mut wb)?;
    foglio_liste(&mut wb, &liste)?;
    wb.save_to_buffer()
}

/// The labels of each closed column, in the order of the vocabulary.
fn liste() -> Liste {
    [
        (
            Campo::TitoloStudio,
            TitoloStudio::ALL.iter().map(|v| v.label()).collect(),
        ),
        (
            Campo::CondizioneOccupazionale,
            CondizioneOccupazionale::ALL
                .iter()
                .map(|v| v.label())
                .collect(),
        ),
        (
            Campo::CondizioneAbitativa,
            CondizioneAbitativa::ALL.iter().map(|v| v.label()).collect(),
        ),
    ]
}

/// The sheet the school fills: a header per field, text and date formats,
/// a drop-down or a check under each closed field.
fn foglio_destinatari(wb: &mut Workbook, liste: &Liste) -> std::result::Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color("DDEBF7")
        .set_text_wrap();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("Destinatari")?;
    let colonne: Vec<Campo> = Campo::modello().collect();
    for (i, campo) in colonne.iter().enumerate() {
        let col = i as u16;
        ws.write_string_with_format(0, col, campo.intestazione(), &header)?;
        ws.set_column_width(
            col,
            if *campo == Campo::CodiceFiscale {
                20
            } else {
                18
            },
        )?;
        // Codici fiscali stay text (Excel would read some as numbers).
        match campo {
            Campo::CodiceFiscale => {
                ws.set_column_format(col, &text)?;
            }
            Campo::DataNascita => {
                ws.set_column_format(col, &date)?;
            }
            _ => {}
        }
        if let Some(dv) = validazione(campo, liste)? {
            ws.add_data_validation(1, col, RIGHE, col, &dv)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// What a cell of the field accepts: a closed list, or the classe's range.
fn validazione(
    campo: &Campo,
    liste: &Liste,
) -> std::result::Result<Option<DataValidation>, XlsxError> {
    Ok(match campo {
        Campo::Sesso => Some(DataValidation::new().allow_list_strings(&["M", "F"])?),
        Campo::Disabilita => Some(DataValidation::new().allow_list_strings(&["Sì", "No"])?),
        Campo::Classe => Some(
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(1, 5))
                .set_error_message("La classe è un numero da 1 a 5.")?,
        ),
        c => liste.iter().position(|(l, _)| l == c).map(|k| {
            let n = liste[k].1.len();
            let colonna = (b'A' + k as u8) as char;
            DataValidation::new()
                .allow_list_formula(Formula::new(format!("=Liste!${colonna}$1:${colonna}${n}")))
        }),
    })
}

fn foglio_istruzioni(wb: &mut Workbook) -> std::result::Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Istruzioni")?;
    ws.set_column_width(0, 110)?;
    for (i, riga) in ISTRUZIONI.iter().enumerate() {
        ws.write_string(i as u32, 0, *riga)?;
    }
    Ok(())
}

/// The hidden sheet the drop-downs read, one column per closed list.
fn foglio_liste(wb: &mut Workbook, liste: &Liste) -> std::result::Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Liste")?;
    for (k, (_, voci)) in liste.iter().enumerate() {
        for (r, v) in voci.iter().enumerate() {
            ws.write_string(r as u32, k as u16, *v)?;
        }
    }
    ws.set_hidden(true);
    Ok(())
}
