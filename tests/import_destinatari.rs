//! Participants from the files schools really send: built here as .xlsx (with
//! rust_xlsxwriter) and as CSV by hand, imported into a servizio of the test world.

mod common;

use common::World;
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};
use sportello::codice_fiscale::{Sesso, compute};
use std::path::{Path, PathBuf};

fn cf(cognome: &str, nome: &str, sesso: Sesso, nascita: &str) -> String {
    compute(cognome, nome, sesso, nascita.parse().unwrap(), "A859")
}

/// An .xlsx whose cells are given as text; a cell starting with `#` is written as a number.
fn xlsx(dir: &Path, righe: &[Vec<String>]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, riga) in righe.iter().enumerate() {
        for (c, v) in riga.iter().enumerate() {
            match v.strip_prefix('#') {
                Some(n) => ws
                    .write_number(r as u32, c as u16, n.parse::<f64>().unwrap())
                    .unwrap(),
                None => ws.write_string(r as u32, c as u16, v).unwrap(),
            };
        }
    }
    let path = dir.join("classe.xlsx");
    wb.save(&path).unwrap();
    path
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

/// The header of the lists whose titolo di studio is free text, then `altre` columns.
fn intestazione(altre: &[&str]) -> Vec<String> {
    let mut colonne = row(&[
        "Codice fiscale",
        "Cognome",
        "Nome",
        "Data di nascita",
        "Telefono",
        "Titolo di studio",
    ]);
    colonne.extend(row(altre));
    colonne
}

fn importa(w: &World, servizio: &str, path: &Path, extra: Value) -> Value {
    let mut input = json!({"servizio_id": servizio, "percorso": path.display().to_string()});
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    w.ok("importa_destinatari", input)
}

/// (riga, code, cella) of every finding of the plan.
fn segnalazioni(esito: &Value) -> Vec<(u64, String, Option<String>)> {
    esito["piano"]["righe"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["segnalazioni"].as_array().unwrap().iter().map(move |s| {
                (
                    r["riga"].as_u64().unwrap(),
                    s["code"].as_str().unwrap().to_owned(),
                    s["cella"].as_str().map(str::to_owned),
                )
            })
        })
        .collect()
}

fn count(w: &World, table: &str) -> i64 {
    w.scalar(&format!("SELECT COUNT(*) FROM {table}"))
}

/// A world with a servizio to import into, and a folder for the files.
fn con_servizio() -> (World, String, tempfile::TempDir) {
    let w = World::new();
    let s = w.servizio();
    (w, s, tempfile::tempdir().unwrap())
}

#[test]
fn a_real_looking_class_list_is_read_whatever_its_shape() {
    let (w, s, dir) = con_servizio();
    let anna = cf("Rossi", "Anna Maria", Sesso::F, "2012-04-15");
    let luca = cf("De Luca", "Luca", Sesso::M, "2011-12-01");
    let sara = cf("Bianchi", "Sara", Sesso::F, "2012-02-29");
    // A title above the header, columns in another order, synonyms, an extra column,
    // a serial date, codes with spaces and lowercase, classe as words and numerals.
    let path = xlsx(
        dir.path(),
        &[
            row(&["Istituto Comprensivo Alfa – elenco alunni"]),
            row(&[]),
            row(&[
                "N.",
                "Cognome e nome",
                "Nato il",
                "Cod. fiscale",
                "Genere",
                "Classe",
                "Sez.",
                "Cellulare",
                "Note",
            ]),
            row(&[
                "1",
                "ROSSI Anna Maria",
                "15/04/2012",
                &anna.to_lowercase(),
                "F",
                "terza",
                "a",
                "333 1234567",
                "x",
            ]),
            row(&[
                "2",
                "DE LUCA Luca",
                "#40878",
                &format!("{} {}", &luca[..6], &luca[6..]),
                "M",
                "III",
                "B",
                "",
                "",
            ]),
            row(&[
                "3",
                "Bianchi Sara",
                "29/02/2012",
                &sara,
                "f",
                "3ª",
                "A",
                "3330000000",
                "",
            ]),
            row(&[]),
            row(&[]),
        ],
    );
    let mut piano = importa(&w, &s, &path, json!({"usa_contatti_scuola": false}));
    let p = &piano["piano"];
    assert_eq!(p["riga_intestazione"], 3);
    let ignorate: Vec<&str> = p["colonne"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["campo"].is_null())
        .map(|c| c["intestazione"].as_str().unwrap())
        .collect();
    assert_eq!(
        ignorate,
        ["N.", "Note"],
        "extra columns are ignored and reported"
    );
    let righe = p["righe"].as_array().unwrap();
    assert_eq!(righe.len(), 3, "empty trailing rows are skipped");
    assert_eq!(righe[0]["dati"]["cognome"], "ROSSI");
    assert_eq!(righe[0]["dati"]["nome"], "Anna Maria");
    assert_eq!(righe[0]["dati"]["codice_fiscale"], anna);
    assert_eq!(
        righe[1]["dati"]["data_nascita"], "2011-12-01",
        "Excel serial date"
    );
    assert_eq!(righe[1]["dati"]["codice_fiscale"], luca);
    assert_eq!(righe[0]["dati_peculiari"]["classe"], 3);
    assert_eq!(righe[0]["dati_peculiari"]["sezione"], "A");
    // Luca has no contact: DES-03 is an error on his row, with its cell.
    let found = segnalazioni(&piano);
    assert!(
        found.contains(&(5, "DES-03".into(), None))
            || found.iter().any(|f| f.0 == 5 && f.1 == "DES-03"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f == &(4, "DES-04".into(), Some("F4".into()))),
        "terza → 3 is said: {found:?}"
    );
    assert_eq!(
        (p["nuovi"].as_u64(), p["errori"].as_u64()),
        (Some(2), Some(1))
    );

    // Applying writes exactly the previewed plan: two new destinatari, enrolled.
    let impronta = p["impronta"].clone();
    piano = importa(
        &w,
        &s,
        &path,
        json!({"applica": true, "impronta": impronta}),
    );
    assert_eq!(
        (piano["creati"].as_u64(), piano["iscritti"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(count(&w, "destinatario"), 2);
    let scheda = w.ok("get_servizio", json!({"id": s}));
    let iscritto = &scheda["iscritti"][0]["iscrizione"]["dati_peculiari"];
    assert_eq!(
        iscritto["titolo_studio"], "licenza_elementare",
        "the servizio's defaults fill what the file lacks"
    );

    // The same file again changes nothing.
    let log_before = count(&w, "change_log");
    let again = importa(&w, &s, &path, json!({"applica": true}));
    assert_eq!(
        (again["creati"].as_u64(), again["iscritti"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(again["piano"]["gia_iscritti"], 2);
    assert_eq!(count(&w, "destinatario"), 2);
    assert!(
        count(&w, "change_log") <= log_before + 1,
        "at most the empty import itself is logged"
    );
}

#[test]
fn a_stale_preview_is_not_applied() {
    let (w, s, dir) = con_servizio();
    let anna = cf("Rossi", "Anna", Sesso::F, "2012-04-15");
    let header = row(&[
        "Codice fiscale",
        "Cognome",
        "Nome",
        "Sesso",
        "Data di nascita",
        "Telefono",
    ]);
    let path = xlsx(
        dir.path(),
        &[
            header.clone(),
            row(&[&anna, "Rossi", "Anna", "F", "15/04/2012", "333"]),
        ],
    );
    let preview = importa(&w, &s, &path, json!({}));
    let impronta = preview["piano"]["impronta"].clone();
    // Meanwhile Anna is entered by hand: the plan is no longer what the user saw.
    w.destinatario("Rossi", "Anna");
    let input = json!({"servizio_id": s, "percorso": path.display().to_string(), "applica": true, "impronta": impronta});
    let err = w.call("importa_destinatari", input).unwrap_err();
    assert!(err.to_string().contains("anteprima"), "{err}");
    assert_eq!(count(&w, "iscrizione"), 0);
}

fn csv(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn csv_with_semicolons_in_latin1_and_with_commas_in_utf8() {
    let (w, s, dir) = con_servizio();
    let nicolo = cf("Nicolò", "Zoè", Sesso::F, "2012-01-10");
    let latin1: Vec<u8> = format!("Cognome;Nome;Codice fiscale;Sesso;Data di nascita;Comune di nascita;E-mail\nNicolò;Zoè;{nicolo};F;10/01/2012;Forlì;z@example.it\n")
        .chars()
        .map(|c| c as u32 as u8) // every character here is in Latin-1
        .collect();
    let p = importa(
        &w,
        &s,
        &csv(dir.path(), "a.csv", &latin1),
        json!({"applica": true}),
    );
    assert_eq!(p["creati"], 1);
    assert_eq!(p["piano"]["righe"][0]["dati"]["comune_nascita"], "Forlì");

    let marco = cf("Neri", "Marco", Sesso::M, "2011-06-30");
    let utf8 = format!(
        "\u{FEFF}cognome,nome,cf,sesso,data nascita,telefono\nNeri,Marco,{marco},M,30-06-2011,333\n"
    );
    let p = importa(
        &w,
        &s,
        &csv(dir.path(), "b.csv", utf8.as_bytes()),
        json!({"applica": true}),
    );
    assert_eq!(p["creati"], 1);
    assert_eq!(p["piano"]["righe"][0]["dati"]["data_nascita"], "2011-06-30");
}

#[test]
fn every_rule_of_an_import_is_reported_with_its_row_and_cell() {
    let (w, s, dir) = con_servizio();
    let anna = cf("Rossi", "Anna", Sesso::F, "2012-04-15");
    let wrong_sex = cf("Verdi", "Lia", Sesso::M, "2012-04-15");
    let mut bad_check = cf("Gialli", "Ugo", Sesso::M, "2012-04-15");
    bad_check.replace_range(15.., if bad_check.ends_with('A') { "B" } else { "A" });
    let csv_text = format!(
        "Codice fiscale;Cognome;Nome;Sesso;Data di nascita;Telefono;Classe\n\
         {anna};Rossi;Anna;F;15/04/2012;333;3\n\
         {wrong_sex};Verdi;Lia;F;15/04/2012;333;3\n\
         {bad_check};Gialli;Ugo;M;15/04/2012;333;3\n\
         {anna};Rossi;Anna;F;15/04/2012;333;3\n\
         {};Blu;Eva;F;15/04/2012;;3\n\
         {};Viola;Ida;F;15/04/2012;333;9\n\
         ;Senza;Codice;F;15/04/2012;333;3\n",
        cf("Blu", "Eva", Sesso::F, "2012-04-15"),
        cf("Viola", "Ida", Sesso::F, "2012-04-15"),
    );
    let path = csv(dir.path(), "regole.csv", csv_text.as_bytes());
    let p = importa(&w, &s, &path, json!({}));
    let found = segnalazioni(&p);
    let has = |riga: u64, code: &str, cella: Option<&str>| {
        assert!(
            found.contains(&(riga, code.into(), cella.map(Into::into))),
            "row {riga} {code} {cella:?} missing in {found:?}"
        )
    };
    has(3, "DES-02", Some("A3"));
    has(4, "DES-01", Some("A4"));
    has(5, "DES-05", None); // the same CF as row 2: an error on the second
    has(6, "DES-03", None);
    has(7, "DES-04", Some("G7"));
    has(8, "DES-01", Some("A8"));
    let esiti: Vec<&str> = p["piano"]["righe"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["esito"].as_str().unwrap())
        .collect();
    assert_eq!(
        esiti,
        [
            "nuovo", "nuovo", "errore", "errore", "errore", "errore", "errore"
        ]
    );

    // A forzatura lets row 4 through and is recorded; the school's contacts stand in for row 6.
    w.ok("update_ente", json!({"id": w.plesso, "dati": {"tipo": "scuola", "nome": "Scuola media Beta",
        "codice_meccanografico": "BIMM80001B", "istituto_principale_id": w.istituto, "email": "segreteria@beta.example.it"}}));
    let p = importa(
        &w,
        &s,
        &path,
        json!({"applica": true, "usa_contatti_scuola": true, "forzature": [{"riga": 4, "motivo": "CF come da tessera sanitaria"}]}),
    );
    assert_eq!(p["creati"], 4, "{}", p["piano"]);
    let motivo: String = w.scalar("SELECT motivo FROM forzatura");
    assert_eq!(motivo, "CF come da tessera sanitaria");
    let email: String = w.scalar("SELECT email FROM destinatario WHERE cognome = 'Blu'");
    assert_eq!(email, "segreteria@beta.example.it");
}

#[test]
fn people_already_known_are_matched_on_cf_and_ser_08_applies() {
    let w = World::new();
    let anna_id = w.destinatario("Verdi", "Anna"); // same CF as the file's row
    let anna_cf =
        w.ok("get_destinatario", json!({"id": anna_id}))["destinatario"]["codice_fiscale"].clone();
    let (altro, sede) = {
        let e = w.id(
            "create_ente_attuatore",
            json!({"nome": "Altro Ente", "catalogo": "piemonte-oop"}),
        );
        let sede = w.id(
            "create_sede",
            json!({"ente_attuatore_id": e, "nome": "Sede"}),
        );
        (e, sede)
    };
    let mut input = w.servizio_input();
    input["ente_attuatore_id"] = json!(altro);
    input["sede_id"] = json!(sede);
    input["intervento_id"] = Value::Null;
    let loro = w.id("create_servizio", input);
    w.enrol(&loro, &[&anna_id]);

    let s = w.servizio();
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "Codice fiscale;Cognome;Nome;Sesso;Data di nascita;Telefono\n{};VERDI;ANNA;F;15/04/2012;333\n",
        anna_cf.as_str().unwrap()
    );
    let p = importa(
        &w,
        &s,
        &csv(dir.path(), "x.csv", text.as_bytes()),
        json!({}),
    );
    let r = &p["piano"]["righe"][0];
    assert_eq!(
        r["destinatario_id"],
        json!(anna_id),
        "matched on CF (DES-05)"
    );
    assert_eq!(r["esito"], "errore");
    assert_eq!(r["segnalazioni"][0]["code"], "SER-08");
}

#[test]
fn the_template_reads_back_and_has_its_drop_downs() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("modello.xlsx");
    w.ok(
        "modello_excel",
        json!({"percorso": path.display().to_string()}),
    );
    // The header row is found and every column is a known field.
    let g = sportello::import::lettura::leggi(&path).unwrap();
    assert_eq!(g.foglio, "Destinatari");
    let (riga, colonne) = sportello::import::colonne::trova_intestazione(&g).unwrap();
    assert_eq!(riga, 0);
    assert!(colonne.iter().all(|c| c.campo.is_some()), "{colonne:?}");
    // Drop-downs are data validations in the sheet's XML.
    let unzip = std::process::Command::new("unzip")
        .arg("-p")
        .arg(&path)
        .arg("xl/worksheets/sheet1.xml")
        .output();
    if let Some(out) = unzip.ok().filter(|o| o.status.success()) {
        let xml = String::from_utf8_lossy(&out.stdout);
        assert!(xml.matches("<dataValidation ").count() >= 5, "{xml}");
        assert!(xml.contains("Liste!$A$1"));
    }
}

#[test]
fn a_crash_in_the_middle_of_an_import_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let bin = env!("CARGO_BIN_EXE_sportello");
    let run = |args: &[&str], abort: Option<&str>| {
        let mut c = std::process::Command::new(bin);
        c.env("SPORTELLO_UTENTE", "coordinatore")
            .env("SPORTELLO_PASSWORD", "password di prova")
            .arg("--db")
            .arg(&db)
            .args(["--oggi", "2026-01-20"])
            .args(args);
        if let Some(n) = abort {
            c.env("SPORTELLO_TEST_ABORT_IMPORT_AFTER", n);
        }
        c.output().unwrap()
    };
    assert!(run(&["init"], None).status.success());
    assert!(run(&["demo"], None).status.success());
    let servizi: Value =
        serde_json::from_slice(&run(&["call", "list_servizi", "{}"], None).stdout).unwrap();
    let aperto = servizi["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stato"] != "chiuso" && s["modalita"] == "gruppo")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut text = String::from("Codice fiscale;Cognome;Nome;Sesso;Data di nascita;Telefono\n");
    for (i, nome) in ["Ada", "Bea", "Cloe", "Dora", "Ebe"].iter().enumerate() {
        let nascita = format!("2012-03-{:02}", i + 1);
        let cf = cf("Import", nome, Sesso::F, &nascita);
        text.push_str(&format!("{cf};Import;{nome};F;{nascita};333\n"));
    }
    let file = csv(dir.path(), "classe.csv", text.as_bytes());
    let count = || {
        let (s, _) = sportello::accesso::apri(&db, "coordinatore", "password di prova").unwrap();
        s.read()
            .query_row("SELECT COUNT(*) FROM destinatario", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    };
    let before = count();
    let crashed = run(
        &[
            "importa-destinatari",
            "--servizio",
            &aperto,
            file.to_str().unwrap(),
        ],
        Some("3"),
    );
    assert!(
        !crashed.status.success(),
        "the process was killed mid-import"
    );
    assert_eq!(count(), before, "nothing half-written");
    let ok = run(
        &[
            "importa-destinatari",
            "--servizio",
            &aperto,
            file.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert_eq!(count(), before + 5);
}

#[test]
fn an_import_reports_enrolment_rules_with_their_own_severity() {
    let w = World::new();
    let mut input = w.servizio_input();
    input["dati_peculiari"]["disperso"] = json!(true); // dispersi, yet at a school: SER-15 warns
    let s = w.id("create_servizio", input);
    let anna = w.destinatario("Verdi", "Anna");
    let cf_anna = w.ok("get_destinatario", json!({"id": anna}))["destinatario"]["codice_fiscale"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let path = csv(
        dir.path(),
        "dispersi.csv",
        format!("Codice fiscale;Cognome;Nome;Sesso;Data di nascita;Telefono\n{cf_anna};Verdi;Anna;F;15/04/2012;333\n")
            .as_bytes(),
    );
    let p = importa(&w, &s, &path, json!({}));
    let riga = &p["piano"]["righe"][0];
    assert_eq!(riga["esito"], "esistente", "{p}");
    let s15 = riga["segnalazioni"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "SER-15")
        .expect("SER-15 reported");
    assert_eq!(s15["severity"], "avviso");
}

#[test]
fn a_state_written_as_place_of_birth_is_a_foreign_state_and_des_02_reads_the_place() {
    let (w, s, dir) = con_servizio();
    let nascita: chrono::NaiveDate = "2012-03-05".parse().unwrap();
    let ioana = compute("Popescu", "Ioana", Sesso::F, nascita, "Z129");
    let luca = compute("Bianchi", "Luca", Sesso::M, nascita, "A859"); // Biella
    let testo = format!(
        "Cognome;Nome;Codice fiscale;Sesso;Data di nascita;Luogo di nascita;Telefono\n\
         Popescu;Ioana;{ioana};F;05/03/2012;Romania;333\n\
         Bianchi;Luca;{luca};M;05/03/2012;Torino;333\n"
    );
    let p = importa(
        &w,
        &s,
        &csv(dir.path(), "c.csv", testo.as_bytes()),
        json!({}),
    );
    let righe = &p["piano"]["righe"];
    assert_eq!(righe[0]["dati"]["stato_estero_nascita"], "Romania");
    assert_eq!(righe[0]["dati"]["comune_nascita"], json!(null));
    let found = segnalazioni(&p);
    assert!(
        !found.iter().any(|f| f.0 == 2),
        "Ioana: nothing to say, {found:?}"
    );
    assert!(
        found.iter().any(|f| f.0 == 3 && f.1 == "DES-02"),
        "Luca's CF says Biella, the file Torino: {found:?}"
    );
}

/// A closed value no entry matches ("Terza media conclusa" in 3 rows, "Boh"
/// in one) is one decision per distinct value, not one error per row; the
/// rows are not refused, and nothing is written until every value is decided.
#[test]
fn an_unknown_closed_value_is_one_decision_for_all_its_rows() {
    let (w, s, dir) = con_servizio();
    let persone = [
        (
            "Rossi",
            "Anna",
            Sesso::F,
            "2012-04-15",
            "Terza media conclusa",
        ),
        (
            "Verdi",
            "Luca",
            Sesso::M,
            "2012-01-03",
            "terza  MEDIA conclusa",
        ),
        (
            "Neri",
            "Sara",
            Sesso::F,
            "2011-11-30",
            "Terza media conclusa",
        ),
        ("Gallo", "Marco", Sesso::M, "2012-06-12", "Boh"),
    ];
    let mut righe = vec![intestazione(&[])];
    for (c, n, sx, d, t) in persone {
        righe.push(row(&[&cf(c, n, sx, d), c, n, d, "333 1234567", t]));
    }
    let path = xlsx(dir.path(), &righe);
    let piano = importa(&w, &s, &path, json!({}));
    let p = &piano["piano"];
    assert_eq!(p["errori"], 0, "{p}");
    let da = p["da_decidere"].as_array().unwrap();
    assert_eq!(da.len(), 2, "{da:?}");
    let terza = da
        .iter()
        .find(|d| d["valore"] == "Terza media conclusa")
        .unwrap();
    assert_eq!(terza["righe"], 3);
    assert_eq!(
        terza["chiave"], "terza media conclusa",
        "spacing and case folded"
    );
    assert_eq!(terza["colonna"], "F");
    assert_eq!(terza["campo"], "titolo_studio");
    assert!(
        terza["ammessi"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a[0] == "licenza_media")
    );

    // Applied undecided: refused whole, naming the values.
    let r = w.call(
        "importa_destinatari",
        json!({"servizio_id": s, "percorso": path.display().to_string(), "applica": true}),
    );
    let Err(sportello::Error::Dati { message, .. }) = r else {
        panic!("{r:?}")
    };
    assert!(
        message.contains("Terza media conclusa") && message.contains("Boh"),
        "{message}"
    );
    assert_eq!(count(&w, "iscrizione"), 0);

    // Decided (one mapped, one left empty): all four written.
    let scelte = json!([
        {"campo": "titolo_studio", "valore": "terza media conclusa", "voce": "licenza_media"},
        {"campo": "titolo_studio", "valore": "Boh", "voce": null},
    ]);
    let fatto = importa(&w, &s, &path, json!({"scelte": scelte, "applica": true}));
    assert_eq!(fatto["iscritti"], 4, "{fatto}");
    assert!(fatto["piano"]["da_decidere"].as_array().unwrap().is_empty());
    let titoli: Vec<Value> = fatto["piano"]["righe"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["dati_peculiari"]["titolo_studio"].clone())
        .collect();
    assert_eq!(
        titoli,
        [
            json!("licenza_media"),
            json!("licenza_media"),
            json!("licenza_media"),
            Value::Null
        ]
    );
}

/// A whole school's list of 10,000 rows whose closed values are typed freely:
/// what the vocabulary forgives is read, and what it does not is one decision
/// per distinct value with its count of rows, never a refused row.
#[test]
fn ten_thousand_rows_of_free_text_are_a_few_decisions_and_no_refusal() {
    use std::collections::HashSet;
    const RIGHE: usize = 10_000;
    let (w, s, dir) = con_servizio();
    let titoli = [
        "Licenza media",
        "licenza media (ISCED 2)",
        "LICENZA  MEDIA",
        "Terza media conclusa",
        "Licenza elementare",
    ];
    let abitative = ["Nessun disagio", "nessun disagio abitativo", "XYZ"];
    let disabilita = ["NO", "n", "0", "si", "No"];
    let (prime, seconde) = (
        [
            "Ber", "Cas", "Dol", "Fur", "Gam", "Lor", "Mar", "Nep", "Pas", "Rot",
        ],
        [
            "tini", "sola", "vetti", "rana", "bucci", "zoni", "detti", "pini",
        ],
    );
    let mut righe = vec![intestazione(&["Condizione abitativa", "Disabilità"])];
    let (mut visti, mut n) = (HashSet::new(), 0usize);
    while righe.len() <= RIGHE {
        let cognome = format!("{}{}", prime[n % 10], seconde[(n / 10) % 8]);
        let nome = ["Anna", "Bruno", "Carla", "Dario", "Elena"][(n / 80) % 5];
        let sesso = if (n / 80) % 5 % 2 == 0 {
            Sesso::F
        } else {
            Sesso::M
        };
        let giorno = chrono::NaiveDate::from_ymd_opt(2008, 1, 1).unwrap()
            + chrono::Days::new((n / 400) as u64 % 1500);
        let nascita = giorno.to_string();
        n += 1;
        let codice = cf(&cognome, nome, sesso, &nascita);
        if !visti.insert(codice.clone()) {
            continue; // the letters of two names can make one code
        }
        let i = righe.len() - 1;
        righe.push(row(&[
            &codice,
            &cognome,
            nome,
            &nascita,
            "333 1234567",
            titoli[i % titoli.len()],
            abitative[i % abitative.len()],
            disabilita[i % disabilita.len()],
        ]));
    }
    let path = xlsx(dir.path(), &righe);
    let piano = importa(&w, &s, &path, json!({}));
    let p = &piano["piano"];
    assert_eq!(p["righe"].as_array().unwrap().len(), RIGHE);
    assert_eq!(p["errori"], 0, "no row refused");
    let mut decisioni: Vec<(String, String, u64)> = p["da_decidere"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let campo = d["campo"].as_str().unwrap().to_owned();
            (
                campo,
                d["valore"].as_str().unwrap().to_owned(),
                d["righe"].as_u64().unwrap(),
            )
        })
        .collect();
    decisioni.sort();
    assert_eq!(
        decisioni,
        [
            (
                "condizione_abitativa".into(),
                "XYZ".into(),
                (RIGHE / 3) as u64
            ),
            (
                "titolo_studio".into(),
                "Terza media conclusa".into(),
                (RIGHE / 5) as u64
            ),
        ]
    );
    let disabili = p["righe"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["dati_peculiari"]["disabilita"] == true)
        .count();
    assert_eq!(
        disabili,
        RIGHE / 5,
        "«si» read as yes, «NO», «n», «0» as no"
    );
    assert_eq!(count(&w, "iscrizione"), 0, "nothing written by a preview");
}
