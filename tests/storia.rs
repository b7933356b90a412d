//! The change log keeps who, when and what of every change (domain.md §8):
//! each changed field with its value before and after.

mod common;

use common::World;
use serde_json::json;

#[test]
fn an_update_logs_each_changed_field_with_both_values_and_its_author() {
    let w = World::new();
    let d = w.destinatario("Verdi", "Anna");
    let mut dati = w.ok("get_destinatario", json!({"id": d}))["destinatario"].clone();
    dati["telefono"] = json!("333 1234567");
    dati["email"] = json!("anna@example.it");
    w.ok("update_destinatario", json!({"id": d, "dati": dati}));

    let storia = w.ok("storia", json!({"id": d}));
    let voci = storia.as_array().unwrap();
    assert_eq!(voci.len(), 2, "created, then changed: {storia}");
    let ultima = &voci[0];
    assert_eq!(ultima["operazione"], "update_destinatario");
    assert!(
        ultima["chi"].as_str().is_some_and(|c| !c.is_empty()),
        "{ultima}"
    );
    let dettaglio = ultima["dettaglio"].as_str().unwrap();
    assert!(
        dettaglio.contains("telefono: 015 0000000 → 333 1234567"),
        "{dettaglio}"
    );
    assert!(
        dettaglio.contains("email: — → anna@example.it"),
        "{dettaglio}"
    );
    assert!(
        !dettaglio.contains("cognome"),
        "unchanged fields are not listed: {dettaglio}"
    );
}

#[test]
fn presences_are_logged_one_by_one() {
    let w = World::new();
    let (s, d) = w.servizio_con_iscritti();
    let i = w.id(
        "create_incontro",
        w.incontro_input(&s, "2026-01-10", &[&d[0]]),
    );
    w.ok(
        "set_presenze",
        json!({"incontro_id": i, "presenze": [
            {"destinatario_id": d[0], "presente": false},
            {"destinatario_id": d[1], "presente": true},
        ]}),
    );
    let storia = w.ok("storia", json!({"id": i}));
    let dettaglio = storia[0]["dettaglio"].as_str().unwrap_or_default();
    assert!(
        dettaglio.contains(&format!("presenze[{}].presente: true → false", d[0])),
        "{storia}"
    );
    assert!(
        dettaglio.contains(&format!("presenze[{}]: — → {{\"presente\":true}}", d[1])),
        "{storia}"
    );
}
