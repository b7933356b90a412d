//! Hostile files offered to the import: each is refused with an Italian
//! message naming what is wrong, in bounded time and memory, and the database
//! is unchanged. The files are made here, so the corpus is the code.

mod common;

use common::World;
use serde_json::json;
use sportello::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

fn destinatari(w: &World) -> i64 {
    w.store
        .read()
        .query_row("SELECT COUNT(*) FROM destinatario", [], |r| r.get(0))
        .unwrap()
}

/// Offers the file to the import (preview, then apply) and returns the refusal.
fn rifiutato(w: &World, path: &Path) -> String {
    let s = w.servizio();
    let prima = destinatari(w);
    let mut messaggio = String::new();
    for applica in [false, true] {
        let input =
            json!({"servizio_id": s, "percorso": path.display().to_string(), "applica": applica});
        match w.call("importa_destinatari", input) {
            Err(Error::Dati { message, .. }) => messaggio = message,
            other => panic!("{}: expected a refusal, got {other:?}", path.display()),
        }
    }
    assert_eq!(destinatari(w), prima, "nothing written");
    for inglese in [
        "memory", "capacity", "overflow", "invalid", "error", "failed",
    ] {
        assert!(
            !messaggio.to_lowercase().contains(inglese),
            "English: {messaggio}"
        );
    }
    messaggio
}

/// The parts of a handmade archive: (name inside it, bytes).
type Parti = Vec<(&'static str, Vec<u8>)>;

/// An .xlsx whose parts are given as (name, text), stored or deflated.
fn xlsx_a_mano(dir: &Path, nome: &str, parti: &[(&str, Vec<u8>)]) -> PathBuf {
    let path = dir.join(nome);
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opz = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, testo) in parti {
        z.start_file(*n, opz).unwrap();
        z.write_all(testo).unwrap();
    }
    z.finish().unwrap();
    path
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Classe" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WB_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn cartella_di_lavoro(dir: &Path, nome: &str, foglio: &str, testi: &str) -> PathBuf {
    xlsx_a_mano(
        dir,
        nome,
        &[
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
            ("xl/worksheets/sheet1.xml", foglio.into()),
            ("xl/sharedStrings.xml", testi.into()),
        ],
    )
}

fn foglio(celle: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{celle}</sheetData></worksheet>"#
    )
}

const TESTI: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Cognome</t></si></sst>"#;

#[test]
fn a_handmade_workbook_is_read_so_the_hostile_ones_below_are_real() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let f = foglio(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let p = cartella_di_lavoro(dir.path(), "ok.xlsx", &f, TESTI);
    let s = w.servizio();
    let input = json!({"servizio_id": s, "percorso": p.display().to_string()});
    // Read, then refused for its content (no recognisable header), not for its form.
    match w.call("importa_destinatari", input) {
        Err(Error::Dati { message, .. }) => assert!(message.contains("intestazione"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_cell_at_xfd1048576_is_refused_by_its_position() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let f = foglio(r#"<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>"#);
    let p = cartella_di_lavoro(dir.path(), "lontana.xlsx", &f, TESTI);
    assert!(std::fs::metadata(&p).unwrap().len() < 4096);
    let m = rifiutato(&w, &p);
    assert!(
        m.contains("XFD1048576") && m.contains("oltre i limiti"),
        "{m}"
    );
}

#[test]
fn a_huge_shared_strings_count_is_refused_before_calamine_reserves_it() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let f = foglio(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    for n in ["99999999999999", "18446744073709551615", "2000000"] {
        let testi = TESTI.replace(r#"uniqueCount="1""#, &format!(r#"uniqueCount="{n}""#));
        let p = cartella_di_lavoro(dir.path(), "testi.xlsx", &f, &testi);
        let m = rifiutato(&w, &p);
        assert!(m.contains("danneggiato"), "{n}: {m}");
    }
}

#[test]
fn an_archive_that_decompresses_past_the_limit_is_refused_unread() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let f = foglio(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let zeri = vec![b' '; 300 * 1024 * 1024];
    let p = xlsx_a_mano(
        dir.path(),
        "bomba.xlsx",
        &[
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
            ("xl/worksheets/sheet1.xml", f.into_bytes()),
            ("xl/sharedStrings.xml", TESTI.into()),
            ("xl/media/vuoto.xml", zeri),
        ],
    );
    assert!(std::fs::metadata(&p).unwrap().len() < 2 * 1024 * 1024);
    let m = rifiutato(&w, &p);
    assert!(m.contains("una volta aperto"), "{m}");
}

#[test]
fn files_too_big_or_too_long_or_broken_are_refused_by_name() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let grosso = dir.path().join("grosso.csv");
    std::fs::File::create(&grosso)
        .unwrap()
        .set_len(51 * 1024 * 1024)
        .unwrap();
    assert!(rifiutato(&w, &grosso).contains("il massimo è 50 MB"));

    let lungo = dir.path().join("lungo.csv");
    let mut t = String::from("Cognome;Nome;Codice fiscale\n");
    for i in 0..100_100 {
        t.push_str(&format!("R{i};A;X\n"));
    }
    std::fs::write(&lungo, t).unwrap();
    assert!(rifiutato(&w, &lungo).contains("il massimo è 100000 righe"));

    for (nome, bytes) in [
        ("finto.xlsx", b"questo non e' un foglio".to_vec()),
        ("troncato.xlsx", b"PK\x03\x04\x14\x00".to_vec()),
        ("finto.xls", b"\xD0\xCF\x11\xE0 niente".to_vec()),
        ("finto.ods", vec![0u8; 100]),
    ] {
        let p = dir.path().join(nome);
        std::fs::write(&p, bytes).unwrap();
        let m = rifiutato(&w, &p);
        assert!(
            m.contains("danneggiato") || m.contains("non è un foglio"),
            "{nome}: {m}"
        );
    }
}

#[test]
fn a_utf16_csv_from_excel_is_read() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let cf = sportello::codice_fiscale::compute(
        "Rossi",
        "Anna",
        sportello::codice_fiscale::Sesso::F,
        "2012-04-15".parse().unwrap(),
        "A859",
    );
    let testo = format!(
        "Cognome\tNome\tCodice fiscale\tSesso\tData di nascita\tComune di nascita\tTelefono\r\n\
         Rossi\tAnna\t{cf}\tF\t15/04/2012\tBiella\t333\r\n"
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(testo.encode_utf16().flat_map(u16::to_le_bytes));
    let p = dir.path().join("unicode.txt");
    std::fs::write(&p, bytes).unwrap();
    let s = w.servizio();
    let r = w.ok(
        "importa_destinatari",
        json!({"servizio_id": s, "percorso": p.display().to_string(), "applica": true}),
    );
    assert_eq!(r["creati"], 1, "{r}");
}

/// The rows of a preview with a finding of `code`, by row number.
fn righe_con(w: &World, path: &Path, code: &str) -> Vec<u64> {
    let s = w.servizio();
    let prima = destinatari(w);
    let p = w.ok(
        "importa_destinatari",
        json!({"servizio_id": s, "percorso": path.display().to_string()}),
    );
    assert_eq!(destinatari(w), prima, "a preview writes nothing");
    p["piano"]["righe"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["segnalazioni"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["code"] == code)
        })
        .map(|r| r["riga"].as_u64().unwrap())
        .collect()
}

fn csv(dir: &Path, nome: &str, testo: &str) -> PathBuf {
    let p = dir.join(nome);
    std::fs::write(&p, testo).unwrap();
    p
}

const TESTA: &str = "Cognome;Nome;Codice fiscale;Sesso;Data di nascita;Telefono\n";

#[test]
fn hostile_rows_are_reported_one_by_one_and_written_never() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let cf = |c: &str, n: &str| {
        sportello::codice_fiscale::compute(
            c,
            n,
            sportello::codice_fiscale::Sesso::F,
            "2012-04-15".parse().unwrap(),
            "A859",
        )
    };
    let lungo = "V".repeat(1 << 20);
    let casi = [
        (
            "nome-enorme.csv",
            format!(
                "{TESTA}{lungo};Anna;{};F;15/04/2012;333\n",
                cf("Verdi", "Anna")
            ),
        ),
        (
            "nato-nel-2110.csv",
            format!(
                "{TESTA}Verdi;Anna;{};F;15/04/2110;333\n",
                cf("Verdi", "Anna")
            ),
        ),
        (
            "nato-anno-zero.csv",
            format!(
                "{TESTA}Verdi;Anna;{};F;15/04/0000;333\n",
                cf("Verdi", "Anna")
            ),
        ),
        (
            "nato-domani.csv",
            format!(
                "{TESTA}Verdi;Anna;{};F;21/01/2026;333\n",
                cf("Verdi", "Anna")
            ),
        ),
        (
            "telefono-lungo.csv",
            format!(
                "{TESTA}Verdi;Anna;{};F;15/04/2012;{}\n",
                cf("Verdi", "Anna"),
                "3".repeat(500)
            ),
        ),
        (
            "nul.csv",
            format!(
                "{TESTA}Ver\0di;An\0na;{};F;15/04/2012;333\n",
                cf("Verdi", "Anna")
            ),
        ),
    ];
    for (nome, testo) in casi {
        let p = csv(dir.path(), nome, &testo);
        let righe = righe_con(&w, &p, "DATI");
        let errori_cf = righe_con(&w, &p, "DES-01");
        assert!(
            righe == [2] || errori_cf == [2],
            "{nome}: row 2 must be reported, got DATI {righe:?} DES-01 {errori_cf:?}"
        );
    }
}

#[test]
fn empty_shapeless_or_too_wide_lists_are_refused_whole() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let largo = {
        let mut t: String = (0..300).map(|i| format!("C{i};")).collect();
        t.push('\n');
        t
    };
    for (nome, testo) in [
        ("vuoto.csv", String::new()),
        ("spazi.csv", "   \n\n  \n".to_string()),
        ("senza-intestazione.csv", "1;2;3\n4;5;6\n".to_string()),
        ("troppe-colonne.csv", format!("{TESTA}{largo}")),
        (
            "binario.csv",
            String::from_utf8_lossy(&[0xFFu8, 0xD8, 0xFF, 0xE0, 0, 0x10]).into_owned(),
        ),
    ] {
        let p = csv(dir.path(), nome, &testo);
        let m = rifiutato(&w, &p);
        assert!(
            m.contains("intestazione") || m.contains("colonne") || m.contains("il massimo"),
            "{nome}: {m}"
        );
    }
    let strano = dir.path().join("elenco.docx");
    std::fs::write(&strano, b"PK\x03\x04").unwrap();
    assert!(rifiutato(&w, &strano).contains("formato non riconosciuto"));
    let manca = dir.path().join("non-esiste.xlsx");
    assert!(rifiutato(&w, &manca).contains("non esiste"));
}

#[test]
fn broken_workbooks_are_refused_never_panicking() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let ok_sheet = foglio(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let casi: Vec<(&str, Parti)> = vec![
        // The workbook names a sheet that is not in the archive.
        ("senza-foglio.xlsx", vec![
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
            ("xl/sharedStrings.xml", TESTI.into()),
        ]),
        // No workbook at all.
        ("senza-cartella.xlsx", vec![("[Content_Types].xml", CONTENT_TYPES.into())]),
        // Broken XML in the sheet.
        ("xml-rotto.xlsx", vec![
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
            ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0".to_vec()),
            ("xl/sharedStrings.xml", TESTI.into()),
        ]),
        // A shared-string index past the end, and a cell reference that is not one.
        ("indici-assurdi.xlsx", vec![
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
            ("xl/worksheets/sheet1.xml", foglio(r#"<row r="1"><c r="A1" t="s"><v>99999999</v></c><c r="ZZZZZZ9999999999" t="s"><v>0</v></c></row>"#).into_bytes()),
            ("xl/sharedStrings.xml", TESTI.into()),
        ]),
        // Ten thousand and one files in the archive.
        ("troppe-voci.xlsx", {
            let mut v: Vec<(&str, Vec<u8>)> = vec![
                ("[Content_Types].xml", CONTENT_TYPES.into()),
                ("_rels/.rels", RELS.into()),
                ("xl/workbook.xml", WORKBOOK.into()),
                ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
                ("xl/worksheets/sheet1.xml", ok_sheet.clone().into_bytes()),
                ("xl/sharedStrings.xml", TESTI.into()),
            ];
            let nomi: Vec<&'static str> = (0..10_001)
                .map(|i| &*Box::leak(format!("xl/media/{i}.bin").into_boxed_str()))
                .collect();
            v.extend(nomi.into_iter().map(|n| (n, Vec::new())));
            v
        }),
    ];
    for (nome, parti) in casi {
        let p = xlsx_a_mano(dir.path(), nome, &parti);
        let s = w.servizio();
        let input = json!({"servizio_id": s, "percorso": p.display().to_string()});
        // Refused, or read as a sheet with no recognisable header: never a panic.
        match w.call("importa_destinatari", input) {
            Err(Error::Dati { message, .. }) => {
                for inglese in ["memory", "capacity", "overflow", "failed"] {
                    assert!(!message.contains(inglese), "{nome}: {message}");
                }
            }
            other => panic!("{nome}: {other:?}"),
        }
        assert_eq!(destinatari(&w), 0);
    }
}

#[test]
fn hostile_json_on_the_command_surface_is_refused_in_italian() {
    let w = World::new();
    let profondo = (0..10_000).fold(String::from("1"), |acc, _| format!("[{acc}]"));
    for testo in [
        profondo.as_str(),
        "{\"nome\": \"\\ud800\"}",
        "{\"nome\": 1e999}",
    ] {
        let v: Result<serde_json::Value, _> = serde_json::from_str(testo);
        if let Ok(v) = v {
            match w.call("create_rt", v) {
                Err(Error::Dati { message, .. }) => {
                    assert!(!message.contains("expected"), "{message}")
                }
                other => panic!("{other:?}"),
            }
        }
    }
    let annidato = (0..100).fold(json!("x"), |acc, _| json!({"a": acc}));
    match w.call("create_rt", annidato) {
        Err(Error::Dati { message, .. }) => assert!(message.contains("profondità"), "{message}"),
        other => panic!("{other:?}"),
    }
}
