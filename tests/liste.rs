//! Lists the window shows: the open incontri, to be closed; people found as a name is typed.
mod common;

use common::World;
use serde_json::json;

#[test]
fn open_incontri_are_listed_oldest_first_with_their_servizio_and_leave_once_closed() {
    let mut w = World::new();
    w.oggi = common::date("2026-03-05");
    let (s, d) = w.servizio_con_iscritti();
    let presenti: Vec<&str> = d.iter().map(String::as_str).collect();
    let tardi = w.id(
        "create_incontro",
        w.incontro_input(&s, "2026-03-05", &presenti),
    );
    let presto = w.id(
        "create_incontro",
        w.incontro_input(&s, "2026-03-02", &presenti),
    );

    let aperti = w.ok("list_incontri_aperti", json!({}));
    let ids: Vec<&str> = aperti
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["incontro"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [presto.as_str(), tardi.as_str()]);
    assert_eq!(
        aperti[0]["codice_azione"],
        w.ok("get_servizio", json!({"id": s}))["servizio"]["codice_azione"]
    );

    w.ok("close_incontro", json!({"id": presto}));
    let aperti = w.ok(
        "list_incontri_aperti",
        json!({"ente_attuatore_id": w.ente_attuatore}),
    );
    assert_eq!(aperti.as_array().unwrap().len(), 1);
    assert_eq!(aperti[0]["incontro"]["id"], tardi.as_str());
    // Another body's list is empty.
    let altro = sportello::Id::new().to_string();
    let vuoto = w.ok("list_incontri_aperti", json!({"ente_attuatore_id": altro}));
    assert!(vuoto.as_array().unwrap().is_empty());
}

#[test]
fn due_items_can_be_limited_to_the_most_overdue_with_the_counts_kept_whole() {
    let mut w = World::new();
    w.oggi = common::date("2026-03-05");
    let (s, d) = w.servizio_con_iscritti();
    let presenti: Vec<&str> = d.iter().map(String::as_str).collect();
    let vecchio = w.id(
        "create_incontro",
        w.incontro_input(&s, "2026-03-01", &presenti),
    );
    w.id(
        "create_incontro",
        w.incontro_input(&s, "2026-03-05", &presenti),
    );
    w.oggi = common::date("2026-03-20");

    let tutte = w.ok("list_scadenze", json!({}));
    let n = tutte["voci"].as_array().unwrap().len();
    assert!(n >= 2, "{tutte}");
    assert_eq!(tutte["non_elencate"], 0);

    let una = w.ok("list_scadenze", json!({"limite": 1}));
    assert_eq!(una["voci"].as_array().unwrap().len(), 1);
    assert_eq!(
        una["voci"][0]["record"]["id"],
        vecchio.as_str(),
        "the most overdue first"
    );
    assert_eq!(una["non_elencate"], (n - 1) as u64);
    assert_eq!(una["incontri_in_ritardo"], tutte["incontri_in_ritardo"]);
    assert_eq!(una["incontri_in_scadenza"], tutte["incontri_in_scadenza"]);
}

/// Search as you type: by codice fiscale, by surname then name, by name then
/// surname, accents folded; surnames before first names, each in surname order.
#[test]
fn destinatari_are_found_by_code_surname_or_name_surnames_first() {
    let w = World::new();
    let rosa = w.destinatario("Bianchi", "Rosa");
    let rossi_anna = w.destinatario("Rossi", "Anna");
    let rossi_bruna = w.destinatario("Rossi", "Bruna");
    let rosso = w.destinatario("Rosso", "Nicolò");
    w.destinatario("Verdi", "Carla");
    let trova = |testo: &str, limite: u32| -> Vec<String> {
        let v = w.ok(
            "search_destinatari",
            json!({"testo": testo, "limite": limite}),
        );
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // Surnames first (Rossi, Rossi, Rosso), then the Rosa who is a Bianchi.
    assert_eq!(
        trova("ros", 10),
        [&rossi_anna, &rossi_bruna, &rosso, &rosa].map(String::as_str)
    );
    assert_eq!(
        trova("ros", 2),
        [&rossi_anna, &rossi_bruna].map(String::as_str)
    );
    assert_eq!(trova("rossi b", 10), [rossi_bruna.as_str()]);
    assert_eq!(trova("nicolo ros", 10), [rosso.as_str()]);
    let cf = w.ok("get_destinatario", json!({"id": rosso}))["destinatario"]["codice_fiscale"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(trova(&cf[..9], 10), [rosso.as_str()]);
    assert!(trova("zz", 10).is_empty());
}
