//! The tables for the regional system: xlsx read back with calamine, CSV
//! parsed; headers as documented, one row per record, times and durations,
//! the period and body filters; and docs/tabelle.md kept in step.

mod common;

use calamine::{Data, Reader};
use common::{World, date};
use serde_json::{Value, json};
use sportello::tabelle::{TABELLE, Tabella};
use std::collections::HashMap;
use std::path::Path;

const TITOLO: &str = "Perché scegliere? Città, è l'ora – «Orientamento»";

struct Fixture {
    w: World,
    s1: String,
    i1: String,
    i2: String,
}

/// The world's body: S1 (OR3, Italian title) with I1 10/11/2025 09:00–11:00 closed
/// and I2 05/12/2025 14:30–16:15 (105 min) open, Niccolò absent at I2; S3 with one
/// incontro in January 2026. Another body (Umbria): U1 with an incontro on 05/11/2025.
fn fixture() -> Fixture {
    let mut w = World::new();
    w.oggi = date("2025-11-10");
    let mut input = w.servizio_input();
    input["titolo"] = json!(TITOLO);
    let s1 = w.id("create_servizio", input);
    let anna = w.destinatario("Verdi", "Anna");
    let nicco = w.destinatario("Lucà", "Niccolò");
    w.enrol(&s1, &[&anna, &nicco]);
    let mut i1 = w.incontro_input(&s1, "2025-11-10", &[&anna, &nicco]);
    i1["note"] = json!("Più attività in aula magna");
    let i1 = w.id("create_incontro", i1);
    w.ok("close_incontro", json!({"id": i1}));
    w.oggi = date("2025-12-05");
    let mut i2 = w.incontro_input(&s1, "2025-12-05", &[&anna]);
    i2["ora_inizio"] = json!("14:30");
    i2["ora_fine"] = json!("16:15");
    i2["presenze"] = json!([{"destinatario_id": anna, "presente": true},
                            {"destinatario_id": nicco, "presente": false}]);
    let i2 = w.id("create_incontro", i2);

    w.oggi = date("2026-01-12");
    let s3 = w.servizio();
    let carla = w.destinatario("Esposito", "Carla");
    w.enrol(&s3, &[&carla]);
    w.id(
        "create_incontro",
        w.incontro_input(&s3, "2026-01-12", &[&carla]),
    );

    let umbro = w.id(
        "create_ente_attuatore",
        json!({"nome": "Ente Umbro", "catalogo": "umbria"}),
    );
    let sede = w.id(
        "create_sede",
        json!({"ente_attuatore_id": umbro, "nome": "Sede di Perugia", "territorio": "Perugia"}),
    );
    let or = w.id(
        "create_orientatore",
        json!({"ente_attuatore_id": umbro, "cognome": "Conti", "nome": "Marta"}),
    );
    let u1 = w.id(
        "create_servizio",
        json!({"ente_attuatore_id": umbro, "codice_azione": "A.2", "modalita": "gruppo",
               "titolo": "Primo orientamento", "sede_id": sede, "durata_prevista_minuti": 120,
               "numero_destinatari": 1, "anno_scolastico": "2025/26", "target_ids": [w.target],
               "cms_ids": [w.cms], "ente_ids": [w.plesso], "dati_peculiari": common::DATI_PECULIARI.clone()}),
    );
    let dora = w.destinatario("Russo", "Dora");
    w.enrol(&u1, &[&dora]);
    let mut i = w.incontro_input(&u1, "2025-11-05", &[&dora]);
    i["orientatore_id"] = json!(or);
    w.id("create_incontro", i);
    Fixture { w, s1, i1, i2 }
}

fn scrivi(w: &World, dir: &Path, extra: Value) -> Value {
    let mut input = json!({"cartella": dir.display().to_string()});
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    w.ok("scrivi_tabelle", input)
}

fn tabella(nome: &str) -> &'static Tabella {
    TABELLE.iter().find(|t| t.nome == nome).unwrap()
}

fn intestazioni(nome: &str) -> Vec<String> {
    tabella(nome)
        .colonne
        .iter()
        .map(|c| c.nome.to_owned())
        .collect()
}

/// A CSV file: BOM, `;`; rows as maps from header to text.
fn leggi_csv(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            headers
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    (headers, rows)
}

#[test]
fn csv_for_a_period_and_a_body_with_headers_as_documented() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = scrivi(
        &f.w,
        dir.path(),
        json!({"formato": "csv", "dal": "2025-11-01", "al": "2025-12-31",
               "ente_attuatore_id": f.w.ente_attuatore}),
    );
    assert_eq!(out["file"].as_array().unwrap().len(), TABELLE.len());
    let righe = |nome: &str| {
        let (h, rows) = leggi_csv(&dir.path().join(format!("{nome}.csv")));
        assert_eq!(h, intestazioni(nome), "{nome}");
        rows
    };
    // S3 (January) and the Umbrian servizio (another body) are left out.
    let servizi = righe("servizi");
    assert_eq!(servizi.len(), 1);
    let s = &servizi[0];
    assert_eq!(s["ID servizio"], f.s1);
    assert_eq!(s["Titolo"], TITOLO);
    assert_eq!(s["Codice azione"], "OR3");
    assert_eq!(s["Territorio"], "Biella");
    assert_eq!(s["Anno scolastico"], "2025/26");
    assert_eq!(s["Incontri"], "2");
    assert_eq!(s["Durata svolta (minuti)"], "225"); // 120 + 105
    assert_eq!(s["Data primo incontro"], "10/11/2025");
    assert_eq!(s["Data ultimo incontro"], "05/12/2025");
    assert_eq!(s["Stato"], "in corso");
    assert_eq!(s["Chiuso in ritardo"], "No");
    assert_eq!(s["Numero famiglie"], "0");

    let incontri = righe("incontri");
    assert_eq!(incontri.len(), 2);
    let (a, b) = (&incontri[0], &incontri[1]);
    assert_eq!(
        (
            a["ID incontro"].as_str(),
            a["Data"].as_str(),
            a["Ora inizio"].as_str()
        ),
        (f.i1.as_str(), "10/11/2025", "09:00")
    );
    assert_eq!(
        (a["Ora fine"].as_str(), a["Durata (minuti)"].as_str()),
        ("11:00", "120")
    );
    assert_eq!(
        (a["Stato"].as_str(), a["Data chiusura"].as_str()),
        ("chiuso", "10/11/2025")
    );
    assert_eq!(a["Note"], "Più attività in aula magna");
    assert_eq!(a["Presenti"], "2");
    assert_eq!(b["ID incontro"], f.i2);
    assert_eq!(
        (b["Ora inizio"].as_str(), b["Ora fine"].as_str()),
        ("14:30", "16:15")
    );
    assert_eq!(b["Durata (minuti)"], "105");
    assert_eq!((b["Presenti"].as_str(), b["Assenti"].as_str()), ("1", "1"));
    assert_eq!(b["Data chiusura"], "");

    // 2 at I1 + 2 at I2 (one absent).
    let presenze = righe("presenze");
    assert_eq!(presenze.len(), 4);
    let assente = presenze.iter().find(|p| p["Presente"] == "No").unwrap();
    assert_eq!(
        (assente["Nome"].as_str(), assente["Cognome"].as_str()),
        ("Niccolò", "Lucà")
    );
    assert_eq!(assente["Minuti frequentati"], "0");
    assert_eq!(assente["Ora fine"], "16:15");

    let destinatari = righe("destinatari");
    let mut nomi: Vec<&str> = destinatari.iter().map(|d| d["Nome"].as_str()).collect();
    nomi.sort();
    assert_eq!(nomi, ["Anna", "Niccolò"]);
    assert_eq!(destinatari[0]["Data di nascita"], "15/04/2012");

    // Each incontro's and each servizio's people sorted by surname, with
    // their codice fiscale: Lucà was enrolled after Verdi.
    let cognomi = |rows: &[HashMap<String, String>]| -> Vec<String> {
        rows.iter().map(|p| p["Cognome"].clone()).collect()
    };
    assert_eq!(cognomi(&presenze), ["Lucà", "Verdi", "Lucà", "Verdi"]);
    let cf = |nome: &str| {
        destinatari.iter().find(|d| d["Nome"] == nome).unwrap()["Codice fiscale"].clone()
    };
    assert_eq!(presenze[0]["Codice fiscale"], cf("Niccolò"));
    let iscrizioni = righe("iscrizioni");
    assert_eq!(iscrizioni.len(), 2);
    let cf_iscritti: Vec<&str> = iscrizioni
        .iter()
        .map(|i| i["Codice fiscale"].as_str())
        .collect();
    assert_eq!(cf_iscritti, [cf("Niccolò"), cf("Anna")]);
    assert_eq!(iscrizioni[0]["Classe"], "3");
    assert_eq!(iscrizioni[0]["Disabilità"], "No");
    assert_eq!(iscrizioni[0]["Titolo di studio"], "licenza_elementare");

    let interventi = righe("interventi");
    assert_eq!(interventi.len(), 1);
    assert_eq!(
        interventi[0]["Enti coinvolti"],
        "Scuola media Beta (BIMM80001B)"
    );
    assert!(righe("modelli").is_empty());
}

fn celle(r: &calamine::Range<Data>) -> Vec<Vec<Data>> {
    r.rows().map(|row| row.to_vec()).collect()
}

fn data_di(d: &Data) -> chrono::NaiveDate {
    match d {
        Data::DateTime(dt) => sportello::import::normalizza::data_da_seriale(dt.as_f64()).unwrap(),
        other => panic!("not a date: {other:?}"),
    }
}

fn ora_di(d: &Data) -> String {
    match d {
        Data::DateTime(dt) => {
            let minuti = (dt.as_f64().fract() * 24.0 * 60.0).round() as u32;
            format!("{:02}:{:02}", minuti / 60, minuti % 60)
        }
        other => panic!("not a time: {other:?}"),
    }
}

#[test]
fn xlsx_one_sheet_per_table_with_dates_times_and_numbers() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = scrivi(&f.w, dir.path(), json!({"al": "2025-12-31"}));
    let path = dir.path().join("tabelle.xlsx");
    assert_eq!(out["file"], json!([path.display().to_string()]));
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    let nomi: Vec<&str> = TABELLE.iter().map(|t| t.nome).collect();
    assert_eq!(wb.sheet_names(), nomi);

    for t in TABELLE {
        let rows = celle(&wb.worksheet_range(t.nome).unwrap());
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(header, intestazioni(t.nome), "{}", t.nome);
    }
    // Up to 31/12/2025, both bodies: S1 and the Umbrian servizio, three incontri.
    let servizi = celle(&wb.worksheet_range("servizi").unwrap());
    assert_eq!(servizi.len(), 1 + 2);
    let incontri = celle(&wb.worksheet_range("incontri").unwrap());
    assert_eq!(incontri.len(), 1 + 3);
    let col = |nome: &str| {
        intestazioni("incontri")
            .iter()
            .position(|c| c == nome)
            .unwrap()
    };
    let i2 = incontri
        .iter()
        .find(|r| r[0].to_string() == f.i2)
        .expect("I2");
    assert_eq!(data_di(&i2[col("Data")]), date("2025-12-05"));
    assert_eq!(ora_di(&i2[col("Ora inizio")]), "14:30");
    assert_eq!(ora_di(&i2[col("Ora fine")]), "16:15");
    assert_eq!(i2[col("Durata (minuti)")], Data::Float(105.0));
    let s1 = servizi
        .iter()
        .find(|r| r[0].to_string() == f.s1)
        .expect("S1");
    let scol = |nome: &str| {
        intestazioni("servizi")
            .iter()
            .position(|c| c == nome)
            .unwrap()
    };
    assert_eq!(s1[scol("Titolo")].to_string(), TITOLO);
    assert_eq!(
        data_di(&s1[scol("Data primo incontro")]),
        date("2025-11-10")
    );
    let presenze = celle(&wb.worksheet_range("presenze").unwrap());
    assert!(
        presenze
            .iter()
            .any(|r| r.iter().any(|c| *c == Data::String("Niccolò".into())))
    );
}

#[test]
fn without_filters_everything_and_a_period_that_ends_before_it_starts_is_refused() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = scrivi(&f.w, dir.path(), json!({"formato": "csv"}));
    let conta: HashMap<String, u64> = out["tabelle"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["tabella"].as_str().unwrap().into(),
                t["righe"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(conta["servizi"], 3);
    assert_eq!(conta["incontri"], 4);
    assert_eq!(conta["presenze"], 6);
    assert_eq!(conta["destinatari"], 4);
    let e = f
        .w
        .call(
            "scrivi_tabelle",
            json!({"cartella": dir.path().display().to_string(), "dal": "2026-01-02", "al": "2026-01-01"}),
        )
        .unwrap_err();
    assert_eq!(e.code(), "DATI");
}

/// The territory chooses as the indicators do: the sede's, in any case.
#[test]
fn a_territory_chooses_its_servizi_and_what_they_hold() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = scrivi(
        &f.w,
        dir.path(),
        json!({"formato": "csv", "territorio": "PERUGIA"}),
    );
    let conta = |nome: &str| {
        out["tabelle"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["tabella"] == nome)
            .unwrap()["righe"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        [
            "servizi",
            "incontri",
            "presenze",
            "destinatari",
            "interventi",
            "modelli"
        ]
        .map(conta),
        [1, 1, 1, 1, 0, 0]
    );
    let (_, destinatari) = leggi_csv(&dir.path().join("destinatari.csv"));
    assert_eq!(destinatari[0]["Nome"], "Dora");
    let altrove = tempfile::tempdir().unwrap();
    let out = scrivi(
        &f.w,
        altrove.path(),
        json!({"formato": "csv", "territorio": "Biella"}),
    );
    assert_eq!(out["tabelle"][2]["tabella"], "servizi");
    assert_eq!(out["tabelle"][2]["righe"], 2);
}

#[test]
fn docs_tabelle_md_is_in_step_with_the_columns() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/tabelle.md");
    let expected = sportello::tabelle::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/tabelle.md is stale: run UPDATE_DOCS=1 cargo test --test tabelle"
    );
}
