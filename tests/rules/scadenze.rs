//! INC-06 and SER-11, the 15-day deadlines, on fixed dates: nothing on day 9,
//! a warning from day 10, late after day 15; closing late is allowed and flagged.

use crate::common::{World, date, warned};
use serde_json::{Value, json};
use sportello::rules::Code;

/// (servizio, incontro) with one open 2-hour incontro on 2026-01-05, entered that day.
fn incontro_del_5(w: &mut World) -> (String, String) {
    w.oggi = date("2026-01-05");
    let (s, d) = w.servizio_con_iscritti();
    let i = w.id(
        "create_incontro",
        w.incontro_input(&s, "2026-01-05", &[&d[0], &d[1]]),
    );
    (s, i)
}

/// The deadlines of one rule listed today: (code, late, days).
fn scadenze(w: &World, code: &str) -> Vec<(String, bool, i64)> {
    let out = w.ok("list_scadenze", json!({}));
    out["voci"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["code"] == code)
        .map(|v| {
            (
                v["code"].as_str().unwrap().to_owned(),
                v["ritardo"].as_bool().unwrap(),
                v["giorni"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn inc_06_fires() {
    let mut w = World::new();
    let (_, i) = incontro_del_5(&mut w);
    w.oggi = date("2026-01-15");
    assert_eq!(
        scadenze(&w, "INC-06"),
        [("INC-06".to_owned(), false, 10)],
        "warning from day 10"
    );
    w.oggi = date("2026-01-21");
    assert_eq!(
        scadenze(&w, "INC-06"),
        [("INC-06".to_owned(), true, 16)],
        "late after day 15"
    );
    let chiuso = w.call("close_incontro", json!({"id": i}));
    assert_eq!(
        warned(chiuso),
        ["INC-06"],
        "closing late is allowed and said"
    );
    let i = w.ok("get_incontro", json!({"id": i}));
    assert_eq!(i["chiuso_in_ritardo"], true);

    // Entering an incontro after 15 days is allowed and flagged too.
    let (s, d) = w.servizio_con_iscritti();
    let tardi = w.incontro_input(&s, "2026-01-02", &[&d[0]]);
    assert!(warned(w.call("create_incontro", tardi)).contains(&Code::INC_06));
}

#[test]
fn inc_06_passes() {
    let mut w = World::new();
    let (_, i) = incontro_del_5(&mut w);
    w.oggi = date("2026-01-14");
    assert!(scadenze(&w, "INC-06").is_empty(), "nothing on day 9");
    w.oggi = date("2026-01-20"); // day 15: still in time
    assert!(warned(w.call("close_incontro", json!({"id": i}))).is_empty());
    assert_eq!(
        w.ok("get_incontro", json!({"id": i}))["chiuso_in_ritardo"],
        false
    );
}

fn chiudi_incontro(w: &World, i: &str) -> Value {
    w.ok("close_incontro", json!({"id": i}))
}

#[test]
fn ser_11_fires() {
    let mut w = World::new();
    let (s, i) = incontro_del_5(&mut w);
    chiudi_incontro(&w, &i); // closed the same day: only the servizio is pending
    w.oggi = date("2026-01-15");
    assert_eq!(scadenze(&w, "SER-11"), [("SER-11".to_owned(), false, 10)]);
    w.oggi = date("2026-01-21");
    assert_eq!(scadenze(&w, "SER-11"), [("SER-11".to_owned(), true, 16)]);
    assert_eq!(
        warned(w.call("close_servizio", json!({"id": s}))),
        ["SER-11"]
    );
    let servizio = w.ok("get_servizio", json!({"id": s}));
    assert_eq!(servizio["servizio"]["chiuso_in_ritardo"], true);
}

#[test]
fn ser_11_passes() {
    let mut w = World::new();
    let (s, i) = incontro_del_5(&mut w);
    chiudi_incontro(&w, &i);
    w.oggi = date("2026-01-14");
    assert!(scadenze(&w, "SER-11").is_empty(), "nothing on day 9");
    let chiuso = w.call("close_servizio", json!({"id": s}));
    assert!(warned(chiuso).is_empty());
}

#[test]
fn ser_11_waits_until_the_planned_hours_are_done() {
    let mut w = World::new();
    w.oggi = date("2026-01-05");
    let mut input = w.servizio_input();
    input["durata_prevista_minuti"] = json!(240); // two incontri of 2 h planned
    let s = w.id("create_servizio", input);
    let d = w.destinatario("Verdi", "Anna");
    w.enrol(&s, &[&d]);
    let i = w.id("create_incontro", w.incontro_input(&s, "2026-01-05", &[&d]));
    chiudi_incontro(&w, &i);
    w.ok("create_incontro", w.incontro_input(&s, "2026-01-30", &[])); // the second, planned
    w.oggi = date("2026-01-25");
    assert!(
        scadenze(&w, "SER-11").is_empty(),
        "one incontro of two, the other planned: the servizio is not due yet"
    );
}

#[test]
fn inc_06_late_flag_survives_re_dating_and_reopening() {
    let mut w = World::new();
    let (s, i) = incontro_del_5(&mut w);
    w.oggi = date("2026-01-25"); // 20 days: late
    let mut dati = w.ok("get_incontro", json!({"id": i}));
    dati["data"] = json!("2026-01-20");
    let dati: Value = serde_json::from_value(dati).unwrap();
    w.ok("update_incontro", json!({"id": i, "dati": dati}));
    let chiuso = w.ok("close_incontro", json!({"id": i}));
    assert_eq!(
        chiuso["chiuso_in_ritardo"], true,
        "re-dating does not clear it"
    );
    w.ok(
        "reopen_incontro",
        json!({"id": i, "motivo": "Orario errato"}),
    );
    let chiuso = w.ok("close_incontro", json!({"id": i}));
    assert_eq!(chiuso["chiuso_in_ritardo"], true, "nor does reopening");
    let detail: String = w
        .store
        .read()
        .query_row(
            "SELECT detail FROM change_log WHERE operation = 'update_incontro' AND record_id = ?1",
            [&i],
            |r| r.get(0),
        )
        .unwrap();
    assert!(detail.contains("data: 2026-01-05 → 2026-01-20"), "{detail}");
    let _ = s;
}

#[test]
fn ser_11_reminds_a_servizio_short_of_its_durata_with_nothing_open() {
    let mut w = World::new();
    let (s, i) = incontro_del_5(&mut w); // 2 h of the 2 h planned…
    let mut dati = w.servizio_input();
    dati["durata_prevista_minuti"] = json!(240); // …now 4 h planned
    w.ok("update_servizio", json!({"id": s, "dati": dati}));
    w.oggi = date("2026-01-16");
    assert!(
        scadenze(&w, "SER-11").is_empty(),
        "an open incontro: more work is coming"
    );
    w.ok("close_incontro", json!({"id": i}));
    assert_eq!(
        scadenze(&w, "SER-11"),
        [("SER-11".to_owned(), false, 11)],
        "nothing open or planned: a reminder"
    );
}

/// The messages of one rule listed today.
fn messaggi(w: &World, code: &str) -> Vec<String> {
    let out = w.ok("list_scadenze", json!({}));
    let voci = out["voci"].as_array().unwrap().iter();
    voci.filter(|v| v["code"] == code)
        .map(|v| v["messaggio"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_messages_say_the_date_the_deadline_and_the_days() {
    let mut w = World::new();
    let (s, i) = incontro_del_5(&mut w);
    let t = w.servizio_input()["titolo"].as_str().unwrap().to_owned();
    w.oggi = date("2026-01-19");
    let entro = format!("Incontro del 05/01/2026 di «{t}» da chiudere entro il 20/01/2026");
    assert_eq!(
        messaggi(&w, "INC-06"),
        [format!("{entro} (1 giorno rimasto).")]
    );
    w.oggi = date("2026-01-20");
    assert_eq!(messaggi(&w, "INC-06"), [format!("{entro} (scade oggi).")]);
    w.oggi = date("2026-01-22");
    assert_eq!(
        messaggi(&w, "INC-06"),
        [format!(
            "Incontro del 05/01/2026 di «{t}» non chiuso: in ritardo di 2 giorni."
        )]
    );
    chiudi_incontro(&w, &i);
    assert_eq!(
        messaggi(&w, "SER-11"),
        [format!(
            "Servizio «{t}» non chiuso: l'ultimo incontro è del 05/01/2026, in ritardo di 2 giorni."
        )]
    );
    w.oggi = date("2026-01-16");
    assert_eq!(
        messaggi(&w, "SER-11"),
        [format!("Servizio «{t}» da chiudere entro il 20/01/2026.")]
    );
    let mut dati = w.servizio_input();
    dati["durata_prevista_minuti"] = json!(240);
    w.ok("update_servizio", json!({"id": s, "dati": dati}));
    assert_eq!(
        messaggi(&w, "SER-11"),
        [format!(
            "Servizio «{t}» sotto la durata prevista, senza incontri aperti o futuri: se quello del 05/01/2026 \
             era l'ultimo incontro, va chiuso entro il 20/01/2026."
        )]
    );
}
