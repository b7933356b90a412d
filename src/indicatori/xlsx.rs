//! The indicators as a workbook for the coordinator: a summary sheet, then
//! one sheet per breakdown (per action, destinatari, UCS, seed 002).

use super::Indicatori;
use crate::domain::Vocabolario;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

fn intestazione(ws: &mut Worksheet, colonne: &[&str], f: &Format) -> Result<(), XlsxError> {
    for (i, c) in colonne.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *c, f)?;
        ws.set_column_width(i as u16, 12.max(c.chars().count() + 2) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn data(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), |d| d.format("%d/%m/%Y").to_string())
}

/// The bold header and the euro format every sheet uses.
struct Formati {
    h: Format,
    euro: Format,
}

pub fn workbook(x: &Indicatori) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let f = Formati {
        h: Format::new().set_bold().set_background_color("DDEBF7"),
        euro: Format::new().set_num_format("#,##0.00 €"),
    };
    for foglio in [sintesi, per_azione, destinatari, costi, fisici] {
        foglio(wb.add_worksheet(), x, &f)?;
    }
    Ok(wb)
}

/// The summary: the period, the totals, the cost recognised.
fn sintesi(ws: &mut Worksheet, x: &Indicatori, f: &Formati) -> Result<(), XlsxError> {
    ws.set_name("Sintesi")?;
    ws.set_column_width(0, 60)?;
    ws.set_column_width(1, 18)?;
    let a = &x.ambito;
    let t = &x.totale;
    let righe: Vec<(&str, f64)> = vec![
        ("Destinatari raggiunti", x.destinatari.totale as f64),
        ("di cui femmine", x.destinatari.femmine as f64),
        ("di cui con disabilità", x.destinatari.con_disabilita as f64),
        ("di cui dispersi", x.destinatari.dispersi as f64),
        (
            "Servizi con famiglie (OR3): numero famiglie",
            x.famiglie.numero_famiglie as f64,
        ),
        (
            "Servizi con famiglie (OR3): presenze di famiglie agli incontri",
            x.famiglie.presenze_famiglie as f64,
        ),
        ("Servizi attivi nel periodo", t.servizi_attivi as f64),
        ("Servizi avviati nel periodo", t.servizi_avviati as f64),
        ("Servizi chiusi nel periodo", t.servizi_chiusi as f64),
        (
            "Servizi chiusi in ritardo (SER-11)",
            t.servizi_chiusi_in_ritardo as f64,
        ),
        ("Incontri", t.incontri as f64),
        ("Incontri chiusi", t.incontri_chiusi as f64),
        (
            "Incontri chiusi in ritardo (INC-06)",
            t.incontri_chiusi_in_ritardo as f64,
        ),
        (
            "Incontri ancora aperti e in ritardo (INC-06)",
            t.incontri_aperti_in_ritardo as f64,
        ),
        ("Ore erogate", t.ore),
    ];
    ws.write_string_with_format(0, 0, "Indicatori di monitoraggio – Sportello", &f.h)?;
    ws.write_string(
        1,
        0,
        format!("Periodo: dal {} al {}", data(a.dal), data(a.al)),
    )?;
    ws.write_string(
        2,
        0,
        format!(
            "Ente attuatore: {}; territorio: {}; calcolati il {}",
            a.ente_attuatore_id
                .map_or("tutti".into(), |i| i.to_string()),
            a.territorio.as_deref().unwrap_or("tutti"),
            x.oggi.format("%d/%m/%Y")
        ),
    )?;
    let mut r = 4;
    for (k, v) in righe {
        ws.write_string(r, 0, k)?;
        ws.write_number(r, 1, v)?;
        r += 1;
    }
    ws.write_string(r, 0, "Costo riconosciuto (UCS, seed 004)")?;
    ws.write_number_with_format(r, 1, x.costo_riconosciuto, &f.euro)?;
    Ok(())
}

/// One row per action of the catalogue, then the total.
fn per_azione(ws: &mut Worksheet, x: &Indicatori, f: &Formati) -> Result<(), XlsxError> {
    ws.set_name("Per azione")?;
    intestazione(
        ws,
        &[
            "Catalogo",
            "Codice azione",
            "Azione",
            "Servizi attivi",
            "Servizi avviati",
            "Servizi chiusi",
            "Servizi chiusi in ritardo (SER-11)",
            "Incontri",
            "Incontri individuali",
            "Incontri di gruppo",
            "Incontri chiusi",
            "Incontri chiusi in ritardo (INC-06)",
            "Incontri aperti in ritardo",
            "Ore erogate",
            "Destinatari raggiunti",
        ],
        &f.h,
    )?;
    for (i, p) in x
        .azioni
        .iter()
        .chain(std::iter::once(&x.totale))
        .enumerate()
    {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &p.catalogo)?;
        ws.write_string(r, 1, &p.codice_azione)?;
        ws.write_string(r, 2, &p.nome)?;
        let numeri = [
            p.servizi_attivi,
            p.servizi_avviati,
            p.servizi_chiusi,
            p.servizi_chiusi_in_ritardo,
            p.incontri,
            p.incontri_individuali,
            p.incontri_di_gruppo,
            p.incontri_chiusi,
            p.incontri_chiusi_in_ritardo,
            p.incontri_aperti_in_ritardo,
        ];
        for (k, n) in numeri.iter().enumerate() {
            ws.write_number(r, 3 + k as u16, *n as f64)?;
        }
        ws.write_number(r, 13, p.ore)?;
        ws.write_number(r, 14, p.destinatari as f64)?;
    }
    Ok(())
}

/// Destinatari reached, per target and per class.
fn destinatari(ws: &mut Worksheet, x: &Indicatori, f: &Formati) -> Result<(), XlsxError> {
    ws.set_name("Destinatari")?;
    intestazione(ws, &["Dimensione", "Voce", "Destinatari"], &f.h)?;
    let mut r = 1;
    for (dim, list) in [
        ("Target", &x.destinatari.per_target),
        ("Classe", &x.destinatari.per_classe),
    ] {
        for c in list {
            ws.write_string(r, 0, dim)?;
            ws.write_string(r, 1, &c.voce)?;
            ws.write_number(r, 2, c.destinatari as f64)?;
            r += 1;
        }
    }
    Ok(())
}

/// The unit costs (UCS, seed 004) per action and modality.
fn costi(ws: &mut Worksheet, x: &Indicatori, f: &Formati) -> Result<(), XlsxError> {
    ws.set_name("Costi UCS")?;
    intestazione(
        ws,
        &[
            "Catalogo",
            "Codice azione",
            "Modalità",
            "UCS €/h",
            "Riconosciuto",
            "Incontri",
            "Ore",
            "Partecipazioni",
            "Costo €",
            "Costo per partecipazione €",
            "Gruppi oltre la numerosità massima",
            "Incontri esclusi (aperti o senza presenti)",
            "Fonte",
        ],
        &f.h,
    )?;
    for (i, c) in x.costi.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &c.catalogo)?;
        ws.write_string(r, 1, &c.codice_azione)?;
        ws.write_string(r, 2, c.modalita.code())?;
        ws.write_number_with_format(r, 3, c.ucs_euro_ora, &f.euro)?;
        ws.write_string(
            r,
            4,
            if c.riconosciuto {
                "Sì"
            } else {
                "No: solo con inserimento lavorativo"
            },
        )?;
        ws.write_number(r, 5, c.incontri as f64)?;
        ws.write_number(r, 6, c.ore)?;
        ws.write_number(r, 7, c.partecipazioni as f64)?;
        ws.write_number_with_format(r, 8, c.costo, &f.euro)?;
        ws.write_number_with_format(r, 9, c.costo_per_partecipazione, &f.euro)?;
        ws.write_number(r, 10, c.incontri_oltre_numerosita as f64)?;
        ws.write_number(r, 11, c.incontri_esclusi as f64)?;
        ws.write_string(r, 12, &c.fonte)?;
    }
    Ok(())
}

/// The physical indicators of seed 002.
fn fisici(ws: &mut Worksheet, x: &Indicatori, f: &Formati) -> Result<(), XlsxError> {
    ws.set_name("Indicatori fisici 002")?;
    intestazione(
        ws,
        &[
            "Codice",
            "Servizio standard",
            "Indicatore",
            "Valore",
            "Lettura",
        ],
        &f.h,
    )?;
    for (i, f) in x.fisici.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &f.codice)?;
        ws.write_string(r, 1, &f.servizio)?;
        ws.write_string(r, 2, &f.descrizione)?;
        if let Some(v) = f.valore {
            ws.write_number(r, 3, v as f64)?;
        }
        ws.write_string(r, 4, &f.lettura)?;
    }
    Ok(())
}
