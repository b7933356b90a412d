//! Two writers at once on one database file (two windows, or a window and the
//! command line): the rules that read the database are checked inside the
//! write transaction, so neither INC-08 nor DES-05 can be slipped past.

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
