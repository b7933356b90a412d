//! Two writers at once on one database file (two windows, or a window and the
//! command line): the rules that read the database are checked inside the
//! write transaction, so neither INC-08 nor DES-05 can be slipped past. And
//! the indicators, which read a file on two connections at once.

mod common;

use common::World;
use serde_json::{Value, json};
use sportello::accesso::NuovoUtente;
use sportello::accesso::chiavi::Chiave;
use sportello::domain::{Ruolo, UtenteDati};
use sportello::rules::Code;
use sportello::{Error, Store};
use std::sync::{Arc, Barrier};

/// Runs `op` with each input from its own connection, all released at once;
/// returns the rule codes of each outcome (empty for a success).
fn insieme(
    path: &std::path::Path,
    w: &World,
    op: &'static str,
    inputs: Vec<Value>,
) -> Vec<Vec<Code>> {
    let barrier = Arc::new(Barrier::new(inputs.len()));
    let ctx = w.ctx();
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| {
            let (barrier, ctx, path, chiave) =
                (barrier.clone(), ctx.clone(), path.to_path_buf(), chiave(w));
            std::thread::spawn(move || {
                let store = Store::open(&path, &chiave).expect("open");
                barrier.wait();
                match sportello::dispatch(&store, &ctx, op, input) {
                    Ok(_) => vec![],
                    Err(Error::Regole { findings }) => findings.iter().map(|f| f.code).collect(),
                    Err(e) => panic!("{op}: {e:?}"),
                }
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

fn chiave(w: &World) -> Chiave {
    w.store.chiave().expect("a file store has a key").clone()
}

fn mondo() -> (tempfile::TempDir, std::path::PathBuf, World) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("condiviso.db");
    // A real desk file: encrypted, with its key file and a first coordinatore.
    let primo = NuovoUtente {
        dati: UtenteDati {
            nome_utente: "primo".into(),
            nome: "Prima Coordinatrice".into(),
            ruolo: Ruolo::Coordinatore,
            orientatore_id: None,
            attivo: true,
        },
        password: "password di prova".into(),
    };
    let oggi = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let w = World::with_store(sportello::accesso::crea(&path, &primo, oggi).unwrap().store);
    (dir, path, w)
}

#[test]
fn two_writers_cannot_overlap_one_orientatore_inc_08() {
    let (_dir, path, w) = mondo();
    let (s, d) = w.servizio_con_iscritti();
    for giorno in 10..20 {
        let data = format!("2026-01-{giorno}");
        let a = w.incontro_input(&s, &data, &[&d[0]]);
        let mut b = w.incontro_input(&s, &data, &[&d[1]]);
        b["ora_inizio"] = json!("10:00");
        b["ora_fine"] = json!("12:00");
        let mut esiti = insieme(&path, &w, "create_incontro", vec![a, b]);
        esiti.sort();
        assert_eq!(esiti, [vec![], vec![Code::INC_08]], "on {data}");
    }
}

#[test]
fn two_writers_of_one_cf_get_des_05_not_a_crash() {
    let (_dir, path, w) = mondo();
    for nome in ["Anna", "Bruna", "Carla", "Dora", "Elena"] {
        let d = w.destinatario_input("Verdi", nome);
        let mut esiti = insieme(&path, &w, "create_destinatario", vec![d.clone(), d]);
        esiti.sort();
        assert_eq!(esiti, [vec![], vec![Code::DES_05]], "for {nome}");
    }
}

/// A read-only operation's input that reaches the database (an empty `{}`
/// would be refused before, for most of them).
fn input_di(op: &str, servizio: &str, dir: &std::path::Path) -> Value {
    let file = |nome: &str| dir.join(nome).display().to_string();
    match op {
        "get_servizio" | "storia" => json!({"id": servizio}),
        "stampa_registro" => {
            json!({"servizio_id": servizio, "variante": "prima", "percorso": file("r.pdf")})
        }
        "stampa_registri" => {
            json!({"variante": "dopo", "percorso": file("tutti.pdf"), "dal": "2026-01-01", "al": "2026-12-31"})
        }
        "scrivi_tabelle" => json!({"formato": "csv", "cartella": file("tabelle")}),
        "calcola_indicatori" => json!({"percorso": file("indicatori.xlsx")}),
        "modello_excel" => json!({"percorso": file("modello.xlsx")}),
        "list_voci" => json!({"lista": "target"}),
        "search_enti" | "search_destinatari" => json!({"testo": "a"}),
        "cerca_luoghi" => json!({"testo": "Biella"}),
        _ => json!({}),
    }
}

#[test]
fn reads_go_on_beside_an_open_write_and_every_read_only_operation_runs_on_a_reader() {
    let (dir, path, w) = mondo();
    let (s, _) = w.servizio_con_iscritti();
    let lettore = w.store.lettore().expect("a reader on the file");

    // Another connection holds the write lock, as a long import does.
    let scrittore = Store::open(&path, &chiave(&w)).unwrap();
    scrittore.read().execute_batch("BEGIN IMMEDIATE").unwrap();
    let trovati = sportello::dispatch(&lettore, &w.ctx(), "list_servizi", json!({})).unwrap();
    assert_eq!(trovati.value.as_array().unwrap().len(), 1);
    scrittore.read().execute_batch("ROLLBACK").unwrap();

    // What the writer commits, the reader's next call sees.
    let titolo = "Visto dal lettore";
    let mut dati = w.ok("get_servizio", json!({"id": s}))["servizio"].clone();
    dati["titolo"] = json!(titolo);
    w.ok("update_servizio", json!({"id": s, "dati": dati}));
    let letto = sportello::dispatch(&lettore, &w.ctx(), "get_servizio", json!({"id": s})).unwrap();
    assert_eq!(letto.value["servizio"]["titolo"], titolo);

    // No operation declared read-only writes: on the read-only connection each
    // gets its answer or a refusal of its input, never a database error.
    let mut provate = 0;
    for op in sportello::OPERATIONS
        .iter()
        .filter(|o| sportello::commands::legge_soltanto(o.name))
    {
        match sportello::dispatch(
            &lettore,
            &w.ctx(),
            op.name,
            input_di(op.name, &s, dir.path()),
        ) {
            Err(e @ (Error::Database { .. } | Error::Schema { .. })) => {
                panic!("{} on a reader: {e}", op.name)
            }
            _ => provate += 1,
        }
    }
    assert!(provate >= 35, "{provate} read-only operations");
    // …which is what a write on it would get: the check above can fail.
    let scrive = sportello::dispatch(
        &lettore,
        &w.ctx(),
        "update_servizio",
        json!({"id": s, "dati": dati}),
    );
    assert!(matches!(scrive, Err(Error::Database { .. })), "{scrive:?}");
    let copie = sportello::dispatch(&lettore, &w.ctx(), "list_copie", json!({})).unwrap();
    assert!(
        !copie.value.as_array().unwrap().is_empty(),
        "crea_copia made its copy from the reader"
    );
    assert!(dir.path().join("r.pdf").exists() && dir.path().join("tabelle").is_dir());
    assert!(!sportello::commands::legge_soltanto("update_servizio"));
    assert!(!sportello::commands::legge_soltanto("nessuna_operazione"));
}

/// The indicators of a file read the presences on a second connection,
/// beside the enrolments: the counts are the register's.
#[test]
fn indicators_of_a_file_read_on_two_connections() {
    let (_dir, _path, w) = mondo();
    let (s, d) = w.servizio_con_iscritti();
    let una = w.incontro_input(&s, "2026-01-05", &[&d[0]]);
    w.ok("create_incontro", una);
    let entrambe = w.incontro_input(&s, "2026-01-12", &[&d[0], &d[1]]);
    w.ok("create_incontro", entrambe);
    let x = w.ok("calcola_indicatori", json!({}));
    assert_eq!(x["totale"]["incontri"], 2);
    assert_eq!(x["destinatari"]["totale"], 2);
    let x = w.ok("calcola_indicatori", json!({"al": "2026-01-05"}));
    assert_eq!(x["destinatari"]["totale"], 1);
}

/// The CSV tables of a file (a database in memory has one connection; a file
/// takes the path that reads the presences on a second connection, beside
/// the other tables): every file is written, in order, the presences whole.
#[test]
fn csv_tables_of_a_file_read_on_two_connections() {
    let (dir, _path, w) = mondo();
    let (s, d) = w.servizio_con_iscritti();
    let mut una = w.incontro_input(&s, "2026-01-05", &[&d[0], &d[1]]);
    una["presenze"] = json!([{"destinatario_id": d[0], "presente": true},
                             {"destinatario_id": d[1], "presente": false}]);
    w.ok("create_incontro", una);
    let cartella = dir.path().join("tabelle");
    let out = w.ok(
        "scrivi_tabelle",
        json!({"formato": "csv", "cartella": cartella.display().to_string()}),
    );
    let tabelle = out["tabelle"].as_array().unwrap();
    let nomi: Vec<&str> = tabelle
        .iter()
        .map(|t| t["tabella"].as_str().unwrap())
        .collect();
    let attesi: Vec<&str> = sportello::tabelle::TABELLE.iter().map(|t| t.nome).collect();
    assert_eq!(nomi, attesi, "in the documented order");
    let presenze = tabelle.iter().find(|t| t["tabella"] == "presenze").unwrap();
    assert_eq!(presenze["righe"], 2);
    let testo = std::fs::read_to_string(cartella.join("presenze.csv")).unwrap();
    assert_eq!(testo.lines().count(), 3);
    assert_eq!(testo.matches(";Sì;").count(), 1, "one present: {testo}");
}
