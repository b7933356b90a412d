//! Login, encryption at rest and roles (`domain.md` §8): the database file is
//! noise without a password, each user opens it with their own, and what a
//! user may do follows their role — on the command line and through the
//! command surface alike.

mod common;

use common::World;
use serde_json::json;
use sportello::Error;
use std::path::Path;
use std::process::{Command, Output};

const COORD: (&str, &str) = ("coordinatore", "password di prova");

fn run(db: &Path, login: (&str, &str), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sportello"))
        .env("SPORTELLO_UTENTE", login.0)
        .env("SPORTELLO_PASSWORD", login.1)
        .env_remove("SPORTELLO_RECUPERO")
        .arg("--db")
        .arg(db)
        .args(["--oggi", "2026-03-02"])
        .args(args)
        .output()
        .expect("runs")
}

fn testo(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

fn contiene(hay: &[u8], ago: &str) -> bool {
    hay.windows(ago.len())
        .any(|w| w.eq_ignore_ascii_case(ago.as_bytes()))
}

/// `init` prints the recovery code once: the line after its heading.
fn codice_recupero(init: &Output) -> String {
    let out = String::from_utf8_lossy(&init.stdout);
    let mut righe = out.lines();
    righe.find(|r| r.starts_with("Codice di recupero"));
    righe.next().expect("a recovery code").trim().to_owned()
}

#[test]
fn the_file_is_noise_without_a_password_and_opens_with_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let init = run(&db, COORD, &["init"]);
    assert!(init.status.success(), "{}", testo(&init));
    assert!(codice_recupero(&init).len() >= 20, "{}", testo(&init));
    let demo = run(&db, COORD, &["demo"]);
    assert!(demo.status.success(), "{}", testo(&demo));

    let copia = run(&db, COORD, &["copia"]);
    assert!(copia.status.success(), "{}", testo(&copia));

    // No name, CF or setting readable in the file, its WAL, its key file or its copies.
    let mut bytes = Vec::new();
    for cartella in [dir.path().to_path_buf(), dir.path().join("copie")] {
        for f in std::fs::read_dir(cartella).unwrap().flatten() {
            if f.path().is_file() {
                bytes.extend(std::fs::read(f.path()).unwrap());
            }
        }
    }
    assert!(bytes.len() > 100_000, "the demo and its copy are there");
    for segreto in [
        "Rossetti",
        "SQLite format 3",
        "CREATE TABLE",
        "destinatario",
    ] {
        assert!(!contiene(&bytes, segreto), "«{segreto}» is readable");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [db.clone(), sportello::accesso::chiavi::percorso(&db)] {
            let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", f.display());
        }
    }
    // Plain SQLite cannot read it.
    let plain = rusqlite::Connection::open(&db).unwrap();
    assert!(
        plain
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err()
    );

    let sbagliata = run(&db, ("coordinatore", "non è questa"), &["check"]);
    assert_eq!(sbagliata.status.code(), Some(2));
    assert!(
        testo(&sbagliata).contains("Nome utente o password non corretti."),
        "{}",
        testo(&sbagliata)
    );
    let ignoto = run(&db, ("nessuno", COORD.1), &["check"]);
    assert!(testo(&ignoto).contains("Nome utente o password non corretti."));
    let giusta = run(&db, COORD, &["check"]);
    assert!(giusta.status.success(), "{}", testo(&giusta));
}

#[test]
fn a_new_database_needs_its_first_coordinatore_and_a_real_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let corta = run(&db, ("coordinatore", "corta"), &["init"]);
    assert_eq!(corta.status.code(), Some(2));
    assert!(
        testo(&corta).contains("almeno 8 caratteri"),
        "{}",
        testo(&corta)
    );
    assert!(!db.exists(), "a refused init leaves no file");
    let senza = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .env_remove("SPORTELLO_UTENTE")
        .env("SPORTELLO_PASSWORD", COORD.1)
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(senza.status.code(), Some(2));
    assert!(
        testo(&senza).contains("primo coordinatore"),
        "{}",
        testo(&senza)
    );
}

#[test]
fn an_orientatore_records_but_does_not_coordinate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert!(run(&db, COORD, &["init"]).status.success());
    let demo = run(&db, COORD, &["demo"]);
    assert!(testo(&demo).contains("giulia.rossetti"), "{}", testo(&demo));
    let giulia = ("giulia.rossetti", sportello::commands::demo::DEMO_PASSWORD);

    let legge = run(&db, giulia, &["call", "list_servizi", "{}"]);
    assert!(legge.status.success(), "{}", testo(&legge));
    let utenti = run(&db, giulia, &["call", "list_utenti", "{}"]);
    assert_eq!(utenti.status.code(), Some(2));
    assert!(
        testo(&utenti).contains("spetta a un coordinatore")
            && testo(&utenti).contains("orientatore"),
        "{}",
        testo(&utenti)
    );
    let pdf = dir.path().join("x.pdf");
    let stampa = run(&db, giulia, &["registri", "--out", pdf.to_str().unwrap()]);
    assert_eq!(stampa.status.code(), Some(2), "{}", testo(&stampa));
    assert!(
        testo(&stampa).contains("coordinatore"),
        "{}",
        testo(&stampa)
    );
    assert!(!pdf.exists());
}

#[test]
fn a_deactivated_user_cannot_log_in_and_the_recovery_code_resets_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let init = run(&db, COORD, &["init"]);
    let codice = codice_recupero(&init);
    let nuovo = json!({"nome": "Ugo Neri", "nome_utente": "ugo", "ruolo": "orientatore",
                       "orientatore_id": null, "attivo": true, "password": "ugo ha una password"});
    let creato = run(&db, COORD, &["call", "create_utente", &nuovo.to_string()]);
    assert!(creato.status.success(), "{}", testo(&creato));
    let ugo: serde_json::Value = serde_json::from_slice(&creato.stdout).unwrap();
    let ugo = &ugo["value"];
    assert!(
        run(&db, ("ugo", "ugo ha una password"), &["check"])
            .status
            .success()
    );

    let mut spento = ugo.clone();
    spento["attivo"] = json!(false);
    let m = json!({"id": ugo["id"], "dati": spento});
    let via = run(&db, COORD, &["call", "update_utente", &m.to_string()]);
    assert!(via.status.success(), "{}", testo(&via));
    let dopo = run(&db, ("ugo", "ugo ha una password"), &["check"]);
    assert_eq!(dopo.status.code(), Some(2));
    assert!(testo(&dopo).contains("non corretti"), "{}", testo(&dopo));

    // Password forgotten: the code of the set-up gives a new one.
    let recupero = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .env("SPORTELLO_UTENTE", "coordinatore")
        .env("SPORTELLO_PASSWORD", "la nuova password")
        .env("SPORTELLO_RECUPERO", &codice)
        .arg("--db")
        .arg(&db)
        .arg("recupera")
        .output()
        .unwrap();
    assert!(recupero.status.success(), "{}", testo(&recupero));
    assert!(!run(&db, COORD, &["check"]).status.success());
    assert!(
        run(&db, ("coordinatore", "la nuova password"), &["check"])
            .status
            .success()
    );
    let sbagliato = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .env("SPORTELLO_UTENTE", "coordinatore")
        .env("SPORTELLO_PASSWORD", "ancora un'altra")
        .env("SPORTELLO_RECUPERO", "AAAA-BBBB-CCCC-DDDD-EEEE")
        .arg("--db")
        .arg(&db)
        .arg("recupera")
        .output()
        .unwrap();
    assert_eq!(sbagliato.status.code(), Some(2));
}

#[test]
fn a_plain_database_of_an_older_version_is_encrypted_in_place_with_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let cifrato = dir.path().join("cifrato.db");
    assert!(
        run(&cifrato, ("primo", COORD.1), &["init"])
            .status
            .success()
    );
    assert!(
        run(&cifrato, ("primo", COORD.1), &["demo"])
            .status
            .success()
    );
    let (store, _) = sportello::accesso::apri(&cifrato, "primo", COORD.1).unwrap();
    let conta = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT COUNT(*) FROM destinatario", [], |r| r.get(0))
            .unwrap()
    };
    let prima = conta(store.read());
    // A plain file, as the desks had before encryption.
    let chiaro = dir.path().join("chiaro.db");
    store
        .read()
        .execute(
            "ATTACH DATABASE ?1 AS chiaro KEY ''",
            [chiaro.to_string_lossy()],
        )
        .unwrap();
    store
        .read()
        .query_row("SELECT sqlcipher_export('chiaro')", [], |_| Ok(()))
        .unwrap();
    store
        .read()
        .execute_batch("DETACH DATABASE chiaro")
        .unwrap();
    drop(store);
    // Schema 2: before users existed (and before sedi could close, schema 4,
    // the indicators' index, schema 5, and the scanned pages, schema 6).
    let c = rusqlite::Connection::open(&chiaro).unwrap();
    c.execute_batch(
        "DROP TABLE utente; ALTER TABLE sede DROP COLUMN attivo; DROP INDEX iscrizione_indicatori;
         DROP TABLE scansione_incontro; DROP TABLE scansione;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(c);
    assert!(contiene(&std::fs::read(&chiaro).unwrap(), "Rossetti"));
    assert_eq!(
        sportello::accesso::stato(&chiaro),
        sportello::accesso::StatoDatabase::NonProtetto
    );
    let aperto = run(&chiaro, COORD, &["check"]);
    assert!(
        testo(&aperto).contains("non è ancora cifrato"),
        "{}",
        testo(&aperto)
    );

    let init = run(&chiaro, COORD, &["init"]);
    assert!(init.status.success(), "{}", testo(&init));
    assert!(!contiene(&std::fs::read(&chiaro).unwrap(), "Rossetti"));
    let (store, u) = sportello::accesso::apri(&chiaro, COORD.0, COORD.1).unwrap();
    assert_eq!(conta(store.read()), prima);
    assert_eq!(u.dati.ruolo, sportello::domain::Ruolo::Coordinatore);
}

#[test]
fn users_are_managed_by_a_coordinatore_and_one_always_remains() {
    let mut w = World::new();
    let paola = w
        .ok("list_utenti", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["nome_utente"] == "paola")
        .unwrap()
        .clone();
    let mut spenta = paola.clone();
    spenta["attivo"] = json!(false);
    let e = w
        .call("update_utente", json!({"id": paola["id"], "dati": spenta}))
        .unwrap_err();
    assert!(e.to_string().contains("ultimo coordinatore"), "{e}");
    let mut declassata = paola.clone();
    declassata["ruolo"] = json!("orientatore");
    assert!(
        w.call(
            "update_utente",
            json!({"id": paola["id"], "dati": declassata})
        )
        .is_err()
    );
    let mut rinominata = paola.clone();
    rinominata["nome_utente"] = json!("paola2");
    assert!(
        w.call(
            "update_utente",
            json!({"id": paola["id"], "dati": rinominata})
        )
        .is_err()
    );

    // An orientatore changes their own password, not someone else's, and adds no user.
    w.utente = Some(w.utente_orientatore.clone());
    w.ok(
        "imposta_password",
        json!({"utente_id": w.utente_orientatore, "password": "una nuova password"}),
    );
    let altrui = w.call(
        "imposta_password",
        json!({"utente_id": w.coordinatore, "password": "una nuova password"}),
    );
    assert!(matches!(altrui, Err(Error::Accesso { .. })), "{altrui:?}");
    let nuovo = json!({"nome": "Ugo", "nome_utente": "ugo", "ruolo": "ufficio",
                       "orientatore_id": null, "attivo": true, "password": "lunga abbastanza"});
    assert!(matches!(
        w.call("create_utente", nuovo.clone()),
        Err(Error::Accesso { .. })
    ));
    w.utente = Some(w.coordinatore.clone());
    w.ok("create_utente", nuovo.clone());
    let doppio = w.call("create_utente", nuovo).unwrap_err();
    assert!(doppio.to_string().contains("già in uso"), "{doppio}");

    // The ufficio merges; it does not record the work.
    let ufficio = w
        .ok("list_utenti", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["nome_utente"] == "ugo")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    w.utente = Some(ufficio);
    let scrive = w.call(
        "create_rt",
        json!({"nome": "RT Asti", "territorio": "Asti"}),
    );
    assert!(matches!(scrive, Err(Error::Accesso { .. })), "{scrive:?}");
}

#[test]
fn verifica_database_counts_rows_and_finds_a_broken_reference() {
    let w = World::new();
    let v = w.ok("verifica_database", json!({}));
    assert_eq!(v["integrita"], "ok");
    assert_eq!(v["riferimenti_rotti"], 0);
    assert_eq!(v["righe"]["intervento"], 1);
    assert_eq!(v["righe"]["servizio"], 0);
    // A reference to nothing, as only a damaged file or another tool could leave it.
    w.store
        .read()
        .execute_batch(
            "PRAGMA foreign_keys = OFF; UPDATE intervento SET ente_attuatore_id = 'nessuno'; PRAGMA foreign_keys = ON;",
        )
        .unwrap();
    let v = w.ok("verifica_database", json!({}));
    assert_eq!(v["integrita"], "ok");
    assert_eq!(v["riferimenti_rotti"], 1);
}

#[test]
fn a_damaged_page_is_reported_in_italian_without_sqlciphers_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert!(run(&db, COORD, &["init"]).status.success());
    assert!(run(&db, COORD, &["demo"]).status.success());
    // Page 2 zeroed, as a failing disk would leave it.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[4096..8192].fill(0);
    std::fs::write(&db, bytes).unwrap();
    let o = run(&db, COORD, &["call", "verifica_database", "{}"]);
    let t = testo(&o);
    assert!(!o.status.success(), "{t}");
    assert!(!t.contains("hmac") && !t.contains("ERROR"), "{t}");
    assert!(t.contains("danneggiat"), "{t}");
}

#[test]
fn an_orientatore_has_one_login() {
    let w = World::new();
    let nuovo = |orientatore: &str| {
        json!({"nome_utente": "paola.due", "nome": "Paola Rossi", "ruolo": "orientatore",
               "orientatore_id": orientatore, "attivo": true, "password": "una password lunga"})
    };
    // Paola Rossi (the first orientatore) already logs in as the World's coordinatore.
    match w.call("create_utente", nuovo(&w.orientatore)) {
        Err(Error::Dati {
            field: Some(f),
            message,
        }) => {
            assert_eq!(f, "orientatore_id");
            assert!(message.contains("un solo utente"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let altro = w.id(
        "create_orientatore",
        json!({"ente_attuatore_id": w.ente_attuatore, "cognome": "Verdi", "nome": "Anna", "attivo": true}),
    );
    w.ok("create_utente", nuovo(&altro));
}
