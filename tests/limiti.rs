//! Inputs that cannot hurt: each limit of `src/limiti.rs` refuses with an
//! Italian message naming it, and the database is unchanged.

mod common;

use common::World;
use serde_json::json;
use sportello::error::Error;

fn dati(r: Result<sportello::Outcome<serde_json::Value>, Error>) -> String {
    match r {
        Err(Error::Dati { message, .. }) => message,
        other => panic!("expected a refusal of the data, got {other:?}"),
    }
}

fn righe(w: &World, tabella: &str) -> i64 {
    w.store
        .read()
        .query_row(&format!("SELECT COUNT(*) FROM {tabella}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_incontro_at_the_end_of_the_calendar_is_refused_and_check_still_runs() {
    let w = World::new();
    let (s, d) = w.servizio_con_iscritti();
    let prima = righe(&w, "incontro");
    let mut i = w.incontro_input(&s, "2026-01-10", &[&d[0]]);
    i["data"] = json!("+262142-12-31");
    assert!(dati(w.call("create_incontro", i.clone())).contains("non è plausibile"));
    i["data"] = json!("1999-12-31");
    assert!(dati(w.call("create_incontro", i)).contains("tra 2000 e 2100"));
    assert_eq!(righe(&w, "incontro"), prima);
    w.ok("run_checks", json!({}));
    w.ok("list_scadenze", json!({}));
}

#[test]
fn birth_dates_must_be_between_1900_and_today() {
    let w = World::new(); // today is 2026-01-20
    for nascita in ["2110-01-01", "0000-06-01", "2026-02-01", "1899-12-31"] {
        let mut d = w.destinatario_input("Verdi", "Anna");
        d["data_nascita"] = json!(nascita);
        let m = dati(w.call("create_destinatario", d));
        assert!(
            m.contains("data di nascita") || m.contains("plausibile"),
            "{nascita}: {m}"
        );
    }
    assert_eq!(righe(&w, "destinatario"), 0);
}

#[test]
fn a_name_of_a_megabyte_is_refused_naming_the_limit() {
    let w = World::new();
    let mut d = w.destinatario_input("Verdi", "Anna");
    d["cognome"] = json!("V".repeat(1 << 20));
    let m = dati(w.call("create_destinatario", d.clone()));
    assert!(
        m.contains("«cognome»") && m.contains("massimo è 200"),
        "{m}"
    );
    d["cognome"] = json!("V".repeat(200));
    assert!(
        w.call("create_destinatario", d).is_ok(),
        "200 characters are allowed"
    );
}

#[test]
fn serde_speaks_italian() {
    let w = World::new();
    let m = dati(w.call("create_rt", json!({"nome": 3})));
    assert!(
        !m.contains("invalid type") && !m.contains("expected"),
        "{m}"
    );
    assert!(m.contains("tipo atteso"), "{m}");
    let m = dati(w.call("create_rt", json!({})));
    assert!(m.contains("Manca il campo «nome»"), "{m}");
}
