//! MOD-01…MOD-06: checked when a modello is saved.

use crate::common::{World, refused, warned};
use serde_json::{Value, json};
use sportello::rules::Code;

fn modello(w: &World) -> Value {
    json!({
        "ente_attuatore_id": w.ente_attuatore,
        "titolo": "Scegliere la scuola superiore",
        "anno_scolastico": "2025/26",
        "target_ids": [w.target],
        "cms_ids": [w.cms],
        "enti": [
            {"ente_id": w.plesso, "ruolo": "destinatario"},
            {"ente_id": w.azienda, "ruolo": "coprogettatore", "referente_id": w.referente}
        ],
        "servizi_esterni": [{"ente_id": w.azienda, "titolo": "Visita al lanificio", "durata_minuti": 120}]
    })
}

#[test]
fn a_complete_modello_saves_without_findings() {
    let w = World::new();
    assert!(warned(w.call("create_modello", modello(&w))).is_empty());
}

#[test]
fn mod_01_fires() {
    let w = World::new();
    let mut m = modello(&w);
    m["target_ids"] = json!([]);
    assert!(refused(w.call("create_modello", m)).contains(&Code::MOD_01));
}

#[test]
fn mod_01_passes() {
    let w = World::new();
    assert!(!warned(w.call("create_modello", modello(&w))).contains(&Code::MOD_01));
}

#[test]
fn mod_02_fires() {
    let w = World::new();
    let targets = w.ok("list_voci", json!({"lista": "target"}));
    let mut m = modello(&w);
    m["target_ids"] = json!([targets[0]["id"], targets[1]["id"]]);
    assert_eq!(warned(w.call("create_modello", m)), ["MOD-02"]);
}

#[test]
fn mod_02_passes() {
    let w = World::new();
    assert!(!warned(w.call("create_modello", modello(&w))).contains(&Code::MOD_02));
}

#[test]
fn mod_03_fires() {
    let w = World::new();
    let mut m = modello(&w);
    m["cms_ids"] = json!([]);
    assert_eq!(refused(w.call("create_modello", m)), ["MOD-03"]);
}

#[test]
fn mod_03_passes() {
    let w = World::new();
    let cms = w.ok("list_voci", json!({"lista": "cms"}));
    let mut m = modello(&w);
    m["cms_ids"] = json!([cms[0]["id"], cms[1]["id"]]); // more than one CMS is fine
    assert!(!warned(w.call("create_modello", m)).contains(&Code::MOD_03));
}

#[test]
fn mod_04_fires() {
    let w = World::new();
    let mut m = modello(&w);
    m["enti"] =
        json!([{"ente_id": w.azienda, "ruolo": "coprogettatore", "referente_id": w.referente}]);
    assert_eq!(refused(w.call("create_modello", m)), ["MOD-04"]);
}

#[test]
fn mod_04_passes() {
    let w = World::new();
    let mut m = modello(&w);
    m["enti"] = json!([{"ente_id": w.plesso, "ruolo": "destinatario"}]); // a destinatario alone suffices
    m["servizi_esterni"] = json!([]);
    let saved = w.ok("create_modello", m);
    assert_eq!(saved["enti"].as_array().unwrap().len(), 1);
}

#[test]
fn mod_05_fires() {
    let w = World::new();
    let mut m = modello(&w);
    m["enti"][1]["referente_id"] = Value::Null;
    assert_eq!(refused(w.call("create_modello", m)), ["MOD-05"]);
}

#[test]
fn mod_05_passes() {
    let w = World::new();
    let mut m = modello(&w);
    // A destinatario without a referente is allowed: MOD-05 asks it only of coprogettatori.
    m["enti"][0]["referente_id"] = Value::Null;
    let saved = w.ok("create_modello", m);
    assert_eq!(saved["enti"][1]["referente_id"], json!(w.referente));
}

#[test]
fn mod_06_fires() {
    let w = World::new();
    let mut m = modello(&w);
    m["servizi_esterni"][0]["durata_minuti"] = Value::Null;
    let codes = refused(w.call("create_modello", m));
    assert_eq!(codes, ["MOD-06"]);
}

#[test]
fn mod_06_passes() {
    let w = World::new();
    let mut m = modello(&w);
    m["servizi_esterni"] = json!([]); // no external service at all is fine too
    w.ok("create_modello", m);
    let saved = w.ok("create_modello", modello(&w));
    assert_eq!(saved["servizi_esterni"][0]["durata_minuti"], 120);
}

#[test]
fn an_update_is_checked_like_a_create() {
    let w = World::new();
    let id = w.id("create_modello", modello(&w));
    let mut m = modello(&w);
    m["cms_ids"] = json!([]);
    assert_eq!(
        refused(w.call("update_modello", json!({"id": id, "dati": m}))),
        ["MOD-03"]
    );
}
