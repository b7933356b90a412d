//! DES-01…DES-07: the anagrafica of a destinatario and its enrolment data.

use crate::common::{World, iscrizioni, refused, warned};
use serde_json::{Value, json};
use sportello::codice_fiscale::{Sesso, compute, omocode};

/// A codice fiscale from the given data, which the tests set against the anagrafica.
fn cf(cognome: &str, nome: &str, sesso: Sesso, nascita: &str, luogo: &str) -> String {
    compute(cognome, nome, sesso, nascita.parse().unwrap(), luogo)
}

#[test]
fn des_01_fires() {
    let w = World::new();
    let mut d = w.destinatario_input("Verdi", "Anna");
    let cf = d["codice_fiscale"].as_str().unwrap().to_owned();
    let wrong_check = format!("{}{}", &cf[..15], if cf.ends_with('A') { 'B' } else { 'A' });
    d["codice_fiscale"] = json!(wrong_check);
    match w.call("create_destinatario", d) {
        Err(sportello::Error::Regole { findings }) => {
            assert_eq!(findings[0].code, "DES-01");
            assert!(findings[0].forzabile, "a forzatura can override it");
            assert!(
                findings[0].message.contains("carattere di controllo"),
                "{}",
                findings[0].message
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn des_01_passes() {
    let w = World::new();
    // Omocodic codes are valid.
    let mut d = w.destinatario_input("Verdi", "Anna");
    d["codice_fiscale"] = json!(omocode(d["codice_fiscale"].as_str().unwrap(), 2));
    w.ok("create_destinatario", d);
    // A fictitious code passes with a forzatura, which is recorded.
    let mut d = w.destinatario_input("Rossi", "Ada");
    d["codice_fiscale"] = json!("XXXXXX00X00X000X");
    d["forzatura"] = json!({"motivo": "Minore straniero senza codice fiscale"});
    let saved = w.ok("create_destinatario", d);
    assert_eq!(saved["cf_forzato"], true);
    let motivo: String = w.scalar("SELECT motivo FROM forzatura");
    assert_eq!(motivo, "Minore straniero senza codice fiscale");
}

#[test]
fn des_02_fires() {
    let w = World::new();
    let mut d = w.destinatario_input("Verdi", "Anna");
    d["codice_fiscale"] = json!(cf("Verdi", "Anna", Sesso::M, "2012-04-16", "A859"));
    let codes = warned(w.call("create_destinatario", d));
    assert_eq!(
        codes,
        ["DES-02", "DES-02"],
        "sex and birth date both disagree"
    );
}

#[test]
fn des_02_passes() {
    let w = World::new();
    assert!(
        warned(w.call("create_destinatario", w.destinatario_input("Verdi", "Anna"))).is_empty()
    );
}

#[test]
fn des_02_fires_on_the_place_of_birth() {
    let w = World::new();
    // The CF says Torino (L219), the anagrafica Biella.
    let mut d = w.destinatario_input("Verdi", "Anna");
    d["codice_fiscale"] = json!(cf("Verdi", "Anna", Sesso::F, "2012-04-15", "L219"));
    let id = w.id("create_destinatario", d.clone());
    let trovate = w.ok("run_checks", json!({}));
    let messaggi: Vec<&str> = trovate
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "DES-02" && f["record"]["id"] == json!(id))
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messaggi.len(), 1, "{trovate}");
    assert!(
        messaggi[0].contains("Torino (TO) (L219)") && messaggi[0].contains("Biella"),
        "{}",
        messaggi[0]
    );

    // Born abroad: a Romanian CF code (Z129) with a Moroccan birthplace.
    let mut d = w.destinatario_input("Rosu", "Ioana");
    d["codice_fiscale"] = json!(cf("Rosu", "Ioana", Sesso::F, "2012-04-15", "Z129"));
    d["comune_nascita"] = json!(null);
    d["stato_estero_nascita"] = json!("Marocco");
    assert_eq!(warned(w.call("create_destinatario", d.clone())), ["DES-02"]);
    // The same with the state the code names: nothing to say.
    d["cognome"] = json!("Popescu");
    d["codice_fiscale"] = json!(cf("Popescu", "Ioana", Sesso::F, "2012-04-15", "Z129"));
    d["stato_estero_nascita"] = json!("Romania");
    assert!(warned(w.call("create_destinatario", d)).is_empty());
}

#[test]
fn des_03_fires() {
    let w = World::new();
    let mut d = w.destinatario_input("Verdi", "Anna");
    d["telefono"] = json!(" ");
    assert_eq!(refused(w.call("create_destinatario", d)), ["DES-03"]);
}

#[test]
fn des_03_passes() {
    let w = World::new();
    let mut d = w.destinatario_input("Verdi", "Anna");
    d["telefono"] = json!(null);
    d["email"] = json!("segreteria@scuola.example.it"); // the school's contact may stand in
    w.ok("create_destinatario", d);
}

#[test]
fn des_04_fires() {
    let w = World::new();
    let s = w.servizio();
    let d = w.destinatario("Verdi", "Anna");
    let iscrivi = iscrizioni(&s, &[(&d, json!({"classe": 7}))]);
    assert_eq!(refused(w.call("enrol_destinatari", iscrivi)), ["DES-04"]);
}

#[test]
fn des_04_passes() {
    let w = World::new();
    let s = w.servizio();
    w.enrol_new(&s, [("Verdi", "Anna", json!({"classe": 5}))]);
    assert_eq!(
        sportello::domain::dati_peculiari::parse_classe("seconda"),
        Some(2)
    );
    assert_eq!(
        sportello::domain::dati_peculiari::parse_classe("II"),
        Some(2)
    );
    assert_eq!(
        sportello::domain::dati_peculiari::parse_classe("2ª"),
        Some(2)
    );
}

#[test]
fn des_05_fires() {
    let w = World::new();
    w.destinatario("Verdi", "Anna");
    let mut doppio = w.destinatario_input("Verdi", "Anna");
    doppio["codice_fiscale"] = json!(doppio["codice_fiscale"].as_str().unwrap().to_lowercase());
    assert_eq!(refused(w.call("create_destinatario", doppio)), ["DES-05"]);
}

#[test]
fn des_05_passes() {
    let w = World::new();
    let id = w.destinatario("Verdi", "Anna");
    // Saving the same person again under their own id is not a duplicate.
    let mut d = w.destinatario_input("Verdi", "Anna");
    d["email"] = json!("anna@example.it");
    w.ok("update_destinatario", json!({"id": id, "dati": d}));
}

#[test]
fn des_06_applies() {
    let w = World::new();
    let nascita = "2011-09-01".parse().unwrap();
    let mut d = w.destinatario_input("Popescu", "Ioana");
    d["codice_fiscale"] = json!(compute("Popescu", "Ioana", Sesso::F, nascita, "Z129"));
    d["data_nascita"] = json!(nascita);
    d["comune_nascita"] = json!(null);
    d["stato_estero_nascita"] = json!("Romania");
    let saved = w.ok("create_destinatario", d);
    assert_eq!(
        saved["citta_estera_nascita"],
        json!(null),
        "the foreign city is optional"
    );
}

#[test]
fn des_07_applies() {
    let w = World::new();
    let disabilita = |s: &str, d: &str| {
        let scheda = w.ok("get_servizio", json!({"id": s}));
        scheda["iscritti"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["destinatario"]["id"] == json!(d))
            .unwrap()["iscrizione"]["dati_peculiari"]["disabilita"]
            .clone()
    };
    // Nothing said, neither for the person nor for the servizio: no.
    let (s, d) = w.servizio_con_iscritti();
    assert_eq!(
        disabilita(&s, &d[0]),
        json!(false),
        "disabilità defaults to no"
    );

    // The servizio says yes: the person who says nothing takes it, the one who says no keeps no.
    let mut input = w.servizio_input();
    input["titolo"] = json!("Laboratorio inclusivo");
    input["dati_peculiari"]["disabilita"] = json!(true);
    let s = w.id("create_servizio", input);
    let [tace, dice_no] = w.enrol_new(
        &s,
        [
            ("Neri", "Carla", Value::Null),
            ("Bruni", "Dario", json!({"disabilita": false})),
        ],
    );
    assert_eq!(disabilita(&s, &tace), json!(true), "the servizio's default");
    assert_eq!(
        disabilita(&s, &dice_no),
        json!(false),
        "the person's value wins"
    );
}

#[test]
fn des_01_forzatura_needs_a_known_user_and_ends_with_a_valid_cf() {
    let mut w = World::new();
    let mut d = w.destinatario_input("Rossi", "Ada");
    let valido = d["codice_fiscale"].clone();
    d["codice_fiscale"] = json!("XXXXXX00X00X000X");
    d["forzatura"] = json!({"motivo": "Minore straniero senza codice fiscale"});
    w.utente = None;
    assert_eq!(
        refused(w.call("create_destinatario", d.clone())),
        ["DES-01"]
    );
    w.utente = Some(w.utente_orientatore.clone());
    assert_eq!(
        refused(w.call("create_destinatario", d.clone())),
        ["DES-01"],
        "forcing a codice fiscale is a coordinatore's"
    );
    w.utente = Some(w.coordinatore.clone());
    let id = w.id("create_destinatario", d.clone());
    d["codice_fiscale"] = valido;
    d["forzatura"] = serde_json::Value::Null;
    let after = w.ok("update_destinatario", json!({"id": id, "dati": d}));
    assert_eq!(
        after["cf_forzato"], false,
        "the valid CF ends the forzatura"
    );
    let storia: i64 = w.scalar("SELECT COUNT(*) FROM forzatura");
    assert_eq!(storia, 1, "the history stays");
}

/// The form's help (seed 000 §7): a walk-in person without a codice fiscale
/// gets one computed from the anagrafica, which then passes DES-01 and DES-02.
#[test]
fn a_computed_cf_passes_des_01_and_des_02_and_reads_back_its_anagrafica() {
    let w = World::new();
    let luoghi = w.ok("cerca_luoghi", json!({"testo": "roman", "estero": true}));
    assert_eq!(luoghi[0]["codice"], "Z129", "{luoghi}");
    let cf = w.ok(
        "calcola_codice_fiscale",
        json!({"cognome": "Popescu", "nome": "Ioana", "sesso": "F", "data_nascita": "2009-07-21", "luogo": "Z129"}),
    );
    let cf = cf.as_str().unwrap().to_owned();
    assert_eq!(
        cf,
        compute(
            "Popescu",
            "Ioana",
            Sesso::F,
            "2009-07-21".parse().unwrap(),
            "Z129"
        )
    );
    let letto = w.ok(
        "leggi_codice_fiscale",
        json!({"codice_fiscale": cf.to_lowercase()}),
    );
    assert_eq!(letto["errore"], serde_json::Value::Null);
    assert_eq!(letto["sesso"], "F");
    assert_eq!(letto["data_nascita"], "2009-07-21");
    assert_eq!(letto["luogo"]["nome"], "Romania");
    assert_eq!(letto["esistente"], serde_json::Value::Null);

    let mut d = w.destinatario_input("Popescu", "Ioana");
    d["codice_fiscale"] = json!(cf);
    d["sesso"] = json!("F");
    d["data_nascita"] = json!("2009-07-21");
    d["stato_estero_nascita"] = json!("Romania");
    d["comune_nascita"] = json!(null);
    let id = w.id("create_destinatario", d);
    // Typed again at another visit: the person is found (DES-05), not created twice.
    let letto = w.ok("leggi_codice_fiscale", json!({"codice_fiscale": cf}));
    assert_eq!(letto["esistente"]["id"], json!(id));
}

#[test]
fn a_cf_being_typed_says_why_it_is_not_valid_and_nothing_is_computed_without_a_place() {
    let w = World::new();
    let letto = w.ok(
        "leggi_codice_fiscale",
        json!({"codice_fiscale": "RSSMRA85T10A56"}),
    );
    assert!(letto["errore"].as_str().unwrap().contains("16"), "{letto}");
    assert_eq!(letto["sesso"], serde_json::Value::Null);
    // Born in 1985, read back in its century.
    let letto = w.ok(
        "leggi_codice_fiscale",
        json!({"codice_fiscale": "RSSMRA85T10A562S"}),
    );
    assert_eq!(letto["data_nascita"], "1985-12-10");
    assert_eq!(letto["luogo"]["codice"], "A562");
    let r = w.call(
        "calcola_codice_fiscale",
        json!({"cognome": "Rossi", "nome": "Mario", "sesso": "M", "data_nascita": "1985-12-10", "luogo": "Atlantide"}),
    );
    assert!(
        matches!(r, Err(sportello::Error::Dati { field: Some(ref f), .. }) if f == "luogo"),
        "{r:?}"
    );
}
