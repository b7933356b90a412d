//! Writes the seeds that need the library itself into fuzz/seeds/:
//! `comando` (call sequences over the world of `fuzz_targets/mondo.rs`),
//! `scambio` (real exchange files), `scambio_carico` (their decrypted
//! records) and `foglio/modello.xlsx` (the school template Sportello writes).
//!
//!     cd fuzz && cargo +nightly run --release --example semi
//!
//! The static seeds come from `make_seeds.py`.

#[path = "../fuzz_targets/mondo.rs"]
#[allow(dead_code)]
mod mondo;

use serde_json::{Value, json};
use sportello::{OPERATIONS, Store, dispatch};
use std::path::Path;

fn indice(nome: &str) -> u8 {
    let i = OPERATIONS
        .iter()
        .position(|o| o.name == nome)
        .unwrap_or_else(|| panic!("no operation {nome}"));
    u8::try_from(i).expect("fewer than 256 operations")
}

/// `[selector][JSON]` for each call, back to back.
fn sequenza(calls: &[(&str, Value)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (op, v) in calls {
        out.push(indice(op));
        out.extend(serde_json::to_vec(v).expect("json"));
    }
    out
}

fn scrivi(seeds: &Path, target: &str, nome: &str, bytes: &[u8]) {
    let dir = seeds.join(target);
    std::fs::create_dir_all(&dir).expect("seed folder");
    std::fs::write(dir.join(nome), bytes).expect("seed");
}

fn main() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let m = mondo::mondo_ops();
    let input = |i: usize| m[i].1.clone();
    let servizio = input(13);
    let incontro = input(17);
    let mut incontro2 = incontro.clone();
    incontro2["data"] = json!("2026-01-19");
    incontro2["presenze"][1]["presente"] = json!(true);
    let mut destinatario = input(14);
    destinatario["cognome"] = json!("Blu");
    destinatario["nome"] = json!("Carlo");
    destinatario["sesso"] = json!("M");
    destinatario["codice_fiscale"] = json!(sportello::codice_fiscale::compute(
        "Blu",
        "Carlo",
        sportello::codice_fiscale::Sesso::M,
        chrono::NaiveDate::from_ymd_opt(2012, 4, 15).unwrap(),
        "A859"
    ));
    let mut standalone = servizio.clone();
    standalone["intervento_id"] = Value::Null;
    standalone["numero_destinatari"] = json!(1);
    standalone["numero_famiglie"] = json!(0);

    let comando: Vec<(&str, Vec<(&str, Value)>)> = vec![
        ("get_servizio", vec![("get_servizio", json!({"id": "@12"}))]),
        ("get_intervento", vec![("get_intervento", json!({"id": "@11"}))]),
        ("get_destinatario", vec![("get_destinatario", json!({"id": "@13"}))]),
        ("get_incontro", vec![("get_incontro", json!({"id": "@15"}))]),
        ("get_ente", vec![("get_ente", json!({"id": "@8"}))]),
        ("list_servizi", vec![("list_servizi", json!({}))]),
        ("list_interventi", vec![("list_interventi", json!({"ente_attuatore_id": "@1"}))]),
        ("list_incontri_aperti", vec![("list_incontri_aperti", json!({}))]),
        ("search_destinatari", vec![("search_destinatari", json!({"testo": "Ver an", "limite": 5}))]),
        ("search_enti", vec![("search_enti", json!({"testo": "BIMM", "tipo": "scuola"}))]),
        ("list_scadenze", vec![("list_scadenze", json!({}))]),
        ("run_checks", vec![("run_checks", Value::Null)]),
        ("calcola_indicatori", vec![("calcola_indicatori", json!({"dal": "2025-09-01", "al": "2026-08-31"}))]),
        ("indicatori_xlsx", vec![("calcola_indicatori", json!({"ente_attuatore_id": "@1", "percorso": "i.xlsx"}))]),
        ("list_regole", vec![("list_regole", json!({}))]),
        ("impostazioni", vec![
            ("set_impostazioni", json!({"ente_attuatore_id": "@1", "orientatore_id": "@4"})),
            ("get_impostazioni", json!({})),
        ]),
        ("nuovo_iscritto", vec![
            ("create_destinatario", destinatario.clone()),
            ("enrol_destinatari", json!({"servizio_id": "@12", "iscrizioni": [{"destinatario_id": "@18"}]})),
            ("remove_destinatario", json!({"servizio_id": "@12", "destinatario_id": "@18"})),
            ("delete_destinatario", json!({"id": "@18"})),
        ]),
        ("aggiorna_destinatario", vec![("update_destinatario", json!({"id": "@13", "dati": input(14)}))]),
        ("incontro", vec![
            ("create_incontro", incontro2.clone()),
            ("set_presenze", json!({"incontro_id": "@18", "presenze": [{"destinatario_id": "@13", "presente": false}]})),
            ("close_incontro", json!({"id": "@18"})),
            ("reopen_incontro", json!({"id": "@18", "motivo": "Presenze da correggere"})),
            ("delete_incontro", json!({"id": "@18"})),
        ]),
        ("aggiorna_incontro", vec![("update_incontro", json!({"id": "@15", "dati": incontro2}))]),
        ("chiudi_servizio", vec![
            ("close_incontro", json!({"id": "@15"})),
            ("close_servizio", json!({"id": "@12"})),
            ("reopen_servizio", json!({"id": "@12", "motivo": "Un incontro in più"})),
        ]),
        ("servizio_autonomo", vec![
            ("create_servizio", standalone),
            ("update_servizio", json!({"id": "@18", "dati": servizio.clone()})),
            ("delete_servizio", json!({"id": "@18"})),
        ]),
        ("intervento", vec![
            ("deactivate_intervento", json!({"id": "@11"})),
            ("update_intervento", json!({"id": "@11", "dati": input(11)})),
            ("activate_intervento", json!({"id": "@11"})),
            ("delete_intervento", json!({"id": "@11"})),
        ]),
        ("modello", vec![
            ("create_modello", json!({"ente_attuatore_id": "@1", "titolo": "Modello classi terze",
                                      "anno_scolastico": "2025/26", "orientatore_id": "@3",
                                      "target_ids": ["@5"], "cms_ids": ["@6"],
                                      "enti": [{"ente_id": "@8", "ruolo": "destinatario", "referente_id": "@10"}], "azioni": ["OR3"]})),
            ("list_modelli", json!({})),
            ("get_modello", json!({"id": "@18"})),
            ("create_intervento", json!({"ente_attuatore_id": "@1", "titolo": "Dal modello",
                                         "modello_id": "@18", "ente_ids": ["@8"]})),
            ("delete_modello", json!({"id": "@18"})),
        ]),
        ("enti", vec![
            ("update_ente", json!({"id": "@9", "dati": input(9)})),
            ("create_referente", json!({"ente_id": "@9", "cognome": "Neri", "nome": "Ugo", "ruolo": "tutor"})),
            ("delete_ente", json!({"id": "@9"})),
        ]),
        ("organizzazione", vec![
            ("list_rt", json!({})),
            ("update_ente_attuatore", json!({"id": "@1", "dati": input(1)})),
            ("update_sede", json!({"id": "@2", "dati": input(2)})),
            ("update_orientatore", json!({"id": "@4", "dati": input(4)})),
            ("save_voce", json!({"lista": "target", "nome": "Nuovo target"})),
        ]),
        ("registro_prima", vec![("stampa_registro", json!({"servizio_id": "@12", "variante": "prima", "percorso": "r.pdf"}))]),
        ("registro_dopo", vec![("stampa_registro", json!({"servizio_id": "@12", "variante": "dopo", "percorso": "r.pdf"}))]),
        ("registri", vec![("stampa_registri", json!({"intervento_id": "@11", "percorso": "registri"}))]),
        ("tabelle_csv", vec![("scrivi_tabelle", json!({"formato": "csv", "cartella": "tabelle"}))]),
        ("tabelle_xlsx", vec![("scrivi_tabelle", json!({"dal": "2026-01-01", "cartella": "tabelle"}))]),
        ("modello_e_import", vec![
            ("modello_excel", json!({"percorso": "m.xlsx"})),
            ("importa_destinatari", json!({"servizio_id": "@12", "percorso": "m.xlsx"})),
        ]),
        ("import_csv", vec![
            ("scrivi_tabelle", json!({"formato": "csv", "cartella": "t"})),
            ("importa_destinatari", json!({"servizio_id": "@12", "percorso": "t/destinatari.csv"})),
            ("importa_scuole", json!({"percorso": "t/servizi.csv", "provincia": "BI"})),
        ]),
        ("scambio", vec![
            ("esporta", json!({"percorso": "x.sportello", "completo": true})),
            ("unisci", json!({"percorso": "x.sportello"})),
            ("list_provenienze", json!({})),
            ("list_conflitti", json!({})),
        ]),
        ("demo", vec![("riempi_demo", json!({}))]),
        ("sconosciuta", vec![("list_cataloghi", json!([]))]),
    ];
    for (nome, calls) in &comando {
        scrivi(&seeds, "comando", nome, &sequenza(calls));
    }

    // Real exchange files, and what they carry.
    let store = Store::open_in_memory().expect("store");
    let ids = mondo::crea(&store);
    let ctx = mondo::ctx(&ids);
    let dir = tempfile::tempdir().expect("temp dir");
    let esporta = |nome: &str, completo: bool| {
        let p = dir.path().join(nome);
        dispatch(
            &store,
            &ctx,
            "esporta",
            json!({"percorso": p.display().to_string(), "completo": completo}),
        )
        .expect("esporta");
        std::fs::read(&p).expect("exported file")
    };
    let completo = esporta("completo.sportello", true);
    dispatch(&store, &ctx, "close_incontro", json!({"id": ids[15]})).expect("close");
    let delta = esporta("delta.sportello", false);
    scrivi(&seeds, "scambio", "completo", &completo);
    scrivi(&seeds, "scambio", "delta", &delta);
    let testa = completo.iter().position(|&b| b == b'\n').unwrap() + 1;
    let fine_testa = testa + completo[testa..].iter().position(|&b| b == b'\n').unwrap() + 1;
    scrivi(&seeds, "scambio", "solo_intestazione", &completo[..fine_testa]);
    scrivi(&seeds, "scambio", "magia", b"SPORTELLO-SCAMBIO\n");

    let identita = sportello::scambio::chiavi::identita_ufficio(&store)
        .expect("identity")
        .expect("the office's keys");
    for (nome, file) in [("completo", &completo), ("delta", &delta)] {
        let carico = sportello::scambio::formato::verifica(file)
            .expect("verifica")
            .apri(&identita)
            .expect("apri");
        let json = serde_json::to_vec(&carico).expect("json");
        let mut seme = vec![1u8];
        seme.extend(&json);
        scrivi(&seeds, "scambio_carico", nome, &seme);
        if nome == "delta" {
            use std::io::Write;
            let mut d = flate2::write::DeflateEncoder::new(vec![0u8], flate2::Compression::fast());
            d.write_all(&json).unwrap();
            scrivi(&seeds, "scambio_carico", "delta_deflate", &d.finish().unwrap());
        }
    }

    // The school template.
    let p = dir.path().join("modello.xlsx");
    dispatch(
        &store,
        &ctx,
        "modello_excel",
        json!({"percorso": p.display().to_string()}),
    )
    .expect("modello_excel");
    scrivi(&seeds, "foglio", "modello.xlsx", &std::fs::read(&p).expect("template"));
    println!("seeds written under {}", seeds.display());
}
