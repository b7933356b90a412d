//! A region's school year (`regione/`: 2.29 M rows). Prints
//! - the bulk load through the store (its insert functions, change log, one
//!   transaction) against plain prepared inserts of the same rows, in rows/s;
//! - `run_checks` and `list_scadenze` over the whole database;
//! - `calcola_indicatori` over the year (median of 5), `scrivi_tabelle` as CSV (year) and xlsx (a month);
//! - p50/p95 of create_incontro with 25 presences, close_incontro, and a search of
//!   destinatari by a 3-letter prefix, through the command functions.
//!
//! Run: cargo bench --bench region_year
//! (`SPORTELLO_BENCH_DB=FILE` writes the loaded database to FILE and stops.)

#[path = "regione/mod.rs"]
mod regione;

use chrono::NaiveDate;
use regione::{Base, COGNOMI, ORIENTATORI, Rows};
use sportello::accesso::{NuovoUtente, chiavi};
use sportello::commands::{self, PerId, destinatari::Cerca};
use sportello::domain::{IncontroDati, Luogo, Ruolo, UtenteDati};
use sportello::{Ctx, Store};
use std::path::Path;
use std::time::Instant;

fn percentiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2] * 1e3, v[v.len() * 95 / 100] * 1e3)
}

/// A database as a desk makes it, with its key file and a first coordinatore,
/// so the window can log in to a kept copy (e2e/misura.js uses the tests' login).
fn nuovo_database(db: &Path, ctx: &Ctx) -> Store {
    let primo = NuovoUtente {
        password: "password di prova".into(),
        dati: UtenteDati {
            nome_utente: "coordinatore".into(),
            nome: "Coordinatore del banco di prova".into(),
            ruolo: Ruolo::Coordinatore,
            orientatore_id: None,
            attivo: true,
        },
    };
    sportello::accesso::crea(db, &primo, ctx.oggi)
        .unwrap()
        .store
}

/// `SPORTELLO_BENCH_DB=FILE`: the loaded database (and its key file) kept for
/// the window's measurement (e2e/misura.js).
fn conserva(store: &Store, db: &Path, out: &str) {
    let _ = std::fs::remove_file(out);
    store.read().execute("VACUUM INTO ?1", [out]).unwrap();
    std::fs::copy(chiavi::percorso(db), chiavi::percorso(Path::new(out))).unwrap();
}

/// The same year loaded by plain prepared statements into a database of its
/// own (its small tables through the commands, as the store's); seconds.
fn carica_a_mano(dir: &Path, store: &Store, ctx: &Ctx) -> f64 {
    let file = dir.join("plain.db");
    let chiave = store.chiave().unwrap().clone();
    let plain_store = Store::open(&file, &chiave).unwrap();
    let r = regione::rows(&regione::base(&plain_store, ctx));
    drop(plain_store);
    let mut plain =
        sportello::store::connessione(&file, &chiave, rusqlite::OpenFlags::default()).unwrap();
    let t = Instant::now();
    regione::load_plain(&mut plain, &r, ctx.oggi);
    let secondi = t.elapsed().as_secs_f64();
    // The same rows: the baseline's search keys are the store's.
    let chiavi = |c: &rusqlite::Connection| -> Vec<(String, String)> {
        let mut st = c
            .prepare(
                "SELECT codice_fiscale, chiave_cognome FROM destinatario ORDER BY codice_fiscale",
            )
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(
        chiavi(&plain) == chiavi(store.read()),
        "the baseline's rows differ from the store's"
    );
    secondi
}

fn controlli(store: &Store, ctx: &Ctx) {
    let t = Instant::now();
    let findings = commands::check::run_checks(store, ctx, commands::Nulla {})
        .unwrap()
        .value;
    println!(
        "run_checks over the whole database: {:.2} s, {} findings (target ≤ 2 s)",
        t.elapsed().as_secs_f64(),
        findings.len()
    );
    let t = Instant::now();
    let s = commands::check::list_scadenze(store, ctx, Default::default())
        .unwrap()
        .value;
    println!(
        "list_scadenze: {:.0} ms, {} entries",
        t.elapsed().as_secs_f64() * 1e3,
        s.voci.len()
    );
}

/// The indicators over the year (docs/indicatori.md).
fn indicatori(store: &Store, ctx: &Ctx) {
    // One run is at the mercy of the machine's other work: the median of five.
    let mut tempi = Vec::new();
    let mut x = sportello::indicatori::Indicatori::default();
    for _ in 0..5 {
        let t = Instant::now();
        x = commands::indicatori::calcola_indicatori(store, ctx, Default::default())
            .unwrap()
            .value;
        tempi.push(t.elapsed().as_secs_f64());
    }
    let (mediana_ms, _) = percentiles(tempi.clone());
    println!(
        "calcola_indicatori, whole year: median {:.2} s of 5 ({}; {} destinatari reached, {} incontri; target ≤ 1 s)",
        mediana_ms / 1e3,
        tempi
            .iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(" "),
        x.destinatari.totale,
        x.totale.incontri
    );
}

/// The regional files (docs/tabelle.md).
fn file_regionali(store: &Store, ctx: &Ctx, dir: &Path) {
    let novembre = (
        NaiveDate::from_ymd_opt(2025, 11, 1),
        NaiveDate::from_ymd_opt(2025, 11, 30),
    );
    for (formato, (dal, al)) in [
        (sportello::tabelle::Formato::Csv, (None, None)),
        (sportello::tabelle::Formato::Xlsx, novembre),
    ] {
        let cartella = dir
            .join(format!("tabelle-{formato:?}"))
            .display()
            .to_string();
        let t = Instant::now();
        let input = commands::tabelle::ScriviTabelle {
            ambito: sportello::store::ambito::Ambito {
                dal,
                al,
                ..Default::default()
            },
            formato,
            cartella,
        };
        let s = commands::tabelle::scrivi_tabelle(store, ctx, input)
            .unwrap()
            .value;
        let righe: u32 = s.tabelle.iter().map(|t| t.righe).sum();
        let quando = if dal.is_some() {
            "November"
        } else {
            "whole year"
        };
        println!(
            "scrivi_tabelle {formato:?} {quando}: {:.2} s, {righe} rows",
            t.elapsed().as_secs_f64()
        );
    }
}

/// A new incontro of the k-th sample: a fresh orientatore per six samples,
/// two-hour slots, so samples never overlap (INC-08).
fn incontro(b: &Base, r: &Rows, k: usize) -> IncontroDati {
    let (servizio, _, iscritti) = &r.servizi[k * 37 % r.servizi.len()];
    let ora = |h| regione::ora(h) + chrono::Duration::minutes(k as i64 % 6 * 120);
    let data = NaiveDate::from_ymd_opt(2026, 5, 18).unwrap();
    let luogo = Luogo {
        ente_id: None,
        sede_id: Some(b.sede),
        descrizione: None,
    };
    let orientatore = b.orientatori[(k / 6) % ORIENTATORI];
    regione::incontro(
        *servizio,
        data,
        (ora(7), ora(8)),
        orientatore,
        luogo,
        iscritti,
    )
}

/// Latencies through the command functions, on the loaded database.
fn latenze(store: &Store, ctx: &Ctx, b: &Base, r: &Rows) {
    let (mut create, mut close, mut search) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..200 {
        let t = Instant::now();
        let inc = commands::incontri::create_incontro(store, ctx, incontro(b, r, k))
            .unwrap()
            .value;
        create.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        commands::incontri::close_incontro(store, ctx, PerId { id: inc.id }).unwrap();
        close.push(t.elapsed().as_secs_f64());
        let cerca = Cerca {
            testo: COGNOMI[k % 20][..3].into(),
            limite: Some(50),
        };
        let t = Instant::now();
        let found = commands::destinatari::search_destinatari(store, ctx, cerca)
            .unwrap()
            .value;
        search.push(t.elapsed().as_secs_f64());
        assert!(!found.is_empty());
    }
    for (name, v) in [
        ("create_incontro (25 presences)", create),
        ("close_incontro", close),
        ("search 3-letter prefix", search),
    ] {
        let (p50, p95) = percentiles(v);
        println!("{name:<32} p50 {p50:>6.2} ms  p95 {p95:>6.2} ms (target p95 ≤ 20 ms)");
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = regione::ctx();
    let t = Instant::now();
    let db = dir.path().join("sportello.db");
    let store = nuovo_database(&db, &ctx);
    let b = regione::base(&store, &ctx);
    let r = regione::rows(&b);
    let n = regione::count_rows(&r);
    println!(
        "region year: {} schools, {} interventi, {} servizi, {} incontri, {} destinatari, {} presences ({n} bulk rows; generated in {:.1} s)",
        b.scuole.len(),
        b.interventi.len(),
        r.servizi.len(),
        r.incontri.len(),
        r.destinatari.len(),
        r.incontri.iter().map(|i| i.1.presenze.len()).sum::<usize>(),
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    regione::load_store(&store, &ctx, &r);
    let ours = t.elapsed().as_secs_f64();
    if let Some(out) = std::env::var_os("SPORTELLO_BENCH_DB") {
        let out = out.to_string_lossy().into_owned();
        conserva(&store, &db, &out);
        println!("database written to {out} in {ours:.1} s of loading");
        return;
    }
    let theirs = carica_a_mano(dir.path(), &store, &ctx);
    println!(
        "bulk load through the store: {:>9.0} rows/s ({ours:.1} s)",
        n as f64 / ours
    );
    println!(
        "plain prepared inserts:      {:>9.0} rows/s ({theirs:.1} s)",
        n as f64 / theirs
    );
    println!(
        "ratio store / plain: {:.2}× slower (target ≤ 2×)",
        ours / theirs
    );

    controlli(&store, &ctx);
    indicatori(&store, &ctx);
    file_regionali(&store, &ctx, dir.path());
    latenze(&store, &ctx, &b, &r);
}
