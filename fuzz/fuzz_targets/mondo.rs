//! The small world the `comando` target starts every input from, shared with
//! `examples/semi.rs` (which writes the seeds).

use chrono::NaiveDate;
use serde_json::{Value, json};
use sportello::{Ctx, Source, Store, dispatch};

pub fn oggi() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()
}

/// The world: (operation, input, whether its id is remembered). Ids in order:
/// 0 rt, 1 ente attuatore, 2 sede, 3 orientatore (the actor), 4 orientatore,
/// 5 target, 6 cms, 7 istituto, 8 plesso, 9 azienda, 10 referente,
/// 11 intervento (active), 12 servizio, 13 and 14 destinatari (enrolled),
/// 15 incontro (open), 16 incontro (closed), 17 the office's age recipient.
pub fn mondo_ops() -> Vec<(&'static str, Value, bool)> {
    let cf = |cognome: &str, nome: &str| {
        sportello::codice_fiscale::compute(
            cognome,
            nome,
            sportello::codice_fiscale::Sesso::F,
            NaiveDate::from_ymd_opt(2012, 4, 15).unwrap(),
            "A859",
        )
    };
    let incontro = |data: &str| {
        json!({"servizio_id": "@12", "data": data, "ora_inizio": "09:00", "ora_fine": "11:00",
               "orientatore_id": "@3", "luogo": {"ente_id": "@8"}, "famiglie_presenti": 0,
               "presenze": [{"destinatario_id": "@13", "presente": true},
                            {"destinatario_id": "@14", "presente": false}]})
    };
    vec![
        ("create_rt", json!({"nome": "RT Biella", "territorio": "Biella"}), true),
        (
            "create_ente_attuatore",
            json!({"nome": "Centro di Formazione Esempio", "rt_id": "@0", "catalogo": "piemonte-oop"}),
            true,
        ),
        (
            "create_sede",
            json!({"ente_attuatore_id": "@1", "nome": "Sede di Biella", "comune": "Biella"}),
            true,
        ),
        (
            "create_orientatore",
            json!({"ente_attuatore_id": "@1", "cognome": "Rossi", "nome": "Paola"}),
            true,
        ),
        (
            "create_orientatore",
            json!({"ente_attuatore_id": "@1", "cognome": "Neri", "nome": "Luca"}),
            true,
        ),
        ("list_voci", json!({"lista": "target"}), true),
        ("list_voci", json!({"lista": "cms"}), true),
        (
            "create_ente",
            json!({"tipo": "scuola", "nome": "IC Alfa", "codice_meccanografico": "BIIC80000A"}),
            true,
        ),
        (
            "create_ente",
            json!({"tipo": "scuola", "nome": "Scuola media Beta", "codice_meccanografico": "BIMM80001B",
                   "istituto_principale_id": "@7"}),
            true,
        ),
        ("create_ente", json!({"tipo": "azienda", "nome": "Lanificio Esempio"}), true),
        (
            "create_referente",
            json!({"ente_id": "@8", "cognome": "Bianchi", "nome": "Carla", "ruolo": "docente"}),
            true,
        ),
        (
            "create_intervento",
            json!({"ente_attuatore_id": "@1", "titolo": "Orientamento classi terze",
                   "referente_id": "@10", "ente_ids": ["@8"]}),
            true,
        ),
        ("activate_intervento", json!({"id": "@11"}), false),
        (
            "create_servizio",
            json!({"ente_attuatore_id": "@1", "intervento_id": "@11", "codice_azione": "OR3",
                   "titolo": "Seminario scelta scuola superiore", "sede_id": "@2",
                   "durata_prevista_minuti": 120, "numero_destinatari": 2, "numero_famiglie": 0,
                   "anno_scolastico": "2025/26", "target_ids": ["@5"], "cms_ids": ["@6"],
                   "ente_ids": ["@8"],
                   "dati_peculiari": {"classe": 3, "sezione": "A", "titolo_studio": "licenza_elementare",
                                      "condizione_occupazionale": "studente",
                                      "condizione_abitativa": "nessun_disagio"}}),
            true,
        ),
        (
            "create_destinatario",
            json!({"codice_fiscale": cf("Verdi", "Anna"), "cognome": "Verdi", "nome": "Anna", "sesso": "F",
                   "data_nascita": "2012-04-15", "comune_nascita": "Biella", "telefono": "015 0000000"}),
            true,
        ),
        (
            "create_destinatario",
            json!({"codice_fiscale": cf("Gialli", "Bruna"), "cognome": "Gialli", "nome": "Bruna", "sesso": "F",
                   "data_nascita": "2012-04-15", "comune_nascita": "Biella", "email": "bruna@example.org"}),
            true,
        ),
        (
            "enrol_destinatari",
            json!({"servizio_id": "@12", "iscrizioni": [{"destinatario_id": "@13"}, {"destinatario_id": "@14"}]}),
            false,
        ),
        ("create_incontro", incontro("2026-01-12"), true),
        ("create_incontro", incontro("2026-01-08"), true),
        ("close_incontro", json!({"id": "@16"}), false),
        ("genera_chiavi_ufficio", json!({}), true),
        ("imposta_ufficio", json!({"destinatario": "@17"}), false),
    ]
}

/// The id a call returns: its `id`, the first element's `id`, or an age recipient.
pub fn id_di(v: &Value) -> Option<String> {
    v.get("id")
        .or_else(|| v.get(0).and_then(|e| e.get("id")))
        .or_else(|| v.get("destinatario"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

pub fn sostituisci(v: &mut Value, ids: &[String]) {
    match v {
        Value::String(s) => {
            if let Some(i) = s.strip_prefix('@').and_then(|n| n.parse::<usize>().ok())
                && let Some(id) = ids.get(i)
            {
                *s = id.clone();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|e| sostituisci(e, ids)),
        Value::Object(o) => o.values_mut().for_each(|e| sostituisci(e, ids)),
        _ => {}
    }
}

/// Builds the world in `store` and returns its ids (an empty string for a
/// step that failed: the world is then smaller, never a reason to stop).
pub fn crea(store: &Store) -> Vec<String> {
    let ctx = Ctx::new(Source::Cli, oggi());
    let mut ids: Vec<String> = Vec::new();
    for (op, mut input, ricorda) in mondo_ops() {
        sostituisci(&mut input, &ids);
        let esito = dispatch(store, &ctx, op, input);
        if !ricorda {
            if let Err(e) = esito {
                eprintln!("comando: world step {op} failed: {e}");
            }
            continue;
        }
        match esito.map(|o| id_di(&o.value)) {
            Ok(Some(id)) => ids.push(id),
            Ok(None) => {
                eprintln!("comando: world step {op} returned no id");
                ids.push(String::new());
            }
            Err(e) => {
                eprintln!("comando: world step {op} failed: {e}");
                ids.push(String::new());
            }
        }
    }
    ids
}

/// The context of the fuzzed calls: the world's first orientatore acting.
pub fn ctx(ids: &[String]) -> Ctx {
    Ctx::new(Source::Cli, oggi()).with_actor(ids.get(3).and_then(|s| s.parse().ok()))
}
