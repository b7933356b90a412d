//! INT-01…INT-06: activation, edits of an active intervento, servizi attached to it.

use crate::common::{World, refused, warned};
use serde_json::{Value, json};
use sportello::rules::Code;

fn bozza(w: &World, enti: &[&str], referente: bool) -> String {
    let mut i =
        json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "Orientamento", "ente_ids": enti});
    if referente {
        i["referente_id"] = json!(w.referente);
    }
    w.id("create_intervento", i)
}

#[test]
fn int_01_fires() {
    let w = World::new();
    let id = bozza(&w, &[], false);
    assert_eq!(
        refused(w.call("activate_intervento", json!({"id": id}))),
        ["INT-01", "INT-01"]
    );
}

#[test]
fn int_01_passes() {
    let w = World::new();
    let id = bozza(&w, &[&w.plesso], true);
    assert_eq!(
        w.ok("activate_intervento", json!({"id": id}))["stato"],
        "attivo"
    );
}

fn modello(w: &World, referente: bool) -> String {
    let referente = referente.then(|| w.referente.clone());
    w.id(
        "create_modello",
        json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "M", "anno_scolastico": "2025/26",
               "target_ids": [w.target], "cms_ids": [w.cms],
               "enti": [{"ente_id": w.plesso, "ruolo": "destinatario", "referente_id": referente}]}),
    )
}

#[test]
fn int_01_takes_referente_and_ente_from_the_modello() {
    let w = World::new();
    let m = modello(&w, true);
    let id = w.id(
        "create_intervento",
        json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "Da modello", "modello_id": m}),
    );
    let i = w.ok("activate_intervento", json!({"id": id}));
    assert_eq!(
        i["ente_ids"],
        json!([w.plesso]),
        "the school is inherited from the modello"
    );
    assert_eq!(i["referente_id"], json!(w.referente));
}

#[test]
fn int_01_fires_for_a_modello_without_referente() {
    let w = World::new();
    let m = modello(&w, false);
    let id = w.id(
        "create_intervento",
        json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "Da modello", "modello_id": m}),
    );
    assert_eq!(
        refused(w.call("activate_intervento", json!({"id": id}))),
        ["INT-01"]
    );
}

fn modifica(w: &World, id: &str, enti: &[&str]) -> serde_json::Value {
    json!({"id": id, "dati": {"ente_attuatore_id": w.ente_attuatore, "titolo": "Orientamento classi terze",
                              "referente_id": w.referente, "ente_ids": enti}})
}

#[test]
fn int_02_fires() {
    let w = World::new();
    let codes = refused(w.call(
        "update_intervento",
        modifica(&w, &w.intervento, &[&w.plesso2]),
    ));
    assert_eq!(codes, ["INT-02"]);
}

#[test]
fn int_02_passes() {
    let w = World::new();
    w.ok("deactivate_intervento", json!({"id": w.intervento}));
    let i = w.ok(
        "update_intervento",
        modifica(&w, &w.intervento, &[&w.plesso2]),
    );
    assert_eq!(i["ente_ids"], json!([w.plesso2]));
}

#[test]
fn int_03_fires() {
    let w = World::new();
    let id = bozza(&w, &[&w.plesso], true);
    let mut s = w.servizio_input();
    s["intervento_id"] = json!(id);
    assert!(refused(w.call("create_servizio", s)).contains(&Code::INT_03));

    // Nor can a standalone servizio be linked afterwards.
    let mut s = w.servizio_input();
    s["intervento_id"] = json!(null);
    let sid = w.id("create_servizio", s.clone());
    s["intervento_id"] = json!(w.intervento);
    assert!(
        refused(w.call("update_servizio", json!({"id": sid, "dati": s}))).contains(&Code::INT_03)
    );
}

#[test]
fn int_03_passes() {
    let w = World::new();
    let s = w.ok("create_servizio", w.servizio_input());
    assert_eq!(s["intervento_id"], json!(w.intervento));
}

#[test]
fn int_04_fires() {
    let w = World::new();
    let i = json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "X", "target_ids": [w.target]});
    assert_eq!(refused(w.call("create_intervento", i)), ["INT-04"]);
}

#[test]
fn int_04_passes() {
    let w = World::new();
    let (_, iscritti) = w.servizio_con_iscritti();
    let i = w.ok("get_intervento", json!({"id": w.intervento}));
    assert_eq!(i["aggregati"]["target_ids"], json!([w.target]));
    assert_eq!(i["aggregati"]["cms_ids"], json!([w.cms]));
    assert_eq!(i["aggregati"]["destinatari"], iscritti.len());
}

#[test]
fn int_05_fires() {
    let w = World::new();
    let i = json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "X", "ente_ids": [w.istituto]});
    assert_eq!(warned(w.call("create_intervento", i)), ["INT-05"]);
}

#[test]
fn int_05_passes() {
    let w = World::new();
    let i = json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "X", "ente_ids": [w.plesso]});
    assert!(warned(w.call("create_intervento", i)).is_empty());
}

#[test]
fn int_06_fires() {
    let w = World::new();
    let (_, _, i) = w.servizio_con_incontro();
    w.ok("close_incontro", json!({"id": i}));
    assert_eq!(
        refused(w.call("deactivate_intervento", json!({"id": w.intervento}))),
        ["INT-06"]
    );
}

#[test]
fn int_06_passes() {
    let w = World::new();
    let s = w.servizio();
    w.ok("deactivate_intervento", json!({"id": w.intervento}));
    w.ok(
        "update_intervento",
        modifica(&w, &w.intervento, &[&w.plesso2]),
    );
    w.ok("activate_intervento", json!({"id": w.intervento}));
    let s = w.ok("get_servizio", json!({"id": s}));
    assert_eq!(
        s["servizio"]["ente_ids"],
        json!([w.plesso2]),
        "the servizi follow the intervento"
    );
}

#[test]
fn ser_05_a_company_for_or8_does_not_reach_a_colloquio_below() {
    let w = World::new();
    let i = w.intervento_attivo(&[w.plesso.clone(), w.azienda.clone()]);
    let mut s = w.servizio_input();
    s["intervento_id"] = json!(i);
    s["codice_azione"] = json!("OR2");
    s["numero_famiglie"] = Value::Null;
    s["numero_destinatari"] = json!(1);
    s["durata_prevista_minuti"] = json!(60);
    s["ente_ids"] = json!([]);
    let s = w.ok("create_servizio", s);
    assert_eq!(s["ente_ids"], json!([w.plesso]));
}
