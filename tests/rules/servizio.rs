//! SER-01…SER-10, SER-12…SER-19 and GEN-01 (SER-11 is in `scadenze`).

use crate::common::{World, iscrizioni, refused, warned};
use serde_json::{Value, json};
use sportello::rules::Code;

/// Another implementing body with its own sede: (ente attuatore, sede).
fn altro_ente(w: &World) -> (String, String) {
    let ente = w.id(
        "create_ente_attuatore",
        json!({"nome": "Altro Ente", "catalogo": "piemonte-oop"}),
    );
    let sede = w.id(
        "create_sede",
        json!({"ente_attuatore_id": ente, "nome": "Sede di Vercelli"}),
    );
    (ente, sede)
}

/// A standalone servizio input (no intervento) with the given action and enti.
fn autonomo(w: &World, codice: &str, enti: &[&str]) -> Value {
    let mut s = w.servizio_input();
    s["intervento_id"] = Value::Null;
    s["codice_azione"] = json!(codice);
    s["ente_ids"] = json!(enti);
    s
}

/// Closes every incontro of the servizio, then the servizio.
fn chiudi(w: &World, servizio: &str) -> Result<sportello::Outcome<Value>, sportello::Error> {
    let scheda = w.ok("get_servizio", json!({"id": servizio}));
    for i in scheda["incontri"].as_array().unwrap() {
        if i["stato"] == "aperto" {
            w.ok("close_incontro", json!({"id": i["id"]}));
        }
    }
    w.call("close_servizio", json!({"id": servizio}))
}

#[test]
fn ser_01_fires() {
    let w = World::new();
    let (_, sede_altrui) = altro_ente(&w);
    let mut s = w.servizio_input();
    s["sede_id"] = json!(sede_altrui);
    assert_eq!(refused(w.call("create_servizio", s)), ["SER-01"]);
}

#[test]
fn ser_01_passes() {
    let w = World::new();
    w.servizio();
}

#[test]
fn ser_02_fires() {
    let w = World::new();
    let mut s = w.servizio_input();
    s["durata_prevista_minuti"] = json!(30); // OR3 group path: at least 1 h
    assert_eq!(refused(w.call("create_servizio", s)), ["SER-02"]);
}

#[test]
fn ser_02_passes() {
    let w = World::new();
    let mut s = w.servizio_input();
    s["durata_prevista_minuti"] = json!(60);
    w.ok("create_servizio", s);
}

#[test]
fn ser_03_fires() {
    let w = World::new();
    let mut s = w.servizio_input();
    s["numero_famiglie"] = Value::Null;
    assert_eq!(refused(w.call("create_servizio", s)), ["SER-03"]);
}

#[test]
fn ser_03_passes() {
    let w = World::new();
    let s = w.ok("create_servizio", w.servizio_input());
    assert_eq!(s["numero_famiglie"], 0, "0 families is a valid answer");
    // Not asked outside OR3.
    let mut s = autonomo(&w, "OR2", &[&w.plesso]);
    s["numero_famiglie"] = Value::Null;
    s["numero_destinatari"] = json!(1);
    w.ok("create_servizio", s);
}

#[test]
fn ser_04_fires() {
    let w = World::new();
    let mut s = w.servizio_input();
    s["target_ids"] = json!([]);
    s["cms_ids"] = json!([]);
    assert_eq!(refused(w.call("create_servizio", s)), ["SER-04", "SER-04"]);

    // Without an ente coinvolto it can be recorded, but not closed.
    let s = w.id("create_servizio", autonomo(&w, "OR3", &[]));
    let d = w.destinatario("Verdi", "Anna");
    w.enrol(&s, &[&d]);
    w.ok("create_incontro", w.incontro_input(&s, "2026-01-15", &[&d]));
    assert!(refused(chiudi(&w, &s)).contains(&Code::SER_04));
}

#[test]
fn ser_04_passes() {
    let w = World::new();
    // Dispersi attend no school: a servizio of dispersi only closes without an ente.
    let mut input = autonomo(&w, "OR3", &[]);
    input["dati_peculiari"] = json!({"disperso": true, "titolo_studio": "licenza_media",
        "condizione_occupazionale": "inattivo", "condizione_abitativa": "nessun_disagio"});
    input["numero_destinatari"] = json!(1);
    let s = w.id("create_servizio", input);
    let d = w.destinatario("Verdi", "Anna");
    w.enrol(&s, &[&d]);
    w.ok("create_incontro", w.incontro_input(&s, "2026-01-15", &[&d]));
    assert_eq!(chiudi(&w, &s).unwrap().value["stato"], "chiuso");
}

#[test]
fn ser_05_fires() {
    let w = World::new();
    let mut s = w.servizio_input();
    s["ente_ids"] = json!([w.plesso2]);
    assert_eq!(refused(w.call("create_servizio", s)), ["SER-05"]);
}

#[test]
fn ser_05_passes() {
    let w = World::new();
    let mut s = w.servizio_input();
    s["ente_ids"] = json!([]);
    let s = w.ok("create_servizio", s);
    assert_eq!(
        s["ente_ids"],
        json!([w.plesso]),
        "inherited from the intervento"
    );
    // A standalone servizio enters its own.
    let s = w.ok("create_servizio", autonomo(&w, "OR3", &[&w.plesso2]));
    assert_eq!(s["ente_ids"], json!([w.plesso2]));
}

#[test]
fn ser_06_fires() {
    let w = World::new();
    let mut s = autonomo(&w, "OR8", &[&w.plesso]);
    s["numero_famiglie"] = Value::Null;
    assert_eq!(warned(w.call("create_servizio", s)), ["SER-06"]);
}

#[test]
fn ser_06_passes() {
    let w = World::new();
    let mut s = autonomo(&w, "OR8", &[&w.plesso, &w.azienda]);
    s["numero_famiglie"] = Value::Null;
    assert!(warned(w.call("create_servizio", s)).is_empty());
}

fn colloquio(w: &World, ente: &str) -> Value {
    let mut s = autonomo(w, "OR2", &[ente]);
    s["numero_destinatari"] = json!(1);
    s["durata_prevista_minuti"] = json!(60);
    s
}

#[test]
fn ser_07_fires() {
    let w = World::new();
    let codes = refused(w.call("create_servizio", colloquio(&w, &w.azienda)));
    assert_eq!(codes, ["SER-07"]);
}

#[test]
fn ser_07_passes() {
    let w = World::new();
    w.ok("create_servizio", colloquio(&w, &w.plesso));
}

#[test]
fn ser_08_fires() {
    let w = World::new();
    let d = w.destinatario("Verdi", "Anna");
    let nostro = w.servizio();
    w.enrol(&nostro, &[&d]);
    let (altro, sede) = altro_ente(&w);
    let mut s = autonomo(&w, "OR3", &[&w.plesso]);
    s["ente_attuatore_id"] = json!(altro);
    s["sede_id"] = json!(sede);
    let loro = w.id("create_servizio", s);
    assert_eq!(refused(w.try_enrol(&loro, &[&d])), ["SER-08"]);
}

#[test]
fn ser_08_passes() {
    let w = World::new();
    let d = w.destinatario("Verdi", "Anna");
    // Same action twice from the same body is allowed, and so is another action.
    for codice in ["OR3", "OR3", "OR1"] {
        let mut s = autonomo(&w, codice, &[&w.plesso]);
        s["modalita"] = json!("gruppo");
        let s = w.id("create_servizio", s);
        w.enrol(&s, &[&d]);
    }
}

fn or4(w: &World, codice: &str, anno: &str) -> Value {
    let mut s = w.servizio_input();
    s["codice_azione"] = json!(codice);
    s["anno_scolastico"] = json!(anno);
    s["durata_prevista_minuti"] = json!(600);
    s["numero_famiglie"] = Value::Null;
    s
}

#[test]
fn ser_09_fires() {
    let w = World::new();
    let codes = refused(w.call("create_servizio", or4(&w, "OR4-2A", "2025/26")));
    assert_eq!(codes, ["SER-09"]);
    // An OR4 of the same year does not count: the continuation is of an earlier year.
    w.ok("create_servizio", or4(&w, "OR4", "2025/26"));
    assert_eq!(
        refused(w.call("create_servizio", or4(&w, "OR4-2A", "2025/26"))),
        ["SER-09"]
    );
}

#[test]
fn ser_09_passes() {
    let w = World::new();
    w.ok("create_servizio", or4(&w, "OR4", "2024/25"));
    w.ok("create_servizio", or4(&w, "OR4-2A", "2025/26"));
}

#[test]
fn ser_10_fires() {
    let w = World::new();
    let s = w.servizio(); // numero_destinatari 2
    let d = w.destinatario("Verdi", "Anna");
    assert_eq!(warned(w.try_enrol(&s, &[&d])), ["SER-10"]);
}

#[test]
fn ser_10_passes() {
    let w = World::new();
    let s = w.servizio();
    let (a, b) = (
        w.destinatario("Verdi", "Anna"),
        w.destinatario("Gialli", "Bruna"),
    );
    let codes = warned(w.try_enrol(&s, &[&a, &b]));
    assert!(codes.is_empty(), "{codes:?}");
}

/// A Trento 2A colloquio (1–2 h, a bound nobody marks provisional) for one person,
/// with one incontro of `ore` (start, end) closed: (world's servizio, incontro input).
fn colloquio_trento(w: &World, ore: (&str, &str)) -> String {
    let (ente, sede, or) = w.altro_ente("trento", None);
    let s = w.id(
        "create_servizio",
        w.servizio_di((&ente, &sede), "2A", "individuale", 60),
    );
    let d = w.destinatario("Verdi", "Anna");
    w.enrol(&s, &[&d]);
    let mut i = w.incontro_input(&s, "2026-01-15", &[&d]);
    i["orientatore_id"] = json!(or);
    i["ora_inizio"] = json!(ore.0);
    i["ora_fine"] = json!(ore.1);
    w.ok("create_incontro", i);
    s
}

#[test]
fn ser_12_fires() {
    let w = World::new();
    let s = colloquio_trento(&w, ("09:00", "09:30")); // 30 min: 2A needs 1–2 h in all
    assert_eq!(refused(chiudi(&w, &s)), ["SER-12"]);
}

#[test]
fn ser_12_warns_while_the_bound_is_provisional() {
    let w = World::new();
    let (s, d) = w.servizio_con_iscritti();
    let mut i = w.incontro_input(&s, "2026-01-15", &[&d[0], &d[1]]);
    i["ora_fine"] = json!("09:30"); // 30 minutes: the Piemonte OOP (provisional) OR3 asks ≥ 1 h in all
    w.ok("create_incontro", i);
    let codes = warned(chiudi(&w, &s));
    assert!(codes.contains(&Code::SER_12), "{codes:?}");
}

#[test]
fn ser_12_passes() {
    let w = World::new();
    let (s, _, _) = w.servizio_con_incontro();
    assert_eq!(chiudi(&w, &s).unwrap().value["minuti_svolti"], 120);
}

#[test]
fn ser_13_fires() {
    let w = World::new();
    let (s, _, _) = w.servizio_con_incontro();
    // The open incontro's hours do not count yet, so SER-12 comes too.
    assert!(refused(w.call("close_servizio", json!({"id": s}))).contains(&Code::SER_13));
}

#[test]
fn ser_13_passes() {
    let w = World::new();
    let (s, _, _) = w.servizio_con_incontro();
    chiudi(&w, &s).unwrap();
}

fn servizio_chiuso(w: &World) -> String {
    let (s, _, _) = w.servizio_con_incontro();
    chiudi(w, &s).unwrap();
    s
}

#[test]
fn ser_14_fires() {
    let w = World::new();
    let s = servizio_chiuso(&w);
    let codes = refused(w.call(
        "update_servizio",
        json!({"id": s, "dati": w.servizio_input()}),
    ));
    assert_eq!(codes, ["SER-14"]);
    let no_reason = w.call("reopen_servizio", json!({"id": s, "motivo": " "}));
    assert!(no_reason.is_err(), "reopening needs a reason");
}

#[test]
fn ser_14_reopening_is_a_coordinatore_s() {
    let mut w = World::new();
    let s = servizio_chiuso(&w);
    w.utente = Some(w.utente_orientatore.clone());
    let codes = refused(w.call(
        "reopen_servizio",
        json!({"id": s, "motivo": "Numero famiglie errato"}),
    ));
    assert_eq!(codes, ["SER-14"]);
}

#[test]
fn ser_14_passes() {
    let w = World::new();
    let s = servizio_chiuso(&w);
    let riaperto = w.ok(
        "reopen_servizio",
        json!({"id": s, "motivo": "Numero famiglie errato"}),
    );
    assert_eq!(riaperto["stato"], "in_corso");
    let mut dati = w.servizio_input();
    dati["numero_famiglie"] = json!(3);
    w.ok("update_servizio", json!({"id": s, "dati": dati}));
    let (motivo, codice): (String, String) = w
        .store
        .read()
        .query_row("SELECT motivo, regola FROM riapertura", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (motivo.as_str(), codice.as_str()),
        ("Numero famiglie errato", "SER-14")
    );
}

#[test]
fn gen_01_fires() {
    let w = World::new();
    let (s, d, i) = w.servizio_con_incontro();
    w.ok("close_incontro", json!({"id": i}));
    assert_eq!(
        refused(w.call("delete_servizio", json!({"id": s}))),
        ["GEN-01"]
    );
    let togli = json!({"servizio_id": s, "destinatario_id": d[0]});
    assert_eq!(refused(w.call("remove_destinatario", togli)), ["GEN-01"]);
    assert_eq!(
        refused(w.call("delete_incontro", json!({"id": i}))),
        ["GEN-01"]
    );
}

#[test]
fn gen_01_passes() {
    let w = World::new();
    let (s, _, _) = w.servizio_con_incontro();
    w.ok("delete_servizio", json!({"id": s}));
    let logged: i64 =
        w.scalar("SELECT COUNT(*) FROM change_log WHERE operation = 'delete_servizio'");
    assert_eq!(logged, 1, "deleting a draft is logged");
}

#[test]
fn ser_15_fires() {
    let w = World::new();
    let s = w.servizio(); // its ente coinvolto is the plesso, a school
    let d = w.destinatario("Verdi", "Anna");
    let iscrivi = iscrizioni(&s, &[(&d, json!({"disperso": true}))]);
    let codes = warned(w.call("enrol_destinatari", iscrivi));
    assert!(codes.contains(&Code::SER_15), "{codes:?}");
}

#[test]
fn ser_15_passes() {
    let w = World::new();
    let mut s = autonomo(&w, "OR3", &[]);
    s["dati_peculiari"]["disperso"] = json!(true); // a servizio for dispersi: no ente coinvolto
    let s = w.id("create_servizio", s);
    let d = w.destinatario("Verdi", "Anna");
    let codes = warned(w.try_enrol(&s, &[&d]));
    assert!(!codes.contains(&Code::SER_15), "{codes:?}");
}

#[test]
fn ser_16_fires() {
    let w = World::new();
    let s = w.id("create_servizio", colloquio(&w, &w.plesso));
    let a = w.destinatario("Verdi", "Anna");
    let b = w.destinatario("Gialli", "Bruna");
    let c = w.destinatario("Blu", "Carla");
    assert_eq!(refused(w.try_enrol(&s, &[&a, &b, &c])), ["SER-16"]);
    w.enrol(&s, &[&a]);
    assert_eq!(
        refused(w.try_enrol(&s, &[&b])),
        ["SER-16"],
        "one by one, the second is refused too"
    );
}

#[test]
fn ser_16_passes() {
    let w = World::new();
    let s = w.id("create_servizio", colloquio(&w, &w.plesso));
    let a = w.destinatario("Verdi", "Anna");
    w.enrol(&s, &[&a]);
    w.enrol(&s, &[&a]); // enrolling the same person again is not a second person
    assert_eq!(
        w.ok("get_servizio", json!({"id": s}))["iscritti"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn ser_17_fires() {
    let w = World::new();
    let mut s = colloquio(&w, &w.plesso);
    s["codice_azione"] = json!("OR6");
    assert!(refused(w.call("create_servizio", s)).contains(&Code::SER_17));
}

#[test]
fn ser_17_passes() {
    let w = World::new();
    let mut s = colloquio(&w, &w.plesso);
    s["codice_azione"] = json!("OR6");
    s["intervento_id"] = json!(w.intervento);
    s["ente_ids"] = json!([]);
    let s = w.ok("create_servizio", s);
    assert_eq!(s["ente_ids"], json!([w.plesso]));
}

#[test]
fn ser_18_fires() {
    let w = World::new();
    let (s, _, i) = w.servizio_con_incontro();
    w.ok("close_incontro", json!({"id": i}));
    let mut dati = w.servizio_input();
    dati["codice_azione"] = json!("OR4");
    assert_eq!(
        refused(w.call("update_servizio", json!({"id": s, "dati": dati}))),
        ["SER-18"]
    );
    let mut dati = w.servizio_input();
    dati["anno_scolastico"] = json!("2026/27");
    assert!(
        refused(w.call("update_servizio", json!({"id": s, "dati": dati}))).contains(&Code::SER_18)
    );
}

#[test]
fn ser_18_passes() {
    let w = World::new();
    let (s, _, i) = w.servizio_con_incontro();
    w.ok("close_incontro", json!({"id": i}));
    let mut dati = w.servizio_input();
    dati["durata_prevista_minuti"] = json!(180);
    dati["numero_destinatari"] = json!(2);
    let after = w.ok("update_servizio", json!({"id": s, "dati": dati}));
    assert_eq!(after["durata_prevista_minuti"], 180);
}

/// A Trento 2Ba path (3–8 colloqui of ≥ 1 h) for one person, with `n` colloqui closed.
fn percorso_2ba(w: &mut World, n: u32) -> String {
    let (ente, sede, or) = w.altro_ente("trento", None);
    let s = w.id(
        "create_servizio",
        w.servizio_di((&ente, &sede), "2Ba", "individuale", 180),
    );
    let d = w.destinatario("Verdi", "Anna");
    w.enrol(&s, &[&d]);
    for k in 0..n {
        let data = format!("2026-01-{:02}", 5 + k);
        w.oggi = crate::common::date(&data);
        let mut i = w.incontro_input(&s, &data, &[&d]);
        i["orientatore_id"] = json!(or);
        let i = w.id("create_incontro", i);
        w.ok("close_incontro", json!({"id": i}));
    }
    w.oggi = crate::common::date("2026-01-20");
    s
}

#[test]
fn ser_19_fires() {
    let mut w = World::new();
    let s = percorso_2ba(&mut w, 2); // 2 colloqui where 2Ba asks 3–8
    assert_eq!(
        refused(w.call("close_servizio", json!({"id": s}))),
        ["SER-19"]
    );

    // Umbria A.2 in group: at most 10 people present.
    let (ente, sede, or) = w.altro_ente("umbria", None);
    let mut g = w.servizio_di((&ente, &sede), "A.2", "gruppo", 150);
    g["numero_destinatari"] = json!(11);
    let g = w.id("create_servizio", g);
    let persone: Vec<String> = (0..11)
        .map(|k| {
            w.destinatario(
                "Gruppo",
                &format!("Persona{}", "ABCDEFGHIJK".as_bytes()[k] as char),
            )
        })
        .collect();
    let refs: Vec<&str> = persone.iter().map(String::as_str).collect();
    w.enrol(&g, &refs);
    let mut i = w.incontro_input(&g, "2026-01-15", &refs);
    i["orientatore_id"] = json!(or);
    i["ora_fine"] = json!("11:30");
    assert!(refused(w.call("create_incontro", i)).contains(&Code::SER_19));
}

#[test]
fn ser_19_passes() {
    let mut w = World::new();
    let s = percorso_2ba(&mut w, 3);
    assert_eq!(w.ok("close_servizio", json!({"id": s}))["stato"], "chiuso");
}

#[test]
fn ser_16_is_found_by_check_over_the_whole_database() {
    let w = World::new();
    let s = w.id("create_servizio", colloquio(&w, &w.plesso));
    let a = w.destinatario("Verdi", "Anna");
    let b = w.destinatario("Gialli", "Bruna");
    w.enrol(&s, &[&a]);
    let codes = |f: serde_json::Value| -> Vec<String> {
        f.as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(!codes(w.ok("run_checks", json!({}))).contains(&"SER-16".to_owned()));
    // Two people in one individual servizio, as an old database or a merge may hold.
    w.store
        .read()
        .execute(
            "INSERT INTO iscrizione (servizio_id, destinatario_id, dp_json) VALUES (?1, ?2, '{}')",
            [&s, &b],
        )
        .unwrap();
    assert!(codes(w.ok("run_checks", json!({}))).contains(&"SER-16".to_owned()));
}

#[test]
fn a_servizio_without_a_title_takes_its_actions_name() {
    let w = World::new();
    let mut s = w.servizio_input();
    s["titolo"] = json!("  ");
    let saved = w.ok("create_servizio", s);
    assert_eq!(saved["codice_azione"], "OR3");
    assert!(
        saved["titolo"].as_str().unwrap().starts_with("Seminari"),
        "{}",
        saved["titolo"]
    );
}

#[test]
fn a_closed_sede_keeps_its_servizi_and_takes_no_new_one() {
    let w = World::new();
    let s = w.servizio();
    let mut sede = w.ok("list_sedi", json!({"ente_attuatore_id": w.ente_attuatore}))[0].clone();
    let id = sede["id"].clone();
    sede["attivo"] = json!(false);
    w.ok("update_sede", json!({"id": id, "dati": sede}));
    match w.call("create_servizio", w.servizio_input()) {
        Err(sportello::Error::Dati { field, message }) => {
            assert_eq!(field.as_deref(), Some("sede_id"));
            assert!(message.contains("non è più attiva"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // The servizio already there is still corrected.
    let mut dati = w.ok("get_servizio", json!({"id": s}))["servizio"].clone();
    dati["titolo"] = json!("Corretto dopo la chiusura della sede");
    w.ok("update_servizio", json!({"id": s, "dati": dati}));
    // Reactivated, it takes new servizi again.
    sede["attivo"] = json!(true);
    w.ok("update_sede", json!({"id": id, "dati": sede}));
    w.ok("create_servizio", w.servizio_input());
}
