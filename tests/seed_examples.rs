//! The worked examples of seed 000 (SERSE operating instructions), recorded
//! through the command surface as a counsellor would, step by step.

mod common;

use common::{World, date, refused};
use serde_json::{Value, json};

fn ente(w: &World, tipo: &str, nome: &str) -> String {
    w.id("create_ente", json!({"tipo": tipo, "nome": nome}))
}

fn referente(w: &World, ente: &str, cognome: &str) -> String {
    w.id(
        "create_referente",
        json!({"ente_id": ente, "cognome": cognome, "nome": "Maria"}),
    )
}

/// A modello of the world's body for 2025/26 with its target and cms: its id.
fn modello(w: &World, titolo: &str, azioni: &[&str], enti: Value, esterni: Value) -> String {
    w.id(
        "create_modello",
        json!({
            "ente_attuatore_id": w.ente_attuatore, "titolo": titolo, "anno_scolastico": "2025/26",
            "target_ids": [w.target], "cms_ids": [w.cms], "azioni": azioni,
            "enti": enti, "servizi_esterni": esterni
        }),
    )
}

fn servizio(w: &World, intervento: &str, codice: &str, minuti: u32) -> Value {
    let mut s = w.servizio_input();
    s["intervento_id"] = json!(intervento);
    s["codice_azione"] = json!(codice);
    s["durata_prevista_minuti"] = json!(minuti);
    s["ente_ids"] = json!([]); // inherited from the intervento (SER-05)
    if codice != "OR3" {
        s["numero_famiglie"] = Value::Null;
    }
    s
}

fn close_all(w: &World, servizio: &str) -> Value {
    let scheda = w.ok("get_servizio", json!({"id": servizio}));
    for i in scheda["incontri"].as_array().unwrap() {
        if i["stato"] == "aperto" {
            w.ok("close_incontro", json!({"id": i["id"]}));
        }
    }
    w.ok("close_servizio", json!({"id": servizio}))
}

/// §2.1: a modello co-designed with CPI and SLI for the fifth classes of a secondary
/// school; the body delivers OR3 (and OR2 on request), CPI and SLI their own hours.
#[test]
fn example_2_1_modello_with_cpi_and_sli() {
    let w = World::new();
    let scuola = w.id(
        "create_ente",
        json!({"tipo": "scuola", "nome": "IIS Pinco Pallino", "codice_meccanografico": "BIIS00700A"}),
    );
    let ref_scuola = referente(&w, &scuola, "Orientamento");
    let (cpi, sli) = (
        ente(&w, "cpi", "CPI di Biella"),
        ente(&w, "sli", "SLI Biella"),
    );
    let (ref_cpi, ref_sli) = (
        referente(&w, &cpi, "Operatrice"),
        referente(&w, &sli, "Consulente"),
    );
    let modello = modello(
        &w,
        "Dopo il diploma",
        &["OR3", "OR2"],
        json!([
            {"ente_id": scuola, "ruolo": "destinatario", "referente_id": ref_scuola},
            {"ente_id": cpi, "ruolo": "coprogettatore", "referente_id": ref_cpi},
            {"ente_id": sli, "ruolo": "coprogettatore", "referente_id": ref_sli}
        ]),
        json!([
            {"ente_id": cpi, "titolo": "I servizi del CPI", "durata_minuti": 120, "referente_id": ref_cpi},
            {"ente_id": sli, "titolo": "I contratti di lavoro", "durata_minuti": 60, "referente_id": ref_sli}
        ]),
    );
    // The interventi linked to it inherit the school, and may then carry OR3 and OR2.
    let intervento = w.id(
        "create_intervento",
        json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "Classi quinte", "modello_id": modello}),
    );
    let attivo = w.ok("activate_intervento", json!({"id": intervento}));
    assert_eq!(attivo["ente_ids"], json!([scuola]));
    let or3 = w.ok("create_servizio", servizio(&w, &intervento, "OR3", 120));
    assert_eq!(or3["ente_ids"], json!([scuola]));
    let mut or2 = servizio(&w, &intervento, "OR2", 60);
    or2["numero_destinatari"] = json!(1);
    w.ok("create_servizio", or2);
}

/// §2.2: one modello, two interventi (seconde with OR4, terze with OR3).
#[test]
fn example_2_2_one_modello_two_interventi() {
    let w = World::new();
    let confindustria = ente(&w, "associazione", "Confindustria");
    let pippo = ente(&w, "associazione", "Associazione Pippo");
    let (r1, r2) = (
        referente(&w, &confindustria, "Imprenditore"),
        referente(&w, &pippo, "Artigiano"),
    );
    let modello = modello(
        &w,
        "Scegliere dopo la media",
        &["OR3", "OR4", "OR2"],
        json!([
            {"ente_id": w.plesso, "ruolo": "destinatario", "referente_id": w.referente},
            {"ente_id": confindustria, "ruolo": "coprogettatore", "referente_id": r1},
            {"ente_id": pippo, "ruolo": "coprogettatore", "referente_id": r2}
        ]),
        json!([
            {"ente_id": confindustria, "titolo": "Mercato del lavoro locale (terze)", "durata_minuti": 120},
            {"ente_id": confindustria, "titolo": "Interviste a imprenditori (seconde)", "durata_minuti": 120},
            {"ente_id": pippo, "titolo": "STEM (terze)", "durata_minuti": 120},
            {"ente_id": pippo, "titolo": "Professioni artigiane (seconde)", "durata_minuti": 120}
        ]),
    );
    for (titolo, codice, minuti) in [("Classi seconde", "OR4", 600), ("Classi terze", "OR3", 120)] {
        let i = w.id(
            "create_intervento",
            json!({"ente_attuatore_id": w.ente_attuatore, "titolo": titolo, "modello_id": modello}),
        );
        w.ok("activate_intervento", json!({"id": i}));
        w.ok("create_servizio", servizio(&w, &i, codice, minuti));
    }
    let interventi = w.ok("list_interventi", json!({}));
    let dal_modello = interventi
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["modello_id"] == json!(modello))
        .count();
    assert_eq!(dal_modello, 2);
}

/// §9.2: an OR4 over three school years, under one intervento, one register each year.
#[test]
fn example_9_2_or4_over_three_years() {
    let mut w = World::new();
    let (a, b) = (
        w.destinatario("Verdi", "Anna"),
        w.destinatario("Gialli", "Bruna"),
    );
    for (anno, codice, classe, giorno) in [
        ("2024/25", "OR4", 1, "2025-03-10"),
        ("2025/26", "OR4-2A", 2, "2026-03-09"),
        ("2026/27", "OR4-3A", 3, "2027-03-08"),
    ] {
        w.oggi = date(giorno);
        let mut input = servizio(&w, &w.intervento, codice, 120);
        input["anno_scolastico"] = json!(anno);
        input["dati_peculiari"]["classe"] = json!(classe);
        let s = w.id("create_servizio", input);
        w.enrol(&s, &[&a, &b]);
        w.ok("create_incontro", w.incontro_input(&s, giorno, &[&a, &b]));
        assert_eq!(close_all(&w, &s)["stato"], "chiuso");
    }
    // Each year is its own servizio, with the class of that year.
    let scheda = w.ok("get_destinatario", json!({"id": a}));
    let codici: Vec<&str> = scheda["servizi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["codice_azione"].as_str().unwrap())
        .collect();
    assert_eq!(codici.len(), 3, "{codici:?}");
    // Outside that intervento, an OR4-2A has nothing to continue.
    let altro = w.intervento_attivo(std::slice::from_ref(&w.plesso2));
    let mut input = servizio(&w, &altro, "OR4-2A", 120);
    input["anno_scolastico"] = json!("2026/27");
    assert_eq!(refused(w.call("create_servizio", input)), ["SER-09"]);
}

/// §9.3: a dropout comes to the desk; one OR2 is enough, no ente coinvolto.
#[test]
fn example_9_3_dropout_at_the_desk() {
    let w = World::new();
    let mut input = w.servizio_input();
    input["intervento_id"] = Value::Null;
    input["codice_azione"] = json!("OR2");
    input["numero_destinatari"] = json!(1);
    input["numero_famiglie"] = Value::Null;
    input["durata_prevista_minuti"] = json!(60);
    input["ente_ids"] = json!([]);
    input["dati_peculiari"] = json!({"disperso": true, "titolo_studio": "licenza_media",
        "condizione_occupazionale": "inattivo", "condizione_abitativa": "nessun_disagio"});
    let s = w.id("create_servizio", input);
    let d = w.destinatario("Neri", "Ada");
    w.enrol(&s, &[&d]);
    let mut i = w.incontro_input(&s, "2026-01-15", &[&d]);
    i["ora_fine"] = json!("10:00");
    i["luogo"] = json!({"sede_id": w.sede});
    w.ok("create_incontro", i);
    assert_eq!(close_all(&w, &s)["stato"], "chiuso");
}

/// §9.4: an OR3 for families: the pupils present are the destinatari and sign,
/// the number of families is mandatory and recorded per incontro.
#[test]
fn example_9_4_or3_for_families() {
    let w = World::new();
    let mut input = servizio(&w, &w.intervento, "OR3", 120);
    input["numero_famiglie"] = Value::Null;
    assert_eq!(
        refused(w.call("create_servizio", input.clone())),
        ["SER-03"]
    );
    input["numero_famiglie"] = json!(14);
    let s = w.id("create_servizio", input);
    let (a, b) = (
        w.destinatario("Verdi", "Anna"),
        w.destinatario("Gialli", "Bruna"),
    );
    w.enrol(&s, &[&a, &b]);
    let mut i = w.incontro_input(&s, "2026-01-15", &[&a, &b]);
    i["famiglie_presenti"] = json!(12);
    i["ora_inizio"] = json!("18:00");
    i["ora_fine"] = json!("20:00");
    let i = w.ok("create_incontro", i);
    assert_eq!(i["famiglie_presenti"], 12);
    assert_eq!(close_all(&w, &s)["numero_famiglie"], 14);
}

/// §9.5: pupils referred by #Possibile: one intervento per school of origin, one OR2 per pupil.
#[test]
fn example_9_5_possibile_one_intervento_per_school() {
    let w = World::new();
    let scuole = [
        ("Scuola Pippo", "BIMM00001A", 4),
        ("Scuola Pluto", "BIMM00002B", 3),
        ("Scuola Paperino", "BIMM00003C", 1),
    ];
    let nomi = [
        "Anna", "Bruna", "Carla", "Dora", "Elena", "Fabia", "Gina", "Ilaria",
    ];
    let mut n = 0;
    for (nome, codice, ragazzi) in scuole {
        let scuola = w.id(
            "create_ente",
            json!({"tipo": "scuola", "nome": nome, "codice_meccanografico": codice}),
        );
        let intervento = w.id(
            "create_intervento",
            json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "Colloqui #Possibile Biella",
                   "referente_id": w.referente, "ente_ids": [scuola]}),
        );
        w.ok("activate_intervento", json!({"id": intervento}));
        for _ in 0..ragazzi {
            let mut s = servizio(&w, &intervento, "OR2", 60);
            s["numero_destinatari"] = json!(1);
            let s = w.id("create_servizio", s);
            let d = w.destinatario("Rossi", nomi[n]);
            n += 1;
            w.enrol(&s, &[&d]);
        }
        let i = w.ok("get_intervento", json!({"id": intervento}));
        assert_eq!(
            (
                i["aggregati"]["servizi"].as_u64(),
                i["aggregati"]["destinatari"].as_u64()
            ),
            (Some(ragazzi), Some(ragazzi))
        );
    }
}

/// §3: the same pupil cannot receive the same action from two implementing bodies in one year.
#[test]
fn section_3_same_action_from_two_bodies() {
    let w = World::new();
    let d = w.destinatario("Verdi", "Anna");
    let nostro = w.servizio();
    w.enrol(&nostro, &[&d]);
    let altro = w.id(
        "create_ente_attuatore",
        json!({"nome": "Altro Ente", "catalogo": "piemonte-oop"}),
    );
    let sede = w.id(
        "create_sede",
        json!({"ente_attuatore_id": altro, "nome": "Sede"}),
    );
    let mut s = w.servizio_input();
    s["ente_attuatore_id"] = json!(altro);
    s["sede_id"] = json!(sede);
    s["intervento_id"] = Value::Null;
    let loro = w.id("create_servizio", s.clone());
    assert_eq!(refused(w.try_enrol(&loro, &[&d])), ["SER-08"]);
    // The next school year it is allowed.
    s["anno_scolastico"] = json!("2026/27");
    let prossimo = w.id("create_servizio", s);
    w.enrol(&prossimo, &[&d]);
}

/// §3: CNOS and ENAIP of the same RT work on the fifth classes of one school: one
/// intervento, three servizi each; but the same person's OR6 from both is refused.
#[test]
fn section_3_two_bodies_of_one_rt_share_an_intervento() {
    let w = World::new();
    let rt = w.ok("list_rt", json!({}))[0]["id"].clone();
    let enaip = w.id(
        "create_ente_attuatore",
        json!({"nome": "ENAIP", "rt_id": rt, "catalogo": "piemonte-oop"}),
    );
    let sede_enaip = w.id(
        "create_sede",
        json!({"ente_attuatore_id": enaip, "nome": "ENAIP Biella"}),
    );
    for (ente, sede) in [(&w.ente_attuatore, &w.sede), (&enaip, &sede_enaip)] {
        for sezione in ["A", "B", "C"] {
            let mut s = servizio(&w, &w.intervento, "OR3", 120);
            s["ente_attuatore_id"] = json!(ente);
            s["sede_id"] = json!(sede);
            s["dati_peculiari"]["sezione"] = json!(sezione);
            w.ok("create_servizio", s);
        }
    }
    let i = w.ok("get_intervento", json!({"id": w.intervento}));
    assert_eq!(i["aggregati"]["servizi"], 6);

    let d = w.destinatario("Verdi", "Anna");
    let or6 = |ente: &str, sede: &str| {
        let mut s = servizio(&w, &w.intervento, "OR6", 60);
        s["ente_attuatore_id"] = json!(ente);
        s["sede_id"] = json!(sede);
        s["modalita"] = json!("individuale");
        s["numero_destinatari"] = json!(1);
        w.id("create_servizio", s)
    };
    let nostro = or6(&w.ente_attuatore, &w.sede);
    w.enrol(&nostro, &[&d]);
    let loro = or6(&enaip, &sede_enaip);
    assert_eq!(refused(w.try_enrol(&loro, &[&d])), ["SER-08"]);
}

/// §6.1: work with a plesso, not its IC; an IIS with six indirizzi gives six interventi.
#[test]
fn example_6_1_plessi_and_indirizzi() {
    let w = World::new();
    // The IC "Alfa" has plessi: naming it is a warning (INT-05); Beta and Gamma each get their own.
    let su_ic = w.call(
        "create_intervento",
        json!({"ente_attuatore_id": w.ente_attuatore, "titolo": "Terze", "referente_id": w.referente, "ente_ids": [w.istituto]}),
    );
    assert_eq!(common::warned(su_ic), ["INT-05"]);
    let gamma = w.intervento_attivo(std::slice::from_ref(&w.plesso2));
    assert_ne!(gamma, w.intervento);

    let iis = w.id("create_ente", json!({"tipo": "scuola", "nome": "IIS Pinco Pallino", "codice_meccanografico": "BIIS00900B"}));
    let indirizzi = [
        "Liceo classico",
        "Liceo scientifico",
        "Tecnico economico",
        "Tecnico tecnologico",
        "Professionale",
        "Liceo artistico",
    ];
    for (k, nome) in indirizzi.iter().enumerate() {
        let indirizzo = w.id(
            "create_ente",
            json!({"tipo": "scuola", "nome": format!("Pinco Pallino – {nome}"),
                   "codice_meccanografico": format!("BIPS0090{k}C"), "istituto_principale_id": iis}),
        );
        let i = w.intervento_attivo(std::slice::from_ref(&indirizzo));
        w.ok("create_servizio", servizio(&w, &i, "OR3", 120));
    }
    let scheda = w.ok("get_ente", json!({"id": iis}));
    assert_eq!(scheda["plessi"].as_array().unwrap().len(), 6);
    let mut per_iis = 0;
    for p in scheda["plessi"].as_array().unwrap() {
        per_iis += w
            .ok("list_interventi", json!({"ente_id": p["id"]}))
            .as_array()
            .unwrap()
            .len();
    }
    assert_eq!(per_iis, 6);
}
