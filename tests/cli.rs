//! The `sportello` command line reaches the same functions as the UI, with
//! the exit codes the README promises: 0 done, 1 a rule refused, 2 bad usage or I/O.

#[path = "scansione/mod.rs"]
mod scansione;

use std::process::Command;

/// The first coordinatore `init` creates, and who the other commands log in as.
const LOGIN: [(&str, &str); 2] = [
    ("SPORTELLO_UTENTE", "coordinatore"),
    ("SPORTELLO_PASSWORD", "password di prova"),
];

/// The database as the tests' coordinatore opens it (it is encrypted).
fn apri(db: &std::path::Path) -> sportello::Store {
    sportello::accesso::apri(db, LOGIN[0].1, LOGIN[1].1)
        .expect("opens")
        .0
}

fn sportello(db: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .envs(LOGIN)
        .arg("--db")
        .arg(db)
        .args(["--oggi", "2026-03-02"])
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// A temporary folder holding `s.db`, made by `init` and filled by `demo`.
fn con_demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(sportello(&db, &["init"]).0, 0);
    assert_eq!(sportello(&db, &["demo"]).0, 0);
    (dir, db)
}

/// The servizi as `call list_servizi` prints them, and the first one's id.
fn list_servizi(db: &std::path::Path) -> (serde_json::Value, String) {
    let (_, out) = sportello(db, &["call", "list_servizi", "{}"]);
    let servizi: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = servizi["value"][0]["id"].as_str().unwrap().to_owned();
    (servizi, id)
}

#[test]
fn call_runs_an_operation_and_rule_errors_exit_1_with_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let (code, out) = sportello(&db, &["init"]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = sportello(
        &db,
        &[
            "call",
            "create_rt",
            r#"{"nome": "RT Biella", "territorio": "Biella"}"#,
        ],
    );
    assert_eq!(code, 0, "{out}");
    let rt: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rt["value"]["territorio"], "Biella");

    let (code, out) = sportello(
        &db,
        &[
            "call",
            "create_ente_attuatore",
            r#"{"nome": "Ente", "catalogo": "piemonte-oop"}"#,
        ],
    );
    assert_eq!(code, 0, "{out}");
    let ente: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ente_id = ente["value"]["id"].as_str().unwrap();
    let modello = format!(
        r#"{{"ente_attuatore_id": "{ente_id}", "titolo": "M", "anno_scolastico": "2025/26"}}"#
    );
    let (code, out) = sportello(&db, &["call", "create_modello", &modello]);
    assert_eq!(code, 1, "{out}");
    let err: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(err["kind"], "regole");
    let codes: Vec<&str> = err["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["MOD-01", "MOD-03", "MOD-04"]);
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(sportello(&db, &["call", "nessuna_operazione"]).0, 2);
    assert_eq!(sportello(&db, &["call", "create_rt", "{non json"]).0, 2);
    assert_eq!(
        sportello(&db, &["call", "create_rt", r#"{"nome": 3}"#]).0,
        2
    );
}

#[test]
fn demo_fills_a_year_that_check_and_scadenze_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    // Only init creates a database: a mistyped path is not a new, empty one.
    let (code, out) = sportello(&db, &["demo"]);
    assert_eq!(code, 2, "{out}");
    assert!(!db.exists());
    assert_eq!(sportello(&db, &["init"]).0, 0);
    let (code, out) = sportello(&db, &["demo"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("servizi"), "{out}");
    // A second demo on a filled database is refused and changes nothing.
    assert_eq!(sportello(&db, &["demo"]).0, 2);
    let (code, out) = sportello(&db, &["check", "--json"]);
    assert_eq!(code, 0, "{out}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    // The demo obeys the rules: no blocking finding anywhere.
    assert!(findings.iter().all(|f| f["severity"] != "errore"), "{out}");
    let (code, out) = sportello(&db, &[]);
    assert_eq!(code, 0);
    assert!(out.contains("Incontri:"), "{out}");
}

#[test]
fn registers_print_one_by_one_and_in_batch() {
    let (dir, db) = con_demo();
    let (servizi, id) = list_servizi(&db);
    let one = dir.path().join("uno.pdf");
    let registro = |variante: &str| {
        let uno = one.to_str().unwrap();
        sportello(
            &db,
            &[
                "registro",
                "--servizio",
                &id,
                "--variante",
                variante,
                "--out",
                uno,
            ],
        )
    };
    let (code, out) = registro("dopo");
    assert_eq!(code, 0, "{out}");
    assert!(std::fs::read(&one).unwrap().starts_with(b"%PDF"));
    let folder = dir.path().join("registri");
    let (code, out) = sportello(
        &db,
        &[
            "registri",
            // The demo's paths over three school years began two years back.
            "--dal",
            "2023-09-01",
            "--al",
            "2026-08-31",
            "--out",
            folder.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        servizi["value"].as_array().unwrap().len()
    );
    let (code, _) = registro("durante");
    assert_eq!(code, 2, "an unknown variant is bad usage");
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(sportello(&db, &["init"]).0, 0);
    // The reader is gone before anything is written (`sportello operazioni | head -0`).
    let (lettore, scrittore) = std::io::pipe().unwrap();
    drop(lettore);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_sportello"))
        .arg("--db")
        .arg(&db)
        .arg("operazioni")
        .stdout(scrittore)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141), "{stderr}");
}

#[test]
fn usage_mistakes_and_help_are_in_italian() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_sportello"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    for (args, atteso) in [
        (&["nonesiste"][..], "Comando sconosciuto «nonesiste»"),
        (&["registro", "--servizio"][..], "--servizio"),
        (&["--oggi", "ieri", "check"][..], "Valore «ieri» non valido"),
        (&["check", "--boh"][..], "Argomento sconosciuto «--boh»"),
    ] {
        let (code, testo) = run(args);
        assert_eq!(code, Some(2), "{args:?}: {testo}");
        assert!(testo.contains(atteso), "{args:?}: {testo}");
        for inglese in ["Usage", "error:", "For more information", "unexpected"] {
            assert!(!testo.contains(inglese), "{args:?}: {testo}");
        }
    }
    let (code, aiuto) = run(&["registro", "--help"]);
    assert_eq!(code, Some(0));
    assert!(
        aiuto.contains("Uso: sportello registro") && aiuto.contains("Opzioni:"),
        "{aiuto}"
    );
    assert!(
        !aiuto.contains("Usage") && !aiuto.contains("Print help") && !aiuto.contains("[default"),
        "{aiuto}"
    );
}

#[test]
fn a_copy_puts_the_database_back_and_keeps_what_it_replaced() {
    let (dir, db) = con_demo();
    let conta = || -> i64 {
        apri(&db)
            .read()
            .query_row("SELECT COUNT(*) FROM destinatario", [], |r| r.get(0))
            .unwrap()
    };
    let prima = conta();
    let (code, out) = sportello(&db, &["copia"]);
    assert_eq!(code, 0, "{out}");
    let copia = std::fs::read_dir(dir.path().join("copie"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .expect("a copy");
    apri(&db)
        .read()
        .execute_batch("DELETE FROM presenza; DELETE FROM iscrizione; DELETE FROM destinatario;")
        .unwrap();
    assert_eq!(conta(), 0);
    let (code, out) = sportello(&db, &["ripristina", copia.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(conta(), prima);
    let (_, elenco) = sportello(&db, &["copie"]);
    assert!(
        elenco.contains("prima del ripristino") && elenco.contains("a mano"),
        "{elenco}"
    );
    // A file that is not a copy is refused, and the database stays.
    let finto = dir.path().join("finto.db");
    std::fs::write(&finto, b"niente").unwrap();
    assert_eq!(
        sportello(&db, &["ripristina", finto.to_str().unwrap()]).0,
        2
    );
    assert_eq!(conta(), prima);
}

#[test]
fn signed_registers_are_read_back_with_a_preview_first() {
    let (dir, db) = con_demo();
    let (_, id) = list_servizi(&db);
    let pdf = dir.path().join("r.pdf");
    let (code, out) = sportello(
        &db,
        &[
            "registro",
            "--servizio",
            &id,
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}");
    let pagina = scansione::rasterizza(&std::fs::read(&pdf).unwrap(), 150).swap_remove(0);
    let png = dir.path().join("p.png");
    std::fs::write(&png, scansione::png(&pagina)).unwrap();
    let png = png.to_str().unwrap();
    let (code, out) = sportello(&db, &["leggi-registri", png, "--anteprima", "--json"]);
    assert_eq!(code, 0, "{out}");
    let esito: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(esito["piano"]["pagine"][0]["stato"], "letta", "{out}");
    assert_eq!(esito["applicato"], false);
    // Nothing signed: every box read blank, none doubtful.
    assert!(
        esito["piano"]["firme"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["presente"] == false && f["dubbia"] == false)
    );
    let (code, out) = sportello(&db, &["leggi-registri", png, pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("non è una scansione"), "{out}");
    assert!(out.contains("Registrate "), "{out}");
    let (code, _) = sportello(&db, &["leggi-registri"]);
    assert_eq!(code, 2, "no file is bad usage");
}
