//! Participants import of a 10,000-row .xlsx: preview + apply end to end
//! (target ≤ 1 s), against pandas.read_excel (openpyxl) merely reading the
//! same file, measured in the same run (target ≥ 10× faster): in process,
//! and as whole processes (the command line with its login against Python
//! starting, importing pandas and reading).
//! Run: cargo bench --bench import_destinatari

use rust_xlsxwriter::Workbook;
use serde_json::json;
use sportello::accesso::NuovoUtente;
use sportello::accesso::chiavi::Chiave;
use sportello::codice_fiscale::{Sesso, compute};
use sportello::commands::importa::{ImportaDestinatari, importa_destinatari};
use sportello::domain::{Ruolo, UtenteDati};
use sportello::import::destinatari::Opzioni;
use sportello::{Ctx, Source, Store, dispatch};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const RIGHE: usize = 10_000;
const RUNS: usize = 5;

fn write_file(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "Codice fiscale",
        "Cognome",
        "Nome",
        "Sesso",
        "Data di nascita",
        "Comune di nascita",
        "E-mail",
        "Telefono",
        "Classe",
        "Sezione",
        "Disabilità",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let cognomi = [
        "Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "Bruno",
    ];
    let nomi = [
        "Anna", "Luca", "Sara", "Marco", "Giulia", "Paolo", "Elena", "Davide", "Chiara", "Matteo",
    ];
    let base = chrono::NaiveDate::from_ymd_opt(2008, 1, 1).unwrap();
    for i in 0..RIGHE {
        let r = i as u32 + 1;
        // Distinct people: surname × name × birth day.
        let (cognome, nome) = (cognomi[i % 10], nomi[(i / 10) % 10]);
        let nascita = base + chrono::Duration::days((i / 100) as i64);
        let sesso = if (i / 10) % 2 == 0 {
            Sesso::F
        } else {
            Sesso::M
        };
        let cf = compute(cognome, nome, sesso, nascita, "L219");
        let cells = [
            cf,
            cognome.to_string(),
            nome.to_string(),
            if sesso == Sesso::F { "F" } else { "M" }.to_string(),
            nascita.format("%d/%m/%Y").to_string(),
            "Torino".into(),
            format!("studente{i}@scuola.example.it"),
            String::new(),
            "3".into(),
            ["A", "B", "C", "D"][i % 4].into(),
            "No".into(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// A database with one OR3 servizio to import into; returns its id.
fn world(store: &Store, ctx: &Ctx) -> String {
    let id = |op: &str, v: serde_json::Value| {
        dispatch(store, ctx, op, v).unwrap().value["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let voce = |l: &str| {
        dispatch(store, ctx, "list_voci", json!({"lista": l}))
            .unwrap()
            .value[0]["id"]
            .clone()
    };
    let ente = id(
        "create_ente_attuatore",
        json!({"nome": "Ente", "catalogo": "piemonte-oop"}),
    );
    let sede = id(
        "create_sede",
        json!({"ente_attuatore_id": ente, "nome": "Sede"}),
    );
    let scuola = id(
        "create_ente",
        json!({"tipo": "scuola", "nome": "IIS Test", "codice_meccanografico": "TOIS00100A"}),
    );
    id(
        "create_servizio",
        json!({"ente_attuatore_id": ente, "codice_azione": "OR3", "titolo": "Seminario", "sede_id": sede,
               "durata_prevista_minuti": 120, "numero_destinatari": RIGHE, "numero_famiglie": 0,
               "anno_scolastico": "2025/26", "target_ids": [voce("target")], "cms_ids": [voce("cms")],
               "ente_ids": [scuola],
               "dati_peculiari": {"titolo_studio": "licenza_media", "condizione_occupazionale": "studente",
                                  "condizione_abitativa": "nessun_disagio"}}),
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Wall seconds of `cmd`, which must succeed.
fn processo(mut cmd: Command) -> f64 {
    let t = Instant::now();
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.elapsed().as_secs_f64()
}

/// The command line, login included, importing into a new database each run.
fn sportello_processo(dir: &Path, file: &Path, ctx: &Ctx, run: usize) -> f64 {
    let db = dir.join(format!("processo{run}.db"));
    let primo = NuovoUtente {
        password: "password di prova".into(),
        dati: UtenteDati {
            nome_utente: "coordinatore".into(),
            nome: "Coordinatore".into(),
            ruolo: Ruolo::Coordinatore,
            orientatore_id: None,
            attivo: true,
        },
    };
    let store = sportello::accesso::crea(&db, &primo, ctx.oggi)
        .unwrap()
        .store;
    let servizio = world(&store, ctx);
    drop(store);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sportello"));
    cmd.env("SPORTELLO_UTENTE", "coordinatore")
        .env("SPORTELLO_PASSWORD", "password di prova")
        .args(["--db".as_ref(), db.as_os_str()])
        .args([
            "importa-destinatari",
            "--servizio",
            &servizio,
            "--oggi",
            "2026-01-20",
        ])
        .arg(file);
    processo(cmd)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("classe.xlsx");
    write_file(&file);
    let ctx = Ctx::new(
        Source::Import,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
    );

    let mut read = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let g = sportello::import::lettura::leggi(&file).unwrap();
        read.push(t.elapsed().as_secs_f64());
        assert_eq!(g.righe.len(), RIGHE + 1);
    }
    let (mut preview, mut full) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        let store = Store::open(
            &dir.path().join(format!("run{run}.db")),
            &Chiave::nuova().unwrap(),
        )
        .unwrap();
        let servizio = world(&store, &ctx);
        let input = |applica| ImportaDestinatari {
            servizio_id: servizio.parse().unwrap(),
            percorso: file.display().to_string(),
            opzioni: Opzioni::default(),
            conferma: sportello::commands::Conferma::applica_se(applica),
        };
        let t = Instant::now();
        let p = importa_destinatari(&store, &ctx, input(false))
            .unwrap()
            .value;
        preview.push(t.elapsed().as_secs_f64());
        assert_eq!(p.piano.nuovi as usize, RIGHE, "every row is new");
        let t = Instant::now();
        let e = importa_destinatari(&store, &ctx, input(true))
            .unwrap()
            .value;
        full.push(t.elapsed().as_secs_f64());
        assert_eq!(e.creati as usize, RIGHE);
    }

    let interi: Vec<f64> = (0..RUNS)
        .map(|run| sportello_processo(dir.path(), &file, &ctx, run))
        .collect();
    let pandas_interi: Vec<f64> = (0..3)
        .filter_map(|_| {
            let mut cmd = Command::new("python3");
            cmd.arg("-c")
                .arg("import sys,pandas; pandas.read_excel(sys.argv[1], engine='openpyxl')")
                .arg(&file);
            cmd.output().ok()?.status.success().then(|| processo(cmd))
        })
        .collect();
    let pandas: Vec<f64> = (0..3)
        .filter_map(|_| {
            let out = std::process::Command::new("python3")
                .arg("-c")
                .arg("import sys,time,pandas; t=time.perf_counter(); pandas.read_excel(sys.argv[1], engine='openpyxl'); print(time.perf_counter()-t)")
                .arg(&file)
                .output()
                .ok()?;
            String::from_utf8_lossy(&out.stdout).trim().parse().ok()
        })
        .collect();

    println!(
        "import of {RIGHE} participants from .xlsx ({RUNS} runs, fresh file database each run)"
    );
    println!(
        "  reading the .xlsx alone (calamine):    median {:>7.1} ms",
        median(read) * 1e3
    );
    println!(
        "  preview only (read + check every row): median {:>7.1} ms",
        median(preview) * 1e3
    );
    let full = median(full);
    println!(
        "  preview + apply, end to end:           median {:>7.1} ms (target ≤ 1000 ms)",
        full * 1e3
    );
    if pandas.is_empty() {
        println!("  pandas.read_excel: not available (pip install pandas openpyxl), no ratio");
    } else {
        let p = median(pandas);
        println!(
            "  pandas.read_excel (openpyxl), read only: median {:>7.1} ms",
            p * 1e3
        );
        println!(
            "  ratio pandas read / Sportello preview+apply: {:.1}× (target ≥ 10×)",
            p / full
        );
    }
    let interi = median(interi);
    println!(
        "  as a whole process, `sportello importa-destinatari` with its login: median {:>7.1} ms",
        interi * 1e3
    );
    if !pandas_interi.is_empty() {
        let p = median(pandas_interi);
        println!(
            "  as a whole process, python3 importing pandas and reading:         median {:>7.1} ms",
            p * 1e3
        );
        println!(
            "  ratio of whole processes: {:.1}× (target ≥ 10×)",
            p / interi
        );
    }
}
