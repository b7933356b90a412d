//! The command surface: `sportello::dispatch` on fuzzed JSON, over a small
//! world (an ente attuatore with sede and orientatori, a school with a
//! plesso, an active intervento, a servizio with two iscritti and two
//! incontri, the office's keys), built once per process in an in-memory store.
//!
//! Input: one or more `[selector byte][JSON value]` records, back to back (at
//! most `MAX_OPS`; a number needs whitespace after it). The selector picks
//! `OPERATIONS[byte % OPERATIONS.len()]`; a lone `[byte][JSON]` is one call.
//! A JSON string `"@N"` stands for the N-th remembered id: 0–17 are the
//! world's (see `mondo.rs`), then the ids returned by this input's own calls.
//!
//! Every input runs inside one transaction that is rolled back afterwards, so
//! each input starts from the same world and a crash reproduces alone.
//!
//! Files: any `percorso`/`cartella` string anywhere in the input is replaced
//! by a path inside this process's private temporary folder (its last three
//! components, each reduced to `[A-Za-z0-9._-]`, never `.` or `..`)
//! (emptied after each input that used it), and the operations that take a
//! path are refused any input but an object (a JSON array would fill their
//! fields by position): nothing is read or written outside that folder.
#![no_main]

mod mondo;

use libfuzzer_sys::fuzz_target;
use mondo::{id_di, sostituisci};
use serde_json::Value;
use sportello::{Ctx, OPERATIONS, Store, dispatch};
use std::cell::RefCell;
use std::path::Path;

const MAX_OPS: usize = 8;

/// Operations whose input names a file or a folder.
const FILE_OPS: &[&str] = &[
    "importa_destinatari",
    "importa_scuole",
    "stampa_registro",
    "stampa_registri",
    "modello_excel",
    "scrivi_tabelle",
    "calcola_indicatori",
    "esporta",
    "unisci",
];
const PATH_KEYS: &[&str] = &["percorso", "cartella"];

struct Mondo {
    store: Store,
    ctx: Ctx,
    ids: Vec<String>,
    dir: tempfile::TempDir,
}

/// A path for `s` inside `dir`: its last three components, each only
/// `[A-Za-z0-9._-]`, none `.` or `..`.
fn dentro(dir: &Path, s: &str) -> String {
    let parti: Vec<String> = s
        .split(['/', '\\'])
        .map(|p| {
            p.chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .take(40)
                .collect::<String>()
        })
        .filter(|p| !p.is_empty() && !p.chars().all(|c| c == '.'))
        .collect();
    let mut p = dir.to_path_buf();
    if parti.is_empty() {
        p.push("x");
    }
    for parte in &parti[parti.len().saturating_sub(3)..] {
        p.push(parte);
    }
    p.display().to_string()
}

/// Points every path of the input into `dir`; true when there was one.
fn reindirizza(v: &mut Value, dir: &Path) -> bool {
    let mut trovato = false;
    match v {
        Value::Array(a) => {
            for e in a {
                trovato |= reindirizza(e, dir);
            }
        }
        Value::Object(o) => {
            for (k, e) in o.iter_mut() {
                if PATH_KEYS.contains(&k.as_str()) {
                    trovato = true;
                    if let Value::String(s) = e {
                        *s = dentro(dir, s);
                    }
                } else {
                    trovato |= reindirizza(e, dir);
                }
            }
        }
        _ => {}
    }
    trovato
}

fn svuota(dir: &Path) {
    if let Ok(voci) = std::fs::read_dir(dir) {
        for v in voci.flatten() {
            let p = v.path();
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

fn crea_mondo() -> Mondo {
    let store = Store::open_in_memory().expect("in-memory store");
    let ids = mondo::crea(&store);
    let ctx = mondo::ctx(&ids);
    let dir = tempfile::Builder::new()
        .prefix("sportello-fuzz-comando")
        .tempdir()
        .expect("temp dir");
    Mondo {
        store,
        ctx,
        ids,
        dir,
    }
}

/// `SPORTELLO_FUZZ_TRACE=1`: print each call and its outcome (to run an input by hand).
fn traccia() -> bool {
    static T: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *T.get_or_init(|| std::env::var_os("SPORTELLO_FUZZ_TRACE").is_some())
}

thread_local! {
    static MONDO: RefCell<Option<Mondo>> = const { RefCell::new(None) };
}

fn esegui(m: &Mondo, data: &[u8]) -> bool {
    let mut ids = m.ids.clone();
    let mut file = false;
    let mut pos = 0;
    let mut n = 0;
    while pos < data.len() && n < MAX_OPS {
        let op = &OPERATIONS[data[pos] as usize % OPERATIONS.len()];
        pos += 1;
        let mut it = serde_json::Deserializer::from_slice(&data[pos..]).into_iter::<Value>();
        let Some(Ok(mut input)) = it.next() else {
            break;
        };
        // The next selector follows the value directly.
        pos += it.byte_offset();
        n += 1;
        if FILE_OPS.contains(&op.name) && !(input.is_object() || input.is_null()) {
            if traccia() {
                eprintln!("[comando] {} skipped: input not an object", op.name);
            }
            continue;
        }
        sostituisci(&mut input, &ids);
        file |= reindirizza(&mut input, m.dir.path());
        if traccia() {
            eprintln!("[comando] {} {input}", op.name);
        }
        match dispatch(&m.store, &m.ctx, op.name, input) {
            Ok(out) => {
                if traccia() {
                    let v = out.value.to_string();
                    eprintln!("[comando]   ok: {}", &v[..v.floor_char_boundary(300)]);
                }
                if let Some(id) = id_di(&out.value) {
                    ids.push(id);
                }
                std::hint::black_box(serde_json::to_vec(&out).ok());
            }
            Err(e) => {
                if traccia() {
                    eprintln!("[comando]   error: {e}");
                }
                std::hint::black_box(e.to_string());
                std::hint::black_box(serde_json::to_vec(&e).ok());
            }
        }
    }
    file
}

fuzz_target!(|data: &[u8]| {
    MONDO.with(|cell| {
        let mut cell = cell.borrow_mut();
        let m = cell.get_or_insert_with(crea_mondo);
        let conn = m.store.read();
        conn.execute_batch("BEGIN").expect("begin the input's transaction");
        let file = esegui(m, data);
        if file {
            svuota(m.dir.path());
        }
        let conn = m.store.read();
        if conn.is_autocommit() {
            // Something ended the input's transaction: start again from a fresh world.
            *cell = None;
        } else {
            conn.execute_batch("ROLLBACK").expect("roll the input back");
        }
    });
});
