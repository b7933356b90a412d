//! The monitoring indicators against values computed by hand on a small
//! fixture built through the command surface (`calcola_indicatori`).

mod common;

use common::{DATI_PECULIARI, World, date};
use serde_json::{Value, json};

/// Ids the assertions need.
struct Fixture {
    w: World,
    umbro: String,
}

const PERIODO: (&str, &str) = ("2025-09-01", "2025-12-31");

fn incontro(
    w: &World,
    servizio: &str,
    data: &str,
    ore: (&str, &str),
    presenze: &[(&str, bool)],
    famiglie: u32,
    orientatore: &str,
) -> String {
    let presenze: Vec<Value> = presenze
        .iter()
        .map(|(d, p)| json!({"destinatario_id": d, "presente": p}))
        .collect();
    // Recorded on the day at the latest: presences are not marked before it (INC-10).
    let mut ctx = w.ctx();
    ctx.oggi = ctx.oggi.max(date(data));
    let input = json!({"servizio_id": servizio, "data": data, "ora_inizio": ore.0, "ora_fine": ore.1,
           "orientatore_id": orientatore, "luogo": {"ente_id": w.plesso},
           "famiglie_presenti": famiglie, "presenze": presenze});
    match sportello::commands::dispatch(&w.store, &ctx, "create_incontro", input) {
        Ok(o) => o.value["id"].as_str().expect("an id").to_owned(),
        Err(e) => panic!("create_incontro {data}: {e:?}"),
    }
}

fn chiudi(w: &mut World, op: &str, id: &str, oggi: &str) {
    w.oggi = date(oggi);
    w.ok(op, json!({"id": id}));
}

fn altro_ente(w: &World, nome: &str, catalogo: &str, territorio: &str) -> (String, String, String) {
    let ente = w.id(
        "create_ente_attuatore",
        json!({"nome": nome, "catalogo": catalogo}),
    );
    let sede = w.id(
        "create_sede",
        json!({"ente_attuatore_id": ente, "nome": format!("Sede {territorio}"), "territorio": territorio}),
    );
    let orientatore = w.id(
        "create_orientatore",
        json!({"ente_attuatore_id": ente, "cognome": "Conti", "nome": "Marta"}),
    );
    (ente, sede, orientatore)
}

/// A standalone servizio of another body, at the world's plesso.
fn servizio_di(
    w: &World,
    (ente, sede): (&str, &str),
    codice: &str,
    modalita: &str,
    minuti: u32,
    target: &str,
    dp: Value,
) -> String {
    w.id(
        "create_servizio",
        json!({"ente_attuatore_id": ente, "codice_azione": codice, "modalita": modalita,
               "titolo": format!("Servizio {codice} – Città di Castello"), "sede_id": sede,
               "durata_prevista_minuti": minuti, "numero_destinatari": 1, "anno_scolastico": "2025/26",
               "target_ids": [target], "cms_ids": [w.cms], "ente_ids": [w.plesso], "dati_peculiari": dp}),
    )
}

/// Piemonte OOP (the world's body, RT Biella):
/// - S1 OR3, 4 families declared: Anna and Bruna (disabilità), I1 10/11 2 h both present,
///   3 families, closed in time; I2 20/11 1 h 30 Anna present, Bruna absent, 2 families,
///   closed 10/12 (20 days: late, INC-06). S1 closed 15/12, 25 days after its last incontro (SER-11).
/// - S2 OR6 individuale: Chiara (classe 5), I3 01/12 1 h, closed in time; S2 stays open.
/// - S3 OR3, 7 families: one incontro on 12/01/2026, outside the period.
/// - S4 OR3, 0 families: Dora, I4 20/12 1 h left open: on 20/01/2026 it is 31 days old.
///
/// Umbria (territory Perugia, second target, participants dispersi):
/// - U1 A.2 gruppo: Elena, Franca, Giulia, Ilaria present, Lia absent, I5 05/11 09:00–11:30, closed.
/// - U2 D.2 individuale (UCS 34,40 only after a placement): Jole (classe 3), 30 min, closed.
///
/// Piemonte lavoro 2012 (territory Torino):
/// - L1 A.1 individuale: Katia (classe 3), 20 min, closed.
fn fixture() -> Fixture {
    let mut w = World::new();
    w.oggi = date("2025-11-01");
    let target2 = w.ok("list_voci", json!({"lista": "target"}))[1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let or = w.orientatore.clone();

    let mut s1 = w.servizio_input();
    s1["numero_famiglie"] = json!(4);
    let s1 = w.id("create_servizio", s1);
    let [anna, bruna] = w.enrol_new(
        &s1,
        [
            ("Verdi", "Anna", Value::Null),
            ("Gialli", "Bruna", json!({"disabilita": true})),
        ],
    );
    let i1 = incontro(
        &w,
        &s1,
        "2025-11-10",
        ("09:00", "11:00"),
        &[(&anna, true), (&bruna, true)],
        3,
        &or,
    );
    chiudi(&mut w, "close_incontro", &i1, "2025-11-12");
    let i2 = incontro(
        &w,
        &s1,
        "2025-11-20",
        ("10:00", "11:30"),
        &[(&anna, true), (&bruna, false)],
        2,
        &or,
    );
    chiudi(&mut w, "close_incontro", &i2, "2025-12-10");
    chiudi(&mut w, "close_servizio", &s1, "2025-12-15");

    let mut s2 = w.servizio_input();
    s2["codice_azione"] = json!("OR6");
    s2["modalita"] = json!("individuale");
    s2["titolo"] = json!("Consulenza individuale");
    s2["durata_prevista_minuti"] = json!(60);
    s2["numero_destinatari"] = json!(1);
    s2["numero_famiglie"] = Value::Null;
    let s2 = w.id("create_servizio", s2);
    let [chiara] = w.enrol_new(&s2, [("Esposito", "Chiara", json!({"classe": 5}))]);
    let i3 = incontro(
        &w,
        &s2,
        "2025-12-01",
        ("14:00", "15:00"),
        &[(&chiara, true)],
        0,
        &or,
    );
    chiudi(&mut w, "close_incontro", &i3, "2025-12-05");

    let mut s3 = w.servizio_input();
    s3["numero_famiglie"] = json!(7);
    let s3 = w.id("create_servizio", s3);
    w.enrol(&s3, &[&anna]);
    w.oggi = date("2026-01-20");
    incontro(
        &w,
        &s3,
        "2026-01-12",
        ("09:00", "10:00"),
        &[(&anna, true)],
        5,
        &or,
    );

    let s4 = w.servizio();
    let dora = w.destinatario("Russo", "Dora");
    w.enrol(&s4, &[&dora]);
    incontro(
        &w,
        &s4,
        "2025-12-20",
        ("09:00", "10:00"),
        &[(&dora, true)],
        0,
        &or,
    );

    let (umbro, sede_u, or_u) = altro_ente(&w, "Ente Umbro", "umbria", "Perugia");
    let mut dispersi = DATI_PECULIARI.clone();
    dispersi["disperso"] = json!(true);
    let u1 = servizio_di(
        &w,
        (&umbro, &sede_u),
        "A.2",
        "gruppo",
        150,
        &target2,
        dispersi,
    );
    let gruppo: Vec<String> = ["Elena", "Franca", "Giulia", "Ilaria", "Lia"]
        .iter()
        .map(|n| w.destinatario("Bruni", n))
        .collect();
    let refs: Vec<&str> = gruppo.iter().map(String::as_str).collect();
    w.enrol(&u1, &refs);
    let presenze: Vec<(&str, bool)> = refs.iter().enumerate().map(|(k, d)| (*d, k < 4)).collect();
    w.oggi = date("2025-11-05");
    let i5 = incontro(
        &w,
        &u1,
        "2025-11-05",
        ("09:00", "11:30"),
        &presenze,
        0,
        &or_u,
    );
    chiudi(&mut w, "close_incontro", &i5, "2025-11-06");
    let u2 = servizio_di(
        &w,
        (&umbro, &sede_u),
        "D.2",
        "individuale",
        30,
        &w.target,
        DATI_PECULIARI.clone(),
    );
    let jole = w.destinatario("Marini", "Jole");
    w.enrol(&u2, &[&jole]);
    let i6 = incontro(
        &w,
        &u2,
        "2025-11-05",
        ("14:00", "14:30"),
        &[(&jole, true)],
        0,
        &or_u,
    );
    chiudi(&mut w, "close_incontro", &i6, "2025-11-06");

    let (lavoro, sede_l, or_l) = altro_ente(&w, "Agenzia Lavoro", "piemonte-lavoro-2012", "Torino");
    let l1 = servizio_di(
        &w,
        (&lavoro, &sede_l),
        "A.1",
        "individuale",
        20,
        &w.target,
        DATI_PECULIARI.clone(),
    );
    let katia = w.destinatario("Gallo", "Katia");
    w.enrol(&l1, &[&katia]);
    w.oggi = date("2025-10-01"); // entered on the day: an incontro entered late stays late (INC-06)
    let i7 = incontro(
        &w,
        &l1,
        "2025-10-01",
        ("10:00", "10:20"),
        &[(&katia, true)],
        0,
        &or_l,
    );
    chiudi(&mut w, "close_incontro", &i7, "2025-10-02");

    w.oggi = date("2026-01-20");
    Fixture { w, umbro }
}

fn indicatori(w: &World, extra: Value) -> Value {
    let mut input = json!({"dal": PERIODO.0, "al": PERIODO.1});
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    w.ok("calcola_indicatori", input)
}

fn azione<'a>(x: &'a Value, catalogo: &str, codice: &str) -> &'a Value {
    x["azioni"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["catalogo"] == catalogo && a["codice_azione"] == codice)
        .unwrap_or_else(|| panic!("no {catalogo} {codice}"))
}

fn conteggi(v: &Value) -> Vec<(String, u64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["voce"].as_str().unwrap().to_owned(),
                c["destinatari"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn destinatari_reached_by_target_classe_disabilita_and_families() {
    let f = fixture();
    let x = indicatori(&f.w, json!({}));
    let d = &x["destinatari"];
    // Present at least once in the period: Anna, Bruna, Chiara, Dora, Elena, Franca,
    // Giulia, Ilaria, Jole, Katia. Lia was only absent; S3 is in January.
    assert_eq!(d["totale"], 10);
    assert_eq!(d["femmine"], 10);
    assert_eq!(d["con_disabilita"], 1, "Bruna");
    assert_eq!(d["dispersi"], 4, "the Umbrian group");
    let voci = f.w.ok("list_voci", json!({"lista": "target"}));
    let nome = |k: usize| voci[k]["nome"].as_str().unwrap().to_owned();
    let mut attesi = vec![(nome(0), 6), (nome(1), 4)]; // the Umbrian group has the second
    attesi.sort();
    assert_eq!(conteggi(&d["per_target"]), attesi);
    assert_eq!(
        conteggi(&d["per_classe"]),
        vec![
            ("3".into(), 5), // Anna, Bruna, Dora, Jole, Katia
            ("5".into(), 1), // Chiara
            ("dispersi".into(), 4)
        ]
    );
    // OR3 servizi active in the period: S1 (4 families) and S4 (0); S3's 7 are in January.
    // Families present: 3 + 2 at S1, 0 at S4.
    assert_eq!(
        x["famiglie"],
        json!({"servizi": 2, "numero_famiglie": 4, "presenze_famiglie": 5})
    );
}

#[test]
fn servizi_incontri_hours_and_lateness_per_action() {
    let f = fixture();
    let x = indicatori(&f.w, json!({}));
    let or3 = azione(&x, "piemonte-oop", "OR3");
    // S1 and S4 started in the period (S3 in January); S1 closed 25 days late.
    assert_eq!(or3["servizi_attivi"], 2);
    assert_eq!(or3["servizi_avviati"], 2);
    assert_eq!(or3["servizi_chiusi"], 1);
    assert_eq!(or3["servizi_chiusi_in_ritardo"], 1);
    // I1 (120) + I2 (90) + I4 (60) = 270 min = 4.5 h; I2 closed late; I4 open, 31 days old.
    assert_eq!(or3["incontri"], 3);
    assert_eq!(or3["incontri_chiusi"], 2);
    assert_eq!(or3["incontri_chiusi_in_ritardo"], 1);
    assert_eq!(or3["incontri_aperti_in_ritardo"], 1);
    assert_eq!(or3["minuti"], 270);
    assert_eq!(or3["ore"], 4.5);
    assert_eq!(or3["destinatari"], 3);
    let or6 = azione(&x, "piemonte-oop", "OR6");
    assert_eq!(
        (
            &or6["incontri_individuali"],
            &or6["minuti"],
            &or6["servizi_chiusi"]
        ),
        (&json!(1), &json!(60), &json!(0))
    );
    let a2 = azione(&x, "umbria", "A.2");
    assert_eq!(
        (&a2["incontri_di_gruppo"], &a2["destinatari"]),
        (&json!(1), &json!(4))
    );
    // 270 + 60 + 150 (A.2) + 30 (D.2) + 20 (A.1) = 530 min.
    let t = &x["totale"];
    assert_eq!(t["incontri"], 7);
    assert_eq!(t["minuti"], 530);
    assert_eq!(t["ore"], 8.83);
    assert_eq!(t["destinatari"], 10);
    assert_eq!(t["servizi_chiusi_in_ritardo"], 1);
    assert_eq!(t["incontri_chiusi_in_ritardo"], 1);
}

#[test]
fn ucs_group_cost_is_divided_by_participants_and_placement_costs_are_not_recognised() {
    let f = fixture();
    let x = indicatori(&f.w, json!({}));
    let costi = x["costi"].as_array().unwrap();
    let a2 = costi.iter().find(|c| c["codice_azione"] == "A.2").unwrap();
    // Seed 004: € 33/h, «se gruppo diviso n. componenti ad operatore».
    // I5: 09:00–11:30 = 2.5 h, 4 present (Lia absent): group cost 33 × 2.5 = € 82.50;
    // each participant's share 82.50 / 4 = € 20.625 → € 20.63.
    assert_eq!(a2["modalita"], "gruppo");
    assert_eq!(a2["ucs_euro_ora"], 33.0);
    assert_eq!(a2["incontri"], 1);
    assert_eq!(a2["partecipazioni"], 4);
    assert_eq!(a2["costo"], 82.5);
    assert_eq!(a2["costo_per_partecipazione"], 20.63);
    assert_eq!(a2["riconosciuto"], true);
    // D.2: € 34,40/h recognised only after a job placement, which is not recorded:
    // 0.5 h × 34.40 = € 17.20 shown, not counted.
    let d2 = costi.iter().find(|c| c["codice_azione"] == "D.2").unwrap();
    assert_eq!(
        (&d2["costo"], &d2["riconosciuto"]),
        (&json!(17.2), &json!(false))
    );
    // Piemonte OOP has no UCS: no row for OR3 or OR6.
    assert_eq!(costi.len(), 2);
    assert_eq!(x["costo_riconosciuto"], 82.5);
}

#[test]
fn seed_002_indicators_count_persons_of_the_2012_catalogue_only() {
    let f = fixture();
    let x = indicatori(&f.w, json!({}));
    let fisico = |c: &str| {
        x["fisici"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["codice"] == c)
            .unwrap()
            .clone()
    };
    assert_eq!(fisico("1.1")["valore"], 1, "Katia at the A.1");
    // The Umbrian A.2 is another catalogue's code: not the 2012 «Accoglienza».
    assert_eq!(fisico("2.1")["valore"], 0);
    for c in ["3.1", "4.1", "5.1", "6.1"] {
        assert_eq!(fisico(c)["valore"], 0, "{c}");
    }
    for c in ["2.2", "3.2", "5.2", "6.2", "7.1", "9.1", "10.3"] {
        assert!(fisico(c)["valore"].is_null(), "{c}");
        assert!(
            fisico(c)["lettura"]
                .as_str()
                .unwrap()
                .starts_with("Non calcolabile")
        );
    }
    assert_eq!(
        sportello::indicatori::fisici::supportati(),
        ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1"]
    );
}

#[test]
fn body_territory_and_period_narrow() {
    let f = fixture();
    let x = indicatori(&f.w, json!({"ente_attuatore_id": f.umbro}));
    assert_eq!(x["destinatari"]["totale"], 5);
    assert_eq!(x["totale"]["minuti"], 180);
    assert_eq!(x["costo_riconosciuto"], 82.5);
    // The world's body has no sede territory: its RT's («Biella») counts, in any case.
    let x = indicatori(&f.w, json!({"territorio": "biella"}));
    assert_eq!(x["destinatari"]["totale"], 4);
    assert_eq!(x["costo_riconosciuto"], 0.0);
    let x = indicatori(&f.w, json!({"territorio": "Perugia"}));
    assert_eq!(x["destinatari"]["totale"], 5);
    // January alone: S3's incontro (Anna, 5 families present).
    let x = f.w.ok(
        "calcola_indicatori",
        json!({"dal": "2026-01-01", "al": "2026-01-31"}),
    );
    assert_eq!(x["destinatari"]["totale"], 1);
    assert_eq!(
        x["famiglie"],
        json!({"servizi": 1, "numero_famiglie": 7, "presenze_famiglie": 5})
    );
    assert_eq!(x["totale"]["servizi_avviati"], 1);
    assert_eq!(
        x["totale"]["incontri_aperti_in_ritardo"], 0,
        "12/01 is 8 days old"
    );
    let e =
        f.w.call(
            "calcola_indicatori",
            json!({"dal": "2026-01-31", "al": "2026-01-01"}),
        )
        .unwrap_err();
    assert_eq!(e.code(), "DATI");
}

#[test]
fn written_as_a_workbook() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("indicatori.xlsx");
    indicatori(&f.w, json!({"percorso": path.display().to_string()}));
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Sintesi",
            "Per azione",
            "Destinatari",
            "Costi UCS",
            "Indicatori fisici 002"
        ]
    );
    let sintesi = wb.worksheet_range("Sintesi").unwrap();
    let riga = sintesi
        .rows()
        .find(|r| r[0] == calamine::Data::String("Destinatari raggiunti".into()))
        .unwrap();
    assert_eq!(riga[1].to_string(), "10");
}
