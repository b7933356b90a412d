//! Schools from the ministry's registry: a small sample in the registry's format
//! (tests/fixtures), filtered by region, re-imported, and updated by a newer year.

mod common;

use common::World;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

const STATALI: &str = "SCUANAGRAFESTAT20252620250901.csv";

fn importa(w: &World, percorso: &str, extra: Value) -> Value {
    let mut input = json!({"percorso": percorso, "regione": "Piemonte"});
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    w.ok("importa_scuole", input)
}

fn scuola(w: &World, codice: &str) -> Value {
    let found = w.ok("search_enti", json!({"testo": codice}));
    found
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["codice_meccanografico"] == codice)
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn state_schools_of_a_region_with_their_plessi() {
    let w = World::new();
    let preview = importa(&w, &fixture(STATALI), json!({}));
    let p = &preview["piano"];
    // The world already holds BIIC80000A (IC Alfa) and its plessi BIMM80001B, BIMM80002C.
    assert_eq!(
        (
            p["nuove"].as_u64(),
            p["aggiornate"].as_u64(),
            p["errori"].as_u64(),
            p["escluse"].as_u64()
        ),
        (Some(1), Some(3), Some(1), Some(2))
    );
    let errore = p["righe"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["esito"] == "errore")
        .unwrap();
    assert!(errore["messaggio"].as_str().unwrap().contains("BI12"));
    assert!(
        scuola(&w, "BIIS00700A").is_null(),
        "a preview writes nothing"
    );

    let beta_before = scuola(&w, "BIMM80001B");
    let applied = importa(&w, &fixture(STATALI), json!({"applica": true}));
    assert_eq!(
        (applied["nuove"].as_u64(), applied["aggiornate"].as_u64()),
        (Some(1), Some(3))
    );
    let beta = scuola(&w, "BIMM80001B");
    assert_eq!(
        beta["id"], beta_before["id"],
        "ids stay: interventi and referenti remain attached"
    );
    assert_eq!(beta["nome"], "SCUOLA MEDIA BETA");
    assert_eq!(beta["istituto_principale_id"], json!(w.istituto));
    assert_eq!(beta["indirizzo"], "VIA MILANO 2");
    let gamma = scuola(&w, "BIMM80002C");
    assert_eq!(gamma["email"], Value::Null, "«Non Disponibile» is no value");
    assert_eq!(gamma["comune"], "COSSATO");
    let iis = scuola(&w, "BIIS00700A");
    assert_eq!(
        iis["istituto_principale_id"],
        Value::Null,
        "a school that is its own reference is a principal"
    );
    assert_eq!(iis["indirizzo"], "CORSO EUROPA 10");
    assert_eq!(
        scuola(&w, "BIIC80000A")["indirizzo"],
        "VIA ROMA, 1",
        "a quoted field keeps its comma"
    );
    assert!(
        scuola(&w, "MIIC00100X").is_null(),
        "other regions are filtered out"
    );
    let i = w.ok("get_intervento", json!({"id": w.intervento}));
    assert_eq!(
        i["ente_ids"],
        json!([w.plesso]),
        "the intervento on Beta is untouched"
    );

    // The same file again changes nothing.
    let again = importa(&w, &fixture(STATALI), json!({"applica": true}));
    assert_eq!(again["piano"]["invariate"], 4);
    assert_eq!(
        (again["nuove"].as_u64(), again["aggiornate"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn a_newer_year_updates_names_and_adds_schools() {
    let w = World::new();
    importa(&w, &fixture(STATALI), json!({"applica": true}));
    let gamma = scuola(&w, "BIMM80002C");
    let text = std::fs::read_to_string(fixture(STATALI))
        .unwrap()
        .replace("202526", "202627")
        .replace(
            "SCUOLA MEDIA GAMMA,VIA TORINO 3",
            "SCUOLA MEDIA GAMMA «DON MILANI»,VIA TORINO 5",
        )
        + "202627,NORD OVEST,PIEMONTE,BIELLA,BIIC80000A,IC ALFA,BIEE80003D,PRIMARIA DELTA,VIA NAPOLI 4,13900,A859,BIELLA,NORMALE,SCUOLA PRIMARIA,NO,NO,Non Disponibile,Non Disponibile,Non Disponibile\n";
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("SCUANAGRAFESTAT20262720260901.csv");
    std::fs::write(&path, text).unwrap();
    let e = importa(&w, &path.display().to_string(), json!({"applica": true}));
    assert_eq!(
        (e["nuove"].as_u64(), e["aggiornate"].as_u64()),
        (Some(1), Some(1))
    );
    let after = scuola(&w, "BIMM80002C");
    assert_eq!(after["id"], gamma["id"]);
    assert_eq!(after["nome"], "SCUOLA MEDIA GAMMA «DON MILANI»");
    assert_eq!(
        scuola(&w, "BIEE80003D")["istituto_principale_id"],
        json!(w.istituto)
    );
}

#[test]
fn paritarie_have_no_istituto_di_riferimento() {
    let w = World::new();
    let e = importa(
        &w,
        &fixture("SCUANAGRAFEPAR20252620250901.csv"),
        json!({"applica": true}),
    );
    assert_eq!(e["piano"]["paritarie"], true);
    assert_eq!(e["nuove"], 1);
    let s = scuola(&w, "BI1M00500D");
    assert_eq!(s["nome"], "SCUOLA MEDIA PARITARIA SAN GIUSEPPE");
}

#[test]
fn a_file_that_is_not_the_registry_is_refused_clearly() {
    let w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("altro.csv");
    std::fs::write(&path, "Cognome;Nome\nRossi;Anna\n").unwrap();
    let err = w
        .call(
            "importa_scuole",
            json!({"percorso": path.display().to_string()}),
        )
        .unwrap_err();
    assert!(err.to_string().contains("anagrafe delle scuole"), "{err}");
}
