//! A region's school year, made for the benchmarks: 300 schools, 2,000
//! interventi, 20,000 servizi, 60,000 incontri, 150,000 destinatari,
//! 1,500,000 presences. The small tables go through the commands (`base`),
//! the bulk rows through the store's own insert functions in one transaction
//! (`load_store`), or, as the baseline, through plain prepared statements
//! built from the store's own column lists (`load_plain`): both write the
//! same rows, the baseline without the change log.
//! Shared by `region_year.rs` and `scambio.rs` (`#[path = "regione/mod.rs"]`).

use chrono::{NaiveDate, NaiveTime};
use rusqlite::params;
use serde_json::json;
use sportello::codice_fiscale::{Sesso, compute};
use sportello::domain::{
    AnnoScolastico, DatiPeculiari, DestinatarioDati, IncontroDati, Luogo, Presenza, ServizioDati,
};
use sportello::store::riga::{Colonna, sql_inserisci};
use sportello::{Ctx, Id, Source, Store, dispatch, store};

const SCUOLE: usize = 300;
const INTERVENTI: usize = 2_000;
const SERVIZI_PER_INTERVENTO: usize = 10;
const INCONTRI_PER_SERVIZIO: usize = 3;
const ISCRITTI_PER_SERVIZIO: usize = 25;
const DESTINATARI: usize = 150_000;
pub const ORIENTATORI: usize = 200;

pub struct Base {
    pub ente: Id,
    pub sede: Id,
    pub target: Id,
    pub cms: Id,
    pub scuole: Vec<Id>,
    pub orientatori: Vec<Id>,
    pub interventi: Vec<(Id, Id)>,
}

/// The day every benchmark runs on.
pub fn ctx() -> Ctx {
    Ctx::new(
        Source::Import,
        NaiveDate::from_ymd_opt(2026, 5, 20).unwrap(),
    )
}

pub fn ora(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

/// An incontro of `servizio` at `luogo`, every enrolled participant present.
pub fn incontro(
    servizio: Id,
    data: NaiveDate,
    (ora_inizio, ora_fine): (NaiveTime, NaiveTime),
    orientatore: Id,
    luogo: Luogo,
    iscritti: &[Id],
) -> IncontroDati {
    let presenze = iscritti.iter().map(|d| Presenza {
        destinatario_id: *d,
        presente: true,
    });
    IncontroDati {
        servizio_id: servizio,
        titolo: None,
        data,
        ora_inizio,
        ora_fine,
        durata_minuti: None,
        note: None,
        orientatore_id: Some(orientatore),
        luogo,
        famiglie_presenti: Some(0),
        presenze: presenze.collect(),
    }
}

fn id_of(v: &serde_json::Value) -> Id {
    v["id"].as_str().unwrap().parse().unwrap()
}

/// The small tables, through the commands (the same in both databases).
pub fn base(store: &Store, ctx: &Ctx) -> Base {
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

pub const COGNOMI: [&str; 20] = [
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
pub struct Rows {
    pub destinatari: Vec<(Id, DestinatarioDati)>,
    pub servizi: Vec<(Id, ServizioDati, Vec<Id>)>,
    pub incontri: Vec<(Id, IncontroDati)>,
}

pub fn rows(b: &Base) -> Rows {
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
                let luogo = Luogo {
                    ente_id: Some(*scuola),
                    sede_id: None,
                    descrizione: Some("Aula".into()),
                };
                let (inizio, fine) = (ora(hour), ora(hour + 2));
                let orientatore = b.orientatori[slot % ORIENTATORI];
                let dati = incontro(id, day, (inizio, fine), orientatore, luogo, &iscritti);
                incontri.push((Id::new(), dati));
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

pub fn count_rows(r: &Rows) -> usize {
    r.destinatari.len()
        + r.servizi.len() * 4 // servizio + target + cms + ente
        + r.servizi.iter().map(|s| s.2.len()).sum::<usize>()
        + r.incontri.len()
        + r.incontri.iter().map(|i| i.1.presenze.len()).sum::<usize>()
}

/// Through the store: its insert functions and the change log, in one transaction.
pub fn load_store(store: &Store, ctx: &Ctx, r: &Rows) {
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

/// The same rows through plain prepared statements: the SQL and the values
/// come from the store's column lists (`store::…::colonne…`), so the
/// baseline's rows are the product's; only the change log and the store's
/// checks are missing.
pub fn load_plain(conn: &mut rusqlite::Connection, r: &Rows, oggi: NaiveDate) {
    let tx = conn.transaction().unwrap();
    let scrivi = |tabella: &str, id: Id, colonne: Vec<Colonna>| {
        let mut st = tx
            .prepare_cached(&sql_inserisci(tabella, &colonne))
            .unwrap();
        let chi: [Box<dyn rusqlite::ToSql>; 3] = [
            Box::new("2026-01-20T10:00:00"),
            Box::new(None::<String>),
            Box::new("import"),
        ];
        let valori = std::iter::once(Box::new(id) as Box<dyn rusqlite::ToSql>)
            .chain(colonne.into_iter().map(|(_, v)| v))
            .chain(chi);
        st.execute(rusqlite::params_from_iter(valori)).unwrap();
    };
    for (id, d) in &r.destinatari {
        scrivi("destinatario", *id, store::destinatari::colonne(d));
    }
    let dp_json = serde_json::to_string(&dp()).unwrap();
    for (id, d, iscritti) in &r.servizi {
        scrivi("servizio", *id, store::servizi::colonne_nuovo(d).unwrap());
        for (t, v) in [
            ("servizio_target", d.target_ids[0]),
            ("servizio_cms", d.cms_ids[0]),
            ("servizio_ente", d.ente_ids[0]),
        ] {
            tx.prepare_cached(&format!("INSERT INTO {t} VALUES (?1, ?2)"))
                .unwrap()
                .execute(params![id, v])
                .unwrap();
        }
        let mut isc = tx
            .prepare_cached("INSERT INTO iscrizione (servizio_id, destinatario_id, dp_json) VALUES (?1, ?2, ?3)")
            .unwrap();
        for dest in iscritti {
            isc.execute(params![id, dest, dp_json]).unwrap();
        }
    }
    for (id, d) in &r.incontri {
        scrivi(
            "incontro",
            *id,
            store::incontri::colonne_nuovo(d, 120, oggi),
        );
        let mut pres = tx
            .prepare_cached("INSERT INTO presenza VALUES (?1, ?2, ?3)")
            .unwrap();
        for p in &d.presenze {
            pres.execute(params![id, p.destinatario_id, p.presente])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}
