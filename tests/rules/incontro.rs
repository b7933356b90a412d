//! INC-01…INC-05, INC-07…INC-09 (INC-06 is in `scadenze`).

use crate::common::{DATI_PECULIARI, World, iscrizioni, refused, warned};
use serde_json::{Value, json};
use sportello::rules::Code;

/// A servizio with two enrolled destinatari and the input of a valid incontro for both.
fn pronto(w: &World) -> (String, Vec<String>, Value) {
    let (s, d) = w.servizio_con_iscritti();
    let i = w.incontro_input(&s, "2026-01-15", &[&d[0], &d[1]]);
    (s, d, i)
}

#[test]
fn inc_01_fires() {
    let w = World::new();
    let (_, _, mut i) = pronto(&w);
    i["ora_fine"] = json!("08:00");
    assert_eq!(refused(w.call("create_incontro", i.clone())), ["INC-01"]);
    i["ora_fine"] = json!("11:00");
    i["durata_minuti"] = json!(90); // 9:00–11:00 is 120
    assert_eq!(refused(w.call("create_incontro", i)), ["INC-01"]);
}

#[test]
fn inc_01_passes() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    assert_eq!(
        w.ok("create_incontro", i)["durata_minuti"],
        120,
        "duration = end − start"
    );
}

#[test]
fn inc_02_fires() {
    let w = World::new();
    let (s, d, _) = pronto(&w);
    let estraneo = w.destinatario("Blu", "Carla");
    let i = w.incontro_input(&s, "2026-01-15", &[&d[0], &estraneo]);
    assert_eq!(refused(w.call("create_incontro", i)), ["INC-02"]);
}

#[test]
fn inc_02_passes() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    w.ok("create_incontro", i);
}

#[test]
fn inc_03_fires() {
    let w = World::new();
    let (_, _, mut i) = pronto(&w);
    i["orientatore_id"] = Value::Null;
    assert_eq!(refused(w.call("create_incontro", i)), ["INC-03"]);
}

#[test]
fn inc_03_passes() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    let i = w.ok("create_incontro", i);
    assert_eq!(i["orientatore_id"], json!(w.orientatore));
}

#[test]
fn inc_04_fires() {
    let w = World::new();
    let (_, _, mut i) = pronto(&w);
    i["luogo"] = json!({});
    assert_eq!(refused(w.call("create_incontro", i)), ["INC-04"]);
}

#[test]
fn inc_04_passes() {
    let w = World::new();
    let (_, _, mut i) = pronto(&w);
    i["luogo"] = json!({"descrizione": "Biblioteca civica"});
    w.ok("create_incontro", i);
    let (_, _, mut i) = pronto(&w);
    i["data"] = json!("2026-01-16");
    let i = w.ok("create_incontro", i);
    assert!(
        i["luogo"]["descrizione"]
            .as_str()
            .unwrap()
            .contains("Scuola media Beta"),
        "address filled from the ente"
    );
}

#[test]
fn inc_05_fires() {
    let w = World::new();
    let mut input = w.servizio_input();
    input["dati_peculiari"] = json!({});
    let s = w.id("create_servizio", input);
    let [d] = w.enrol_new(&s, [("Verdi", "Anna", json!({"classe": 3}))]);
    let i = w.id("create_incontro", w.incontro_input(&s, "2026-01-15", &[&d]));
    assert_eq!(
        refused(w.call("close_incontro", json!({"id": i}))),
        ["INC-05"]
    );
}

#[test]
fn inc_05_passes() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    let i = w.id("create_incontro", i);
    assert_eq!(w.ok("close_incontro", json!({"id": i}))["stato"], "chiuso");
}

#[test]
fn inc_07_fires() {
    let w = World::new();
    let (_, _, mut i) = pronto(&w);
    i["ora_fine"] = json!("09:30"); // OR3 meetings last 1–4 h
    assert_eq!(warned(w.call("create_incontro", i)), ["INC-07"]);
}

#[test]
fn inc_07_passes() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    assert!(warned(w.call("create_incontro", i)).is_empty());
}

#[test]
fn inc_08_fires() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    w.ok("create_incontro", i);
    let (_, _, mut altro) = pronto(&w);
    altro["ora_inizio"] = json!("10:30");
    altro["ora_fine"] = json!("12:00");
    assert_eq!(refused(w.call("create_incontro", altro)), ["INC-08"]);
}

#[test]
fn inc_08_passes() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    w.ok("create_incontro", i);
    // Back to back is fine, and so is another orientatore at the same time.
    let (_, _, mut dopo) = pronto(&w);
    dopo["ora_inizio"] = json!("11:00");
    dopo["ora_fine"] = json!("12:00");
    w.ok("create_incontro", dopo);
    let (_, _, mut collega) = pronto(&w);
    collega["orientatore_id"] = json!(w.orientatore2);
    w.ok("create_incontro", collega);
}

#[test]
fn inc_09_fires() {
    let w = World::new();
    let (_, _, i) = pronto(&w);
    let id = w.id("create_incontro", i.clone());
    w.ok("close_incontro", json!({"id": id}));
    assert_eq!(
        refused(w.call("update_incontro", json!({"id": id, "dati": i}))),
        ["INC-09"]
    );
    let presenze = json!({"incontro_id": id, "presenze": []});
    assert_eq!(refused(w.call("set_presenze", presenze)), ["INC-09"]);
    assert!(
        w.call("reopen_incontro", json!({"id": id, "motivo": ""}))
            .is_err(),
        "a reason is required"
    );
}

#[test]
fn inc_09_passes() {
    let w = World::new();
    let (_, d, i) = pronto(&w);
    let id = w.id("create_incontro", i);
    w.ok("close_incontro", json!({"id": id}));
    w.ok(
        "reopen_incontro",
        json!({"id": id, "motivo": "Firma di Anna Verdi dimenticata"}),
    );
    let presenze =
        json!({"incontro_id": id, "presenze": [{"destinatario_id": d[0], "presente": true}]});
    w.ok("set_presenze", presenze);
    let n: i64 = w.scalar("SELECT COUNT(*) FROM riapertura WHERE regola = 'INC-09'");
    assert_eq!(n, 1, "the reopening is recorded");
}

#[test]
fn run_checks_lists_inc_05_on_open_incontri_only() {
    let w = World::new();
    let mut input = w.servizio_input();
    input["dati_peculiari"] = json!({});
    let s = w.id("create_servizio", input);
    let [a, b] = w.enrol_new(
        &s,
        [
            ("Verdi", "Anna", json!({"classe": 3})),
            ("Gialli", "Bruna", DATI_PECULIARI.clone()),
        ],
    );
    w.ok(
        "create_incontro",
        w.incontro_input(&s, "2026-01-15", &[&a, &b]),
    );
    let findings = w.ok("run_checks", json!({}));
    let inc05: Vec<&Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "INC-05")
        .collect();
    assert_eq!(inc05.len(), 1, "only Anna lacks data: {inc05:?}");
    assert!(inc05[0]["message"].as_str().unwrap().contains(&a));
}

#[test]
fn inc_03_fires_for_another_body_or_a_deactivated_orientatore() {
    let w = World::new();
    let (_, _, mut i) = pronto(&w);
    let (_, _, altro) = w.altro_ente("piemonte-oop", None);
    i["orientatore_id"] = json!(altro);
    assert_eq!(refused(w.call("create_incontro", i.clone())), ["INC-03"]);
    w.ok(
        "update_orientatore",
        json!({"id": w.orientatore2, "dati": {"ente_attuatore_id": w.ente_attuatore,
               "cognome": "Neri", "nome": "Luca", "attivo": false}}),
    );
    i["orientatore_id"] = json!(w.orientatore2);
    assert_eq!(refused(w.call("create_incontro", i)), ["INC-03"]);
}

#[test]
fn inc_05_asks_no_classe_of_a_university_student() {
    let w = World::new();
    let uni = w.id(
        "create_ente",
        json!({"tipo": "universita", "nome": "Università di Torino"}),
    );
    let mut s = w.servizio_input();
    s["intervento_id"] = Value::Null;
    s["codice_azione"] = json!("OR2");
    s["numero_destinatari"] = json!(1);
    s["numero_famiglie"] = Value::Null;
    s["durata_prevista_minuti"] = json!(60);
    s["ente_ids"] = json!([uni]);
    s["dati_peculiari"] = json!({"titolo_studio": "diploma", "condizione_occupazionale": "studente",
                                 "condizione_abitativa": "nessun_disagio"});
    let s = w.id("create_servizio", s);
    let d = w.destinatario("Verdi", "Anna");
    w.enrol(&s, &[&d]);
    let mut i = w.incontro_input(&s, "2026-01-15", &[&d]);
    i["ora_fine"] = json!("10:00");
    let i = w.id("create_incontro", i);
    assert_eq!(w.ok("close_incontro", json!({"id": i}))["stato"], "chiuso");
}

#[test]
fn inc_09_refuses_a_reopening_but_by_a_known_coordinatore() {
    let mut w = World::new();
    let (_, _, i) = pronto(&w);
    let id = w.id("create_incontro", i);
    w.ok("close_incontro", json!({"id": id}));
    w.utente = None;
    let motivo = json!({"id": id, "motivo": "Firma dimenticata"});
    assert_eq!(
        refused(w.call("reopen_incontro", motivo.clone())),
        ["INC-09"]
    );
    w.utente = Some(sportello::Id::new().to_string());
    assert!(
        matches!(
            w.call("reopen_incontro", motivo.clone()),
            Err(sportello::Error::Accesso { .. })
        ),
        "a user who is not in the database does nothing"
    );
    w.utente = Some(w.utente_orientatore.clone());
    assert_eq!(
        refused(w.call("reopen_incontro", motivo.clone())),
        ["INC-09"],
        "an orientatore records, a coordinatore reopens"
    );
    w.utente = Some(w.coordinatore.clone());
    w.ok("reopen_incontro", motivo);
    let chi: String = w.scalar("SELECT chi FROM riapertura");
    assert_eq!(chi, w.coordinatore);
}

#[test]
fn inc_09_locks_the_dati_peculiari_of_those_present() {
    let w = World::new();
    let (s, d, mut i) = pronto(&w);
    i["presenze"][1]["presente"] = json!(false);
    let id = w.id("create_incontro", i);
    w.ok("close_incontro", json!({"id": id}));
    let classe = |who: &str| {
        let dati_peculiari = json!({"classe": 4, "sezione": "A", "titolo_studio": "licenza_elementare",
             "condizione_occupazionale": "studente", "condizione_abitativa": "nessun_disagio"});
        iscrizioni(&s, &[(who, dati_peculiari)])
    };
    assert_eq!(
        refused(w.call("update_iscrizione", classe(&d[0]))),
        ["INC-09"]
    );
    assert_eq!(
        refused(w.call("enrol_destinatari", classe(&d[0]))),
        ["INC-09"],
        "nor by enrolling again"
    );
    w.ok("update_iscrizione", classe(&d[1])); // absent: not on the signed register
}

#[test]
fn inc_10_fires() {
    let w = World::new();
    let (s, d, _) = pronto(&w);
    let domani = w.incontro_input(&s, "2026-01-21", &[&d[0]]); // today is 20/01
    assert_eq!(refused(w.call("create_incontro", domani)), ["INC-10"]);
    let vuoto = w.id("create_incontro", w.incontro_input(&s, "2026-01-21", &[]));
    // (OR3 also misses its pupils present: INC-12 comes too.)
    assert!(refused(w.call("close_incontro", json!({"id": vuoto}))).contains(&Code::INC_10));
}

#[test]
fn inc_10_passes() {
    let w = World::new();
    let (s, d, _) = pronto(&w);
    let oggi = w.id(
        "create_incontro",
        w.incontro_input(&s, "2026-01-20", &[&d[0], &d[1]]),
    );
    assert_eq!(
        w.ok("close_incontro", json!({"id": oggi}))["stato"],
        "chiuso"
    );
    // A future incontro is planned without presences.
    w.ok("create_incontro", w.incontro_input(&s, "2026-02-10", &[]));
}

#[test]
fn inc_11_fires() {
    let w = World::new();
    let (s, _, _) = pronto(&w);
    let codes = warned(w.call("create_incontro", w.incontro_input(&s, "2026-09-10", &[])));
    assert_eq!(codes, ["INC-11"]);
}

#[test]
fn inc_11_passes() {
    let w = World::new();
    let (s, _, _) = pronto(&w);
    // 31 August is still 2025/26.
    let codes = warned(w.call("create_incontro", w.incontro_input(&s, "2026-08-31", &[])));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn inc_12_fires() {
    let w = World::new();
    let (s, d, mut i) = pronto(&w);
    i["famiglie_presenti"] = Value::Null;
    let id = w.id("create_incontro", i);
    assert_eq!(
        refused(w.call("close_incontro", json!({"id": id}))),
        ["INC-12"]
    );
    // 15 families and no pupil: the parents are not the destinatari.
    let mut solo_genitori = w.incontro_input(&s, "2026-01-16", &[]);
    solo_genitori["famiglie_presenti"] = json!(15);
    solo_genitori["presenze"] = json!([{"destinatario_id": d[0], "presente": false}]);
    let id = w.id("create_incontro", solo_genitori);
    assert_eq!(
        refused(w.call("close_incontro", json!({"id": id}))),
        ["INC-12"]
    );
}

#[test]
fn inc_12_passes() {
    let w = World::new();
    let (s, d, _) = pronto(&w);
    let mut i = w.incontro_input(&s, "2026-01-16", &[&d[0]]);
    i["famiglie_presenti"] = json!(15);
    let id = w.id("create_incontro", i);
    let chiuso = w.ok("close_incontro", json!({"id": id}));
    assert_eq!(chiuso["famiglie_presenti"], 15);
}
