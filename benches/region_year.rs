//! A region's school year: 300 schools, 2,000 interventi, 20,000 servizi,
//! 60,000 incontri, 150,000 destinatari, 1,500,000 presences. Prints
//! - the bulk load through the store (its insert functions, change log, one
//!   transaction) against plain rusqlite prepared inserts of the same rows, in rows/s;
//! - `run_checks` and `list_scadenze` over the whole database;
//! - `calcola_indicatori` over the year, `scrivi_tabelle` as CSV (year) and xlsx (a month);
//! - p50/p95 of create_incontro with 25 presences, close_incontro, and a search of
//!   destinatari by a 3-letter prefix, through the command functions.
//!
//! Run: cargo bench --bench region_year
//! (`SPORTELLO_BENCH_DB=FILE` writes the loaded database to FILE and stops.)
//!
//! The generator (`base`, `rows`, `load_store`) is shared: `benches/scambio.rs`
//! includes this file as a module.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::params;
use serde_json::json;
use sportello::accesso::{NuovoUtente, chiavi};
use sportello::codice_fiscale::{Sesso, compute};
use sportello::commands::{self, PerId, destinatari::Cerca};
use sportello::domain::{
    AnnoScolastico, DatiPeculiari, DestinatarioDati, IncontroDati, Luogo, Presenza, Ruolo,
    ServizioDati, UtenteDati,
};
use sportello::{Ctx, Id, Source, Store, dispatch, store};
use std::time::Instant;

const SCUOLE: usize = 300;
const INTERVENTI: usize = 2_000;
const SERVIZI_PER_INTERVENTO: usize = 10;
const INCONTRI_PER_SERVIZIO: usize = 3;
const ISCRITTI_PER_SERVIZIO: usize = 25;
const DESTINATARI: usize = 150_000;
const ORIENTATORI: usize = 200;

pub(crate) struct Base {
    ente: Id,
    sede: Id,
    target: Id,
    cms: Id,
    scuole: Vec<Id>,
    orientatori: Vec<Id>,
    interventi: Vec<(Id, Id)>,
}

fn id_of(v: &serde_json::Value) -> Id {
    v["id"].as_str().unwrap().parse().unwrap()
}

/// The small tables, through the commands (the same in both databases).
pub(crate) fn base(store: &Store, ctx: &Ctx) -> Base {
    let call = |op: &str, v: serde_json::Value| dispatch(store, ctx, op, v).unwrap().value;
    let ente = id_of(&call(
        "create_ente_attuatore",
        json!({"nome": "Ente regionale", "catalogo": "piemonte-oop"}),
    ));
    let sede = id_of(&call(
        "create_sede",
        json!({"ente_attuatore_id": ente, "nome": "Sede"}),
    ));
    let target = id_of(&call("list_voci", json!({"lista": "target"}))[0]);
    let cms = id_of(&call("list_voci", json!({"lista": "cms"}))[0]);
    let orientatori = (0..ORIENTATORI)
        .map(|i| {
            id_of(&call(
                "create_orientatore",
                json!({"ente_attuatore_id": ente, "cognome": format!("Orientatore{i}"), "nome": "N"}),
            ))
        })
        .collect();
    let scuole: Vec<Id> = (0..SCUOLE)
        .map(|i| {
            id_of(&call(
                "create_ente",
                json!({"tipo": "scuola", "nome": format!("Scuola {i}"), "codice_meccanografico": format!("TOIC{i:06}")}),
            ))
        })
        .collect();
    let interventi = (0..INTERVENTI)
        .map(|i| {
            let scuola = scuole[i % SCUOLE];
            let iv = id_of(&call(
                "create_intervento",
                json!({"ente_attuatore_id": ente, "titolo": format!("Intervento {i}"), "ente_ids": [scuola],
                       "referente_id": null}),
            ));
            (iv, scuola)
        })
        .collect();
    Base {
        ente,
        sede,
        target,
        cms,
        scuole,
        orientatori,
        interventi,
    }
}

fn dp() -> DatiPeculiari {
    serde_json::from_value(
        json!({"classe": 3, "sezione": "A", "titolo_studio": "licenza_elementare",
        "condizione_occupazionale": "studente", "condizione_abitativa": "nessun_disagio"}),
    )
    .unwrap()
}

const COGNOMI: [&str; 20] = [
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
    "Lombardi", "Moretti",
];
const NOMI: [&str; 20] = [
    "Anna", "Luca", "Sara", "Marco", "Giulia", "Paolo", "Elena", "Davide", "Chiara", "Matteo",
    "Sofia", "Andrea", "Aurora", "Lorenzo", "Alice", "Tommaso", "Greta", "Riccardo", "Emma",
    "Filippo",
];

/// The bulk rows: destinatari, servizi (with their enrolments) and incontri (with presences).
pub(crate) struct Rows {
    destinatari: Vec<(Id, DestinatarioDati)>,
    pub(crate) servizi: Vec<(Id, ServizioDati, Vec<Id>)>,
    incontri: Vec<(Id, IncontroDati)>,
}

pub(crate) fn rows(b: &Base) -> Rows {
    let nascita0 = NaiveDate::from_ymd_opt(2007, 1, 1).unwrap();
    let destinatari = (0..DESTINATARI)
        .map(|i| {
            let (c, n) = (COGNOMI[i % 20], NOMI[(i / 20) % 20]);
            let sesso = if (i / 20) % 2 == 0 {
                Sesso::F
            } else {
                Sesso::M
            };
            let nascita = nascita0 + chrono::Duration::days((i / 400) as i64);
            let d = DestinatarioDati {
                // The place varies within a day of births, so codes never collide.
                codice_fiscale: compute(c, n, sesso, nascita, &format!("L{:03}", i % 1000)),
                cognome: c.into(),
                nome: n.into(),
                sesso,
                data_nascita: nascita,
                comune_nascita: Some("Torino".into()),
                stato_estero_nascita: None,
                citta_estera_nascita: None,
                cittadinanza: Some("Italiana".into()),
                email: None,
                telefono: Some("011 000000".into()),
                forzatura: None,
            };
            (Id::new(), d)
        })
        .collect::<Vec<_>>();
    let mut servizi = Vec::new();
    let mut incontri = Vec::new();
    let start = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    for (k, (iv, scuola)) in b.interventi.iter().enumerate() {
        for s in 0..SERVIZI_PER_INTERVENTO {
            let n = k * SERVIZI_PER_INTERVENTO + s;
            let iscritti: Vec<Id> = (0..ISCRITTI_PER_SERVIZIO)
                .map(|j| destinatari[(n * ISCRITTI_PER_SERVIZIO + j) % DESTINATARI].0)
                .collect();
            let id = Id::new();
            let dati = ServizioDati {
                ente_attuatore_id: b.ente,
                intervento_id: Some(*iv),
                codice_azione: "OR3".into(),
                modalita: None,
                titolo: format!("Seminario {n}"),
                sede_id: b.sede,
                durata_prevista_minuti: 360,
                numero_destinatari: ISCRITTI_PER_SERVIZIO as u32,
                numero_famiglie: Some(0),
                referente_id: None,
                anno_scolastico: Some(AnnoScolastico(2025)),
                target_ids: vec![b.target],
                cms_ids: vec![b.cms],
                ente_ids: vec![*scuola],
                dati_peculiari: dp(),
            };
            for m in 0..INCONTRI_PER_SERVIZIO {
                // Each orientatore holds at most one incontro per slot: no overlaps.
                let slot = n * INCONTRI_PER_SERVIZIO + m;
                let day = start + chrono::Duration::days(((slot / ORIENTATORI) / 4 % 200) as i64);
                let hour = 8 + 2 * ((slot / ORIENTATORI) % 4) as u32;
                incontri.push((
                    Id::new(),
                    IncontroDati {
                        servizio_id: id,
                        titolo: None,
                        data: day,
                        ora_inizio: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
                        ora_fine: NaiveTime::from_hms_opt(hour + 2, 0, 0).unwrap(),
                        durata_minuti: None,
                        note: None,
                        orientatore_id: Some(b.orientatori[slot % ORIENTATORI]),
                        luogo: Luogo {
                            ente_id: Some(*scuola),
                            sede_id: None,
                            descrizione: Some("Aula".into()),
                        },
                        famiglie_presenti: Some(0),
                        presenze: iscritti
                            .iter()
                            .map(|d| Presenza {
                                destinatario_id: *d,
                                presente: true,
                            })
                            .collect(),
                    },
                ));
            }
            servizi.push((id, dati, iscritti));
        }
    }
    Rows {
        destinatari,
        servizi,
        incontri,
    }
}

pub(crate) fn count_rows(r: &Rows) -> usize {
    r.destinatari.len()
        + r.servizi.len() * 4 // servizio + target + cms + ente
        + r.servizi.iter().map(|s| s.2.len()).sum::<usize>()
        + r.incontri.len()
        + r.incontri.iter().map(|i| i.1.presenze.len()).sum::<usize>()
}

/// Through the store: its insert functions and the change log, in one transaction.
pub(crate) fn load_store(store: &Store, ctx: &Ctx, r: &Rows) {
    use sportello::error::RecordKind;
    store
        .write(ctx, "bulk_load", |tx| {
            for (id, d) in &r.destinatari {
                store::destinatari::insert(tx, *id, d)?;
                tx.log(RecordKind::Destinatario, *id, "")?;
            }
            let dp = dp();
            for (id, d, iscritti) in &r.servizi {
                store::servizi::insert(tx, *id, d)?;
                tx.log(RecordKind::Servizio, *id, "")?;
                for dest in iscritti {
                    store::servizi::enrol(tx, *id, *dest, &dp)?;
                }
            }
            for (id, d) in &r.incontri {
                store::incontri::insert(tx, *id, d, 120)?;
                tx.log(RecordKind::Incontro, *id, "")?;
            }
            Ok(())
        })
        .unwrap();
}

/// The same rows with plain prepared statements, no log.
fn load_plain(conn: &mut rusqlite::Connection, r: &Rows) {
    let tx = conn.transaction().unwrap();
    {
        let now = "2026-01-20T10:00:00";
        let mut st = tx
            .prepare(
                "INSERT INTO destinatario (id, codice_fiscale, cognome, nome, sesso, data_nascita, comune_nascita,
                 stato_estero_nascita, citta_estera_nascita, cittadinanza, email, telefono, chiave_cognome, chiave_nome,
                 updated_at, updated_by, source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
            )
            .unwrap();
        for (id, d) in &r.destinatari {
            let sesso = if d.sesso == Sesso::F { "F" } else { "M" };
            st.execute(params![
                id,
                d.codice_fiscale,
                d.cognome,
                d.nome,
                sesso,
                d.data_nascita,
                d.comune_nascita,
                d.stato_estero_nascita,
                d.citta_estera_nascita,
                d.cittadinanza,
                d.email,
                d.telefono,
                format!("{} {}", d.cognome, d.nome).to_lowercase(),
                format!("{} {}", d.nome, d.cognome).to_lowercase(),
                now,
                None::<String>,
                "import"
            ])
            .unwrap();
        }
        let mut st = tx
            .prepare(
                "INSERT INTO servizio (id, ente_attuatore_id, intervento_id, codice_azione, modalita, titolo, sede_id,
                 durata_prevista_minuti, numero_destinatari, numero_famiglie, referente_id, anno_scolastico, dp_json, stato,
                 updated_at, updated_by, source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,'in_definizione',?14,?15,?16)",
            )
            .unwrap();
        let mut rel: Vec<_> = ["servizio_target", "servizio_cms", "servizio_ente"]
            .iter()
            .map(|t| {
                tx.prepare(&format!("INSERT INTO {t} VALUES (?1, ?2)"))
                    .unwrap()
            })
            .collect();
        let mut isc = tx.prepare("INSERT INTO iscrizione (servizio_id, destinatario_id, dp_json) VALUES (?1, ?2, ?3)").unwrap();
        let dp_json = serde_json::to_string(&dp()).unwrap();
        for (id, d, iscritti) in &r.servizi {
            st.execute(params![
                id,
                d.ente_attuatore_id,
                d.intervento_id,
                d.codice_azione,
                "gruppo",
                d.titolo,
                d.sede_id,
                d.durata_prevista_minuti,
                d.numero_destinatari,
                d.numero_famiglie,
                d.referente_id,
                d.anno_scolastico.map(|a| a.0),
                dp_json,
                now,
                None::<String>,
                "import"
            ])
            .unwrap();
            rel[0].execute(params![id, d.target_ids[0]]).unwrap();
            rel[1].execute(params![id, d.cms_ids[0]]).unwrap();
            rel[2].execute(params![id, d.ente_ids[0]]).unwrap();
            for dest in iscritti {
                isc.execute(params![id, dest, dp_json]).unwrap();
            }
        }
        let mut st = tx
            .prepare(
                "INSERT INTO incontro (id, servizio_id, titolo, data, ora_inizio, ora_fine, durata_minuti, note, orientatore_id,
                 luogo_ente_id, luogo_sede_id, luogo_descrizione, famiglie_presenti, stato, inserito_il,
                 updated_at, updated_by, source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,'aperto',?14,?15,?16,?17)",
            )
            .unwrap();
        let mut pres = tx
            .prepare("INSERT INTO presenza VALUES (?1, ?2, ?3)")
            .unwrap();
        for (id, d) in &r.incontri {
            st.execute(params![
                id,
                d.servizio_id,
                d.titolo,
                d.data,
                d.ora_inizio.format("%H:%M").to_string(),
                d.ora_fine.format("%H:%M").to_string(),
                120,
                d.note,
                d.orientatore_id,
                d.luogo.ente_id,
                d.luogo.sede_id,
                d.luogo.descrizione,
                d.famiglie_presenti,
                d.data,
                now,
                None::<String>,
                "import"
            ])
            .unwrap();
            for p in &d.presenze {
                pres.execute(params![id, p.destinatario_id, p.presente])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
}

fn percentiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2] * 1e3, v[v.len() * 95 / 100] * 1e3)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::new(
        Source::Import,
        NaiveDate::from_ymd_opt(2026, 5, 20).unwrap(),
    );

    let t = Instant::now();
    // Made as a desk makes it, with its key file and a first coordinatore, so
    // the window can log in to a kept copy (e2e/misura.js uses the tests' login).
    let db = dir.path().join("sportello.db");
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
    let store = sportello::accesso::crea(&db, &primo, ctx.oggi)
        .unwrap()
        .store;
    let chiave = store.chiave().unwrap().clone();
    let b = base(&store, &ctx);
    let r = rows(&b);
    let n = count_rows(&r);
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
    load_store(&store, &ctx, &r);
    let ours = t.elapsed().as_secs_f64();
    // `SPORTELLO_BENCH_DB=FILE`: keep the loaded database (the window's
    // measurement, e2e/misura.js, opens it) and stop here.
    if let Some(out) = std::env::var_os("SPORTELLO_BENCH_DB") {
        let out = out.to_string_lossy().into_owned();
        let _ = std::fs::remove_file(&out);
        store.read().execute("VACUUM INTO ?1", [&out]).unwrap();
        std::fs::copy(
            chiavi::percorso(&db),
            chiavi::percorso(std::path::Path::new(&out)),
        )
        .unwrap();
        println!("database written to {out} in {ours:.1} s of loading");
        return;
    }

    let plain_store = Store::open(&dir.path().join("plain.db"), &chiave).unwrap();
    let _ = base(&plain_store, &ctx);
    drop(plain_store);
    // The plain path gets its own copy of the small tables with the same ids,
    // in a file encrypted alike (ATTACH takes the main file's key).
    let mut plain = sportello::store::connessione(
        &dir.path().join("plain.db"),
        &chiave,
        rusqlite::OpenFlags::default(),
    )
    .unwrap();
    plain
        .execute_batch("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=OFF;")
        .unwrap();
    plain
        .execute(
            "ATTACH DATABASE ?1 AS src",
            [dir.path().join("sportello.db").display().to_string()],
        )
        .unwrap();
    plain
        .execute_batch(
            "DELETE FROM intervento_ente; DELETE FROM intervento; DELETE FROM ente; DELETE FROM orientatore; DELETE FROM sede;
             DELETE FROM ente_attuatore;
             INSERT INTO ente_attuatore SELECT * FROM src.ente_attuatore; INSERT INTO sede SELECT * FROM src.sede;
             INSERT INTO orientatore SELECT * FROM src.orientatore; INSERT INTO ente SELECT * FROM src.ente;
             INSERT INTO intervento SELECT * FROM src.intervento; INSERT INTO intervento_ente SELECT * FROM src.intervento_ente;
             DETACH DATABASE src; PRAGMA foreign_keys=ON;",
        )
        .unwrap();
    let t = Instant::now();
    load_plain(&mut plain, &r);
    let theirs = t.elapsed().as_secs_f64();
    println!(
        "bulk load through the store: {:>9.0} rows/s ({ours:.1} s)",
        n as f64 / ours
    );
    println!(
        "plain rusqlite inserts:      {:>9.0} rows/s ({theirs:.1} s)",
        n as f64 / theirs
    );
    println!(
        "ratio store / plain: {:.2}× slower (target ≤ 2×)",
        ours / theirs
    );

    let t = Instant::now();
    let findings = commands::check::run_checks(&store, &ctx, commands::Nulla {})
        .unwrap()
        .value;
    println!(
        "run_checks over the whole database: {:.2} s, {} findings (target ≤ 2 s)",
        t.elapsed().as_secs_f64(),
        findings.len()
    );
    let t = Instant::now();
    let s = commands::check::list_scadenze(&store, &ctx, Default::default())
        .unwrap()
        .value;
    println!(
        "list_scadenze: {:.0} ms, {} entries",
        t.elapsed().as_secs_f64() * 1e3,
        s.voci.len()
    );

    // The regional files and the indicators over the year (docs/tabelle.md, docs/indicatori.md).
    let t = Instant::now();
    let x = commands::indicatori::calcola_indicatori(&store, &ctx, Default::default())
        .unwrap()
        .value;
    println!(
        "calcola_indicatori, whole year: {:.2} s ({} destinatari reached, {} incontri)",
        t.elapsed().as_secs_f64(),
        x.destinatari.totale,
        x.totale.incontri
    );
    for (formato, dal, al) in [
        (sportello::tabelle::Formato::Csv, None, None),
        (
            sportello::tabelle::Formato::Xlsx,
            NaiveDate::from_ymd_opt(2025, 11, 1),
            NaiveDate::from_ymd_opt(2025, 11, 30),
        ),
    ] {
        let out = dir.path().join(format!("tabelle-{formato:?}"));
        let t = Instant::now();
        let s = commands::tabelle::scrivi_tabelle(
            &store,
            &ctx,
            commands::tabelle::ScriviTabelle {
                dal,
                al,
                ente_attuatore_id: None,
                formato,
                cartella: out.display().to_string(),
            },
        )
        .unwrap()
        .value;
        let righe: u32 = s.tabelle.iter().map(|t| t.righe).sum();
        println!(
            "scrivi_tabelle {formato:?} {}: {:.2} s, {righe} rows",
            if dal.is_some() {
                "November"
            } else {
                "whole year"
            },
            t.elapsed().as_secs_f64()
        );
    }

    // Latencies through the command functions, on the loaded database.
    let samples = 200;
    let (mut create, mut close, mut search) = (Vec::new(), Vec::new(), Vec::new());
    let giorno0 = NaiveDate::from_ymd_opt(2026, 5, 18).unwrap();
    for k in 0..samples {
        let (servizio, _, iscritti) = &r.servizi[k * 37 % r.servizi.len()];
        let d = IncontroDati {
            servizio_id: *servizio,
            titolo: None,
            data: giorno0,
            ora_inizio: NaiveTime::from_hms_opt(7, 0, 0).unwrap()
                + chrono::Duration::minutes(k as i64 % 6 * 120),
            ora_fine: NaiveTime::from_hms_opt(8, 0, 0).unwrap()
                + chrono::Duration::minutes(k as i64 % 6 * 120),
            durata_minuti: None,
            note: None,
            // A fresh orientatore per six samples, so samples never overlap.
            orientatore_id: Some(b.orientatori[(k / 6) % ORIENTATORI]),
            luogo: Luogo {
                ente_id: None,
                sede_id: Some(b.sede),
                descrizione: None,
            },
            famiglie_presenti: Some(0),
            presenze: iscritti
                .iter()
                .map(|d| Presenza {
                    destinatario_id: *d,
                    presente: true,
                })
                .collect(),
        };
        let t = Instant::now();
        let inc = commands::incontri::create_incontro(&store, &ctx, d)
            .unwrap()
            .value;
        create.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        commands::incontri::close_incontro(&store, &ctx, PerId { id: inc.id }).unwrap();
        close.push(t.elapsed().as_secs_f64());
        let prefix = &COGNOMI[k % 20][..3];
        let t = Instant::now();
        let found = commands::destinatari::search_destinatari(
            &store,
            &ctx,
            Cerca {
                testo: prefix.into(),
                limite: Some(50),
            },
        )
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
