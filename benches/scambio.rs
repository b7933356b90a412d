//! The exchange on a region's school year (the database of `regione/`,
//! 2.29M rows). Prints the full export (time, size), the merge of that file
//! into an empty office database, and an incremental export after changing 1%
//! of the servizi (time, size against the full one), then its merge. Beside
//! each, how far the process's resident memory rose above what it held
//! before (Linux's peak RSS, reset before each step).
//!
//! Run: cargo bench --bench scambio

#[allow(dead_code)]
#[path = "regione/mod.rs"]
mod regione;

use sportello::accesso::chiavi::Chiave;
use sportello::commands::{self, Modifica, Nulla, scambio};
use sportello::{Ctx, Store, store};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Resets the process's peak resident memory to what it holds now.
fn azzera_picco() -> u64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    memoria("VmRSS")
}

/// The growth of the peak resident memory since `base` (MB).
fn crescita(base: u64) -> f64 {
    memoria("VmHWM").saturating_sub(base) as f64 / 1024.0
}

/// A line of /proc/self/status, in kB (0 where it cannot be read).
fn memoria(voce: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(voce)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn esporta(desk: &Store, ctx: &Ctx, path: &std::path::Path, completo: bool) -> (f64, u64, usize) {
    let t = Instant::now();
    let e = scambio::esporta(
        desk,
        ctx,
        scambio::Esporta {
            percorso: path.display().to_string(),
            completo,
            destinazione: None,
        },
    )
    .unwrap()
    .value;
    (t.elapsed().as_secs_f64(), e.byte, e.voci)
}

fn unisci(office: &Store, ctx: &Ctx, path: &std::path::Path) -> f64 {
    let t = Instant::now();
    let u = scambio::Unisci {
        percorso: path.display().to_string(),
        conferma: sportello::commands::Conferma::applica_se(true),
    };
    let p = scambio::unisci(office, ctx, u).unwrap().value.piano;
    assert!(p.conflitti.is_empty());
    t.elapsed().as_secs_f64()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = regione::ctx();
    let t = Instant::now();
    let chiave = Chiave::nuova().unwrap();
    let desk = Store::open(&dir.path().join("sportello.db"), &chiave).unwrap();
    let b = regione::base(&desk, &ctx);
    let r = regione::rows(&b);
    regione::load_store(&desk, &ctx, &r);
    println!(
        "region year loaded: {} bulk rows in {:.1} s",
        regione::count_rows(&r),
        t.elapsed().as_secs_f64()
    );
    let office = Store::open(&dir.path().join("ufficio.db"), &chiave).unwrap();
    let chiave = scambio::genera_chiavi_ufficio(&office, &ctx, Nulla {})
        .unwrap()
        .value;
    scambio::imposta_ufficio(&desk, &ctx, chiave).unwrap();

    let full = dir.path().join("completo.sportello");
    let base = azzera_picco();
    let runs: Vec<(f64, u64, usize)> = (0..3).map(|_| esporta(&desk, &ctx, &full, true)).collect();
    let (size, voci) = (runs[0].1, runs[0].2);
    println!(
        "full export: median {:.2} s of 3 ({:?}), {:.1} MB, {voci} records (target ≤ 10 s); memory +{:.0} MB",
        median(runs.iter().map(|r| r.0).collect()),
        runs.iter()
            .map(|r| format!("{:.2}", r.0))
            .collect::<Vec<_>>(),
        size as f64 / 1e6,
        crescita(base)
    );
    let base = azzera_picco();
    let secs = unisci(&office, &ctx, &full);
    println!(
        "merge into an empty office: {secs:.2} s (target ≤ 20 s); memory +{:.0} MB",
        crescita(base)
    );

    // 1% of the servizi change at the desk.
    let n = r.servizi.len() / 100;
    for (id, _, _) in r.servizi.iter().step_by(100).take(n) {
        let mut s = store::servizi::get(desk.read(), *id).unwrap();
        s.dati.titolo.push_str(" (rivisto)");
        commands::servizi::update_servizio(
            &desk,
            &ctx,
            Modifica {
                id: *id,
                dati: s.dati,
            },
        )
        .unwrap();
    }
    let inc = dir.path().join("incrementale.sportello");
    let (secs, bytes, voci) = esporta(&desk, &ctx, &inc, false);
    println!(
        "incremental export after changing {n} servizi: {secs:.3} s, {:.1} kB, {voci} records = {:.2}% of the full size (target ≤ 5%)",
        bytes as f64 / 1e3,
        bytes as f64 * 100.0 / size as f64
    );
    println!(
        "merge of the incremental: {:.3} s",
        unisci(&office, &ctx, &inc)
    );
}
