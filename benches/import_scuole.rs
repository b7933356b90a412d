//! Import of a whole-Italy schools registry (~60,000 rows in the ministry's
//! format): plan + apply on an empty database (target ≤ 2 s), then the same
//! file again (nothing to write). Run: cargo bench --bench import_scuole

use sportello::accesso::chiavi::Chiave;
use sportello::commands::importa::{ImportaScuole, importa_scuole};
use sportello::import::scuole::Filtro;
use sportello::{Ctx, Source, Store};
use std::fmt::Write;
use std::time::Instant;

const ISTITUTI: usize = 8_000;
const PLESSI: usize = 7; // per istituto, besides itself: 64,000 rows in all

fn file() -> String {
    let mut s = String::from(
        "ANNOSCOLASTICO,AREAGEOGRAFICA,REGIONE,PROVINCIA,CODICEISTITUTORIFERIMENTO,DENOMINAZIONEISTITUTORIFERIMENTO,\
         CODICESCUOLA,DENOMINAZIONESCUOLA,INDIRIZZOSCUOLA,CAPSCUOLA,CODICECOMUNESCUOLA,DESCRIZIONECOMUNE,\
         DESCRIZIONECARATTERISTICASCUOLA,DESCRIZIONETIPOLOGIAGRADOISTRUZIONESCUOLA,INDICAZIONESEDEDIRETTIVO,\
         INDICAZIONESEDEOMNICOMPRENSIVO,INDIRIZZOEMAILSCUOLA,INDIRIZZOPECSCUOLA,SITOWEBSCUOLA\n",
    );
    let regioni = [
        "PIEMONTE",
        "LOMBARDIA",
        "VENETO",
        "TOSCANA",
        "LAZIO",
        "CAMPANIA",
        "PUGLIA",
        "SICILIA",
    ];
    for i in 0..ISTITUTI {
        let regione = regioni[i % regioni.len()];
        let principale = format!("TOIC{i:06}");
        for p in 0..=PLESSI {
            let codice = if p == 0 {
                principale.clone()
            } else {
                format!("TOMM{:05}{p}", i)
            };
            writeln!(
                s,
                "202526,NORD,{regione},PROVINCIA {i},{principale},IC NUMERO {i},{codice},SCUOLA {codice},\"VIA ROMA, {p}\",10100,L219,COMUNE {i},NORMALE,SCUOLA PRIMO GRADO,NO,NO,{codice}@istruzione.it,Non Disponibile,Non Disponibile"
            )
            .unwrap();
        }
    }
    s
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("SCUANAGRAFESTAT20252620250901.csv");
    std::fs::write(&path, file()).unwrap();
    let ctx = Ctx::new(
        Source::Import,
        chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
    );
    let input = |applica| ImportaScuole {
        percorso: path.display().to_string(),
        filtro: Filtro::default(),
        applica,
    };
    let (mut first, mut again) = (Vec::new(), Vec::new());
    let mut rows = 0;
    for run in 0..3 {
        let store = Store::open(
            &dir.path().join(format!("run{run}.db")),
            &Chiave::nuova().unwrap(),
        )
        .unwrap();
        let t = Instant::now();
        let e = importa_scuole(&store, &ctx, input(true)).unwrap().value;
        first.push(t.elapsed().as_secs_f64());
        rows = e.nuove;
        let t = Instant::now();
        let e = importa_scuole(&store, &ctx, input(true)).unwrap().value;
        again.push(t.elapsed().as_secs_f64());
        assert_eq!(e.nuove + e.aggiornate, 0);
    }
    println!("schools registry, {rows} rows (3 runs, fresh file database each)");
    println!(
        "  plan + apply into an empty database: median {:>6.0} ms (target ≤ 2000 ms)",
        median(first) * 1e3
    );
    println!(
        "  the same file again (all unchanged):  median {:>6.0} ms",
        median(again) * 1e3
    );
}
