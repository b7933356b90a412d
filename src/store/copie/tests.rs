use super::*;

fn c(quando: &str, motivo: Motivo) -> Copia {
    Copia {
        percorso: quando.into(),
        quando: NaiveDateTime::parse_from_str(quando, "%Y-%m-%d %H:%M").unwrap(),
        motivo,
        byte: 0,
    }
}

fn conta(store: &Store) -> i64 {
    store
        .read()
        .query_row("SELECT COUNT(*) FROM impostazione", [], |r| r.get(0))
        .unwrap()
}

fn apri(path: &Path, k: &Chiave) -> Connection {
    super::super::connessione(path, k, OpenFlags::default()).unwrap()
}

fn adesso(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn a_copy_is_whole_private_and_puts_the_database_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let k = Chiave::nuova().unwrap();
    let store = Store::open(&db, &k).unwrap();
    let prima = conta(&store);
    let copia = crea(&store, adesso("2026-01-20 09:00"), Motivo::AMano).unwrap();
    verifica(Path::new(&copia.percorso), &k).unwrap();
    // Encrypted like the database: another key does not open it.
    assert!(verifica(Path::new(&copia.percorso), &Chiave::nuova().unwrap()).is_err());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(Path::new(&copia.percorso)), 0o600);
        assert_eq!(mode(&cartella(&db)), 0o700);
    }
    store
        .read()
        .execute(
            "INSERT INTO impostazione (chiave, valore) VALUES ('x', 'dopo la copia')",
            [],
        )
        .unwrap();
    assert_eq!(conta(&store), prima + 1);
    let sicurezza = ripristina(
        &store,
        Path::new(&copia.percorso),
        adesso("2026-01-20 10:00"),
    )
    .unwrap();
    assert_eq!(
        conta(&store),
        prima,
        "the open handle sees the restored file"
    );
    assert_eq!(sicurezza.motivo, Motivo::PrimaDelRipristino);
    // What was there before the restore is itself kept.
    let altro = apri(Path::new(&sicurezza.percorso), &k);
    let n: i64 = altro
        .query_row("SELECT COUNT(*) FROM impostazione", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, prima + 1);
    assert_eq!(elenco(&db).unwrap().len(), 2);
}

#[test]
fn a_damaged_or_foreign_file_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let k = Chiave::nuova().unwrap();
    let store = Store::open(&db, &k).unwrap();
    let estraneo = dir.path().join("altro.db");
    apri(&estraneo, &k)
        .execute_batch("CREATE TABLE x(y)")
        .unwrap();
    let altra_chiave = dir.path().join("altra.db");
    Store::open(&altra_chiave, &Chiave::nuova().unwrap()).unwrap();
    let e = ripristina(&store, &altra_chiave, adesso("2026-01-20 10:00")).unwrap_err();
    assert!(e.to_string().contains("non è una copia"), "{e}");
    let e = ripristina(&store, &estraneo, adesso("2026-01-20 10:00")).unwrap_err();
    assert!(e.to_string().contains("non è una copia"), "{e}");
    let rotto = dir.path().join("rotto.db");
    std::fs::write(&rotto, b"SQLite format 3\0 e poi niente").unwrap();
    assert!(ripristina(&store, &rotto, adesso("2026-01-20 10:00")).is_err());
    assert!(
        elenco(&db).unwrap().is_empty(),
        "nothing set aside for a refused restore"
    );
}

#[test]
fn a_migration_keeps_the_file_as_it_was_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vecchio.db");
    let k = Chiave::nuova().unwrap();
    let mut conn = apri(&db, &k);
    super::super::MIGRATIONS.to_version(&mut conn, 1).unwrap();
    drop(conn);
    Store::open(&db, &k).unwrap();
    let copie = elenco(&db).unwrap();
    assert_eq!(copie.len(), 1);
    assert_eq!(copie[0].motivo, Motivo::PrimaDellAggiornamento);
    let c = apri(Path::new(&copie[0].percorso), &k);
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the copy is the old schema");
    // Opening again at the current schema copies nothing more.
    Store::open(&db, &k).unwrap();
    assert_eq!(elenco(&db).unwrap().len(), 1);
}

#[test]
fn names_read_back() {
    let q = NaiveDateTime::parse_from_str("2026-01-20 09:30:05", "%Y-%m-%d %H:%M:%S").unwrap();
    let n = nome_file(q, Motivo::PrimaDellAggiornamento);
    assert_eq!(n, "sportello-2026-01-20-093005-prima-dell-aggiornamento.db");
    assert_eq!(da_nome_file(&n), Some((q, Motivo::PrimaDellAggiornamento)));
    assert_eq!(da_nome_file("altro.db"), None);
}

#[test]
fn seven_days_then_four_weeks_and_the_safety_copies_apart() {
    // Two copies a day for 60 days, newest first, and a few before migrations.
    let mut copie = Vec::new();
    let fine = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for g in 0..60 {
        let d = fine - chrono::Days::new(g);
        for h in ["18:00", "09:00"] {
            copie.push(c(&format!("{d} {h}"), Motivo::Giornaliera));
        }
    }
    for g in [3, 20, 40, 45, 50, 55] {
        let d = fine - chrono::Days::new(g);
        copie.push(c(&format!("{d} 08:00"), Motivo::PrimaDellAggiornamento));
    }
    copie.sort_by_key(|c| std::cmp::Reverse(c.quando));
    let tenute = da_tenere(&copie);
    let giornaliere: Vec<_> = tenute.iter().filter(|c| c.motivo.ruota()).collect();
    assert_eq!(giornaliere.len(), GIORNALIERE + SETTIMANALI);
    // The newest of each of the last seven days.
    assert_eq!(giornaliere[0].percorso, "2026-03-01 18:00");
    assert_eq!(giornaliere[6].percorso, "2026-02-23 18:00");
    // Then one per earlier week, each in a different ISO week.
    let settimane: std::collections::HashSet<_> = giornaliere[7..]
        .iter()
        .map(|c| c.quando.date().iso_week().week())
        .collect();
    assert_eq!(settimane.len(), SETTIMANALI);
    assert_eq!(
        tenute.iter().filter(|c| !c.motivo.ruota()).count(),
        DI_SICUREZZA
    );
}
