//! The guided first start (`avvia_sportello`): an empty database becomes a
//! desk with its body, sede and first orientatore in one step, or stays empty.

use serde_json::{Value, json};
use sportello::{Ctx, Error, Source, Store};

fn ctx() -> Ctx {
    Ctx::new(
        Source::Ui,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
    )
}

fn avvio() -> Value {
    json!({
        "ente_attuatore": {"nome": "Agenzia Formativa Esempio", "catalogo": "piemonte-oop"},
        "sede": {"nome": "Sportello di Vercelli", "comune": "Vercelli", "provincia": "vc"},
        "orientatore": {"cognome": "Bruno", "nome": "Elena", "email": "elena.bruno@example.org"}
    })
}

fn call(store: &Store, op: &str, input: Value) -> Result<Value, Error> {
    sportello::dispatch(store, &ctx(), op, input).map(|o| o.value)
}

fn conta(store: &Store) -> i64 {
    store
        .read()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM ente_attuatore) + (SELECT COUNT(*) FROM sede) + (SELECT COUNT(*) FROM orientatore)",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn an_empty_database_becomes_a_desk_in_one_step() {
    let store = Store::open_in_memory().unwrap();
    let a = call(&store, "avvia_sportello", avvio()).unwrap();
    assert_eq!(a["sede"]["provincia"], "VC");
    assert_eq!(a["sede"]["ente_attuatore_id"], a["ente_attuatore"]["id"]);
    let imp = call(&store, "get_impostazioni", json!({})).unwrap();
    assert_eq!(imp["ente_attuatore_id"], a["ente_attuatore"]["id"]);
    assert_eq!(imp["orientatore_id"], a["orientatore"]["id"]);
    // Ready for work: a servizio can be created at once with the catalogue chosen.
    let ente = a["ente_attuatore"]["id"].clone();
    let catalogo = call(&store, "list_cataloghi", json!({})).unwrap();
    assert!(
        catalogo
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["catalogo"]["codice"] == "piemonte-oop")
    );
    assert_eq!(
        call(&store, "list_sedi", json!({"ente_attuatore_id": ente}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_second_start_or_a_bad_field_writes_nothing() {
    let store = Store::open_in_memory().unwrap();
    for (campo, cambia) in [
        (
            "ente_attuatore.catalogo",
            json!({"ente_attuatore": {"nome": "X", "catalogo": "nessuno"}}),
        ),
        ("sede.nome", json!({"sede": {"nome": "  "}})),
        (
            "orientatore.cognome",
            json!({"orientatore": {"cognome": "", "nome": "Elena"}}),
        ),
    ] {
        let mut input = avvio();
        for (k, v) in cambia.as_object().unwrap() {
            input[k] = v.clone();
        }
        match call(&store, "avvia_sportello", input) {
            Err(Error::Dati { field, .. }) => assert_eq!(field.as_deref(), Some(campo)),
            other => panic!("{campo}: {other:?}"),
        }
        assert_eq!(conta(&store), 0, "{campo}: nothing written");
    }
    call(&store, "avvia_sportello", avvio()).unwrap();
    let e = call(&store, "avvia_sportello", avvio()).unwrap_err();
    assert!(e.to_string().contains("ha già un ente attuatore"), "{e}");
    assert_eq!(conta(&store), 3);
}
