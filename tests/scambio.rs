//! Exchange files between desks and the regional office (issue #5): export,
//! merge in any order and twice, conflicts, DES-05 at the office, refusals
//! of altered, truncated and foreign files, incremental exports.

mod common;

use common::{World, date};
use serde_json::{Value, json};
use sportello::accesso::chiavi::Chiave;
use sportello::commands;
use sportello::context::{Ctx, Source};
use sportello::error::Error;
use sportello::store::Store;
use std::path::{Path, PathBuf};

fn ctx() -> Ctx {
    Ctx::new(Source::Cli, date("2026-02-01"))
}

/// One key for every file of these tests: copies and merges open with it.
fn chiave() -> Chiave {
    static K: std::sync::OnceLock<Chiave> = std::sync::OnceLock::new();
    K.get_or_init(|| Chiave::nuova().unwrap()).clone()
}

fn call(store: &Store, op: &str, input: Value) -> Result<Value, Error> {
    commands::dispatch(store, &ctx(), op, input).map(|o| o.value)
}

/// An office on a file, with its keys; returns it and its recipient.
fn ufficio(path: &Path) -> (Store, String) {
    let store = Store::open(path, &chiave()).unwrap();
    let r = call(&store, "genera_chiavi_ufficio", json!({})).unwrap();
    (store, r["destinatario"].as_str().unwrap().to_owned())
}

/// A copy of an office database (same keys, same content), to merge in another order.
fn copia(store: Store, from: &Path, to: &Path) -> (Store, Store) {
    let k = store.chiave().unwrap().clone();
    drop(store);
    std::fs::copy(from, to).unwrap();
    (Store::open(from, &k).unwrap(), Store::open(to, &k).unwrap())
}

/// A desk with the small world, encrypting to `ufficio`.
fn sportello(ufficio: &str) -> World {
    let w = World::new();
    w.ok("imposta_ufficio", json!({"destinatario": ufficio}));
    w
}

/// What a desk records: a servizio with two pupils (the same two people at
/// every desk: DES-05), an incontro with their presences, and `extra` pupils of its own.
fn lavora(w: &World, extra: &str) -> (String, Vec<String>) {
    let (s, mut dest) = w.servizio_con_iscritti();
    let own = w.destinatario(extra, "Carla");
    let mut dati = obj(w.servizio_input());
    dati.insert("numero_destinatari".into(), json!(3));
    w.ok("update_servizio", json!({"id": s, "dati": dati}));
    w.enrol(&s, &[&own]);
    dest.push(own);
    let presenti: Vec<&str> = dest.iter().map(String::as_str).collect();
    w.ok(
        "create_incontro",
        w.incontro_input(&s, "2026-01-15", &presenti),
    );
    (s, dest)
}

fn obj(v: Value) -> serde_json::Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn esporta(w: &World, path: &Path, completo: bool) -> Value {
    w.ok("esporta", json!({"percorso": path, "completo": completo}))
}

fn unisci(office: &Store, path: &Path) -> Result<Value, Error> {
    call(office, "unisci", json!({"percorso": path, "applica": true})).map(|v| v["piano"].clone())
}

fn anteprima(office: &Store, path: &Path) -> Result<Value, Error> {
    call(office, "unisci", json!({"percorso": path})).map(|v| v["piano"].clone())
}

const TABELLE: &[&str] = &[
    "rt",
    "ente_attuatore",
    "sede",
    "orientatore",
    "ente",
    "referente",
    "target",
    "cms",
    "destinatario",
    "modello",
    "modello_target",
    "modello_cms",
    "modello_ente",
    "modello_azione",
    "servizio_esterno",
    "intervento",
    "intervento_ente",
    "servizio",
    "servizio_target",
    "servizio_cms",
    "servizio_ente",
    "iscrizione",
    "incontro",
    "presenza",
];

/// The office's records, canonical: rows sorted; destinatari and schools named by
/// their natural key (CF, codice meccanografico), since which desk's id the office
/// keeps depends on which file came first; for those records the who-wrote-it
/// columns are left out for the same reason.
fn dump(store: &Store) -> Vec<String> {
    let conn = store.read();
    let mut names = std::collections::HashMap::new();
    for (t, col) in [
        ("destinatario", "codice_fiscale"),
        ("ente", "codice_meccanografico"),
    ] {
        let mut st = conn
            .prepare(&format!(
                "SELECT id, {col} FROM {t} WHERE {col} IS NOT NULL"
            ))
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        for r in rows {
            let (id, k) = r.unwrap();
            names.insert(id, format!("<{k}>"));
        }
    }
    let mut out = Vec::new();
    for t in TABELLE {
        let mut st = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let cols: Vec<String> = st.column_names().iter().map(|c| c.to_string()).collect();
        let natural = ["destinatario", "ente"].contains(t);
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let mut parts = Vec::new();
                for (i, c) in cols.iter().enumerate() {
                    if natural
                        && ["rev", "updated_at", "updated_by", "source"].contains(&c.as_str())
                    {
                        continue;
                    }
                    let v: rusqlite::types::Value = r.get(i)?;
                    let s = match v {
                        rusqlite::types::Value::Text(s) => names.get(&s).cloned().unwrap_or(s),
                        other => format!("{other:?}"),
                    };
                    parts.push(format!("{c}={s}"));
                }
                Ok(format!("{t}: {}", parts.join(" ")))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

/// Rows in every table, the office's bookkeeping and the change log included.
fn conta(store: &Store) -> Vec<(String, i64)> {
    let extra = [
        "change_log",
        "provenienza",
        "scambio_base",
        "scambio_alias",
        "scambio_conflitto",
        "impostazione",
    ];
    TABELLE
        .iter()
        .chain(extra.iter())
        .map(|t| {
            let n = store
                .read()
                .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
                .unwrap();
            (t.to_string(), n)
        })
        .collect()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.read().query_row(sql, [], |r| r.get(0)).unwrap()
}

struct Due {
    dir: tempfile::TempDir,
    office: Store,
    office_path: PathBuf,
    a: World,
    b: World,
    file_a: PathBuf,
    file_b: PathBuf,
}

fn due_sportelli() -> Due {
    let dir = tempfile::tempdir().unwrap();
    let office_path = dir.path().join("ufficio.db");
    let (office, r) = ufficio(&office_path);
    let (a, b) = (sportello(&r), sportello(&r));
    lavora(&a, "Azzurri");
    lavora(&b, "Bianchini");
    let (file_a, file_b) = (
        dir.path().join("a.sportello"),
        dir.path().join("b.sportello"),
    );
    esporta(&a, &file_a, true);
    esporta(&b, &file_b, true);
    Due {
        dir,
        office,
        office_path,
        a,
        b,
        file_a,
        file_b,
    }
}

#[test]
fn two_desks_merged_in_either_order_and_twice_give_the_same_office() {
    let d = due_sportelli();
    let (uno, due) = copia(d.office, &d.office_path, &d.dir.path().join("ufficio2.db"));
    unisci(&uno, &d.file_a).unwrap();
    unisci(&uno, &d.file_b).unwrap();
    let prima = dump(&uno);
    let conti = conta(&uno);
    // Twice: nothing changes, not even the bookkeeping.
    let p = unisci(&uno, &d.file_a).unwrap();
    assert_eq!(
        (p["aggiunti"].as_i64(), p["aggiornati"].as_i64()),
        (Some(0), Some(0))
    );
    unisci(&uno, &d.file_b).unwrap();
    assert_eq!(conta(&uno), conti);
    assert_eq!(dump(&uno), prima);
    unisci(&due, &d.file_b).unwrap();
    unisci(&due, &d.file_a).unwrap();
    assert_eq!(dump(&due), prima);
    // Both desks' servizi are there, with their incontri.
    assert_eq!(count(&uno, "SELECT COUNT(*) FROM servizio"), 2);
    assert_eq!(count(&uno, "SELECT COUNT(*) FROM incontro"), 2);
    assert_eq!(count(&uno, "SELECT COUNT(*) FROM scambio_conflitto"), 0);
    let prov = call(&uno, "list_provenienze", json!({})).unwrap();
    assert_eq!(prov.as_array().unwrap().len(), 2);
    assert_eq!(prov[0]["ente_nome"], "Centro di Formazione Esempio");
    assert_eq!(
        prov[0]["file"].as_str().map(|f| f.ends_with(".sportello")),
        Some(true)
    );
}

#[test]
fn the_same_cf_at_two_desks_is_one_person_at_the_office() {
    let d = due_sportelli();
    unisci(&d.office, &d.file_a).unwrap();
    let p = unisci(&d.office, &d.file_b).unwrap();
    assert!(p["alias"].as_i64().unwrap() >= 2, "{p}");
    let cf = d.a.destinatario_input("Verdi", "Anna")["codice_fiscale"]
        .as_str()
        .unwrap()
        .to_owned();
    let o = &d.office;
    let q = |sql: &str| -> i64 { o.read().query_row(sql, [&cf], |r| r.get(0)).unwrap() };
    assert_eq!(
        q("SELECT COUNT(*) FROM destinatario WHERE codice_fiscale = ?1"),
        1
    );
    // Both servizi enrol the one person, and both incontri record her presence.
    assert_eq!(
        q(
            "SELECT COUNT(*) FROM iscrizione i JOIN destinatario d ON d.id = i.destinatario_id WHERE d.codice_fiscale = ?1"
        ),
        2
    );
    assert_eq!(
        q(
            "SELECT COUNT(*) FROM presenza p JOIN destinatario d ON d.id = p.destinatario_id WHERE d.codice_fiscale = ?1"
        ),
        2
    );
    assert_eq!(
        q(
            "SELECT COUNT(*) FROM scambio_alias a JOIN destinatario d ON d.id = a.id WHERE d.codice_fiscale = ?1"
        ),
        1
    );
    // Three people per desk, two shared: four at the office.
    assert_eq!(count(o, "SELECT COUNT(*) FROM destinatario"), 4);
    // The schools too (codice meccanografico): one IC, two plessi.
    assert_eq!(
        count(o, "SELECT COUNT(*) FROM ente WHERE tipo = 'scuola'"),
        3
    );
}

#[test]
fn a_record_changed_at_the_office_and_at_the_desk_is_a_conflict() {
    let (dir, office, _a, s) = conflitto_in_arrivo(
        "Titolo corretto in ufficio",
        "Titolo cambiato allo sportello",
    );
    let inc = dir.path().join("2.sportello");
    let p = anteprima(&office, &inc).unwrap();
    assert_eq!(p["conflitti"].as_array().unwrap().len(), 1, "{p}");
    // Named as the screens show it: action and the desk's title, not an id.
    assert_eq!(
        p["conflitti"][0]["nome"],
        "OR3 – Titolo cambiato allo sportello"
    );
    let cambio = p["cambi"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == s.as_str())
        .unwrap();
    assert_eq!(cambio["nome"], "OR3 – Titolo cambiato allo sportello");
    unisci(&office, &inc).unwrap();
    let c = conflitti(&office);
    assert_eq!(c.len(), 1);
    // Read back from the office's list, named as the preview named it.
    assert_eq!(c[0]["nome"], "OR3 – Titolo cambiato allo sportello");
    assert_eq!(c[0]["tipo"], "servizio");
    assert_eq!(c[0]["id"], s.as_str());
    assert!(c[0]["campi"].as_array().unwrap().contains(&json!("titolo")));
    assert_eq!(
        c[0]["ufficio"]["riga"]["titolo"],
        "Titolo corretto in ufficio"
    );
    assert_eq!(
        c[0]["arrivo"]["riga"]["titolo"],
        "Titolo cambiato allo sportello"
    );
    // Not overwritten.
    let titolo: String = office
        .read()
        .query_row("SELECT titolo FROM servizio WHERE id = ?1", [&s], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(titolo, "Titolo corretto in ufficio");
    // The same file again: the same single conflict.
    unisci(&office, &inc).unwrap();
    assert_eq!(conflitti(&office).len(), 1);
}

/// A servizio merged at the office, then retitled both there (`ufficio`) and at
/// the desk (`sportello`), whose incremental `2.sportello` is exported but not
/// merged yet: (dir, office, desk, servizio).
fn conflitto_in_arrivo(
    ufficio_titolo: &str,
    sportello_titolo: &str,
) -> (tempfile::TempDir, Store, World, String) {
    let dir = tempfile::tempdir().unwrap();
    let (office, r) = ufficio(&dir.path().join("ufficio.db"));
    let a = sportello(&r);
    let (s, _) = lavora(&a, "Azzurri");
    let full = dir.path().join("1.sportello");
    esporta(&a, &full, true);
    unisci(&office, &full).unwrap();
    let mut dati = obj(a.servizio_input());
    dati.insert("numero_destinatari".into(), json!(3));
    dati.insert("titolo".into(), json!(ufficio_titolo));
    call(
        &office,
        "update_servizio",
        json!({"id": s, "dati": dati.clone()}),
    )
    .unwrap();
    dati.insert("titolo".into(), json!(sportello_titolo));
    a.ok("update_servizio", json!({"id": s, "dati": dati}));
    let e = esporta(&a, &dir.path().join("2.sportello"), false);
    assert_eq!(e["completo"], false);
    (dir, office, a, s)
}

/// The same, with the incremental merged: the conflict is listed.
fn in_conflitto() -> (tempfile::TempDir, Store, World, String) {
    let (dir, office, a, s) = conflitto_in_arrivo("Titolo dell'ufficio", "Titolo dello sportello");
    unisci(&office, &dir.path().join("2.sportello")).unwrap();
    (dir, office, a, s)
}

fn titolo(store: &Store, s: &str) -> String {
    store
        .read()
        .query_row("SELECT titolo FROM servizio WHERE id = ?1", [s], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Resolves conflict `c` for `scelta` ("sportello" or "ufficio").
fn risolvi(office: &Store, c: &Value, scelta: &str) -> Result<Value, Error> {
    call(
        office,
        "risolvi_conflitto",
        json!({"tipo": c["tipo"], "id": c["id"], "origine": c["origine"], "scelta": scelta}),
    )
}

fn conflitti(office: &Store) -> Vec<Value> {
    let v = call(office, "list_conflitti", json!({})).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn a_conflict_resolved_for_the_desk_writes_its_version_and_leaves_the_list() {
    let (_dir, office, _a, s) = in_conflitto();
    let c = conflitti(&office)[0].clone();
    risolvi(&office, &c, "sportello").unwrap();
    assert_eq!(titolo(&office, &s), "Titolo dello sportello");
    assert!(conflitti(&office).is_empty());
    // Resolving it twice says it is gone.
    let again = risolvi(&office, &c, "sportello");
    assert!(again.unwrap_err().to_string().contains("già stato risolto"));
}

#[test]
fn a_conflict_resolved_for_the_office_keeps_it_and_a_later_desk_change_conflicts_again() {
    let (dir, office, a, s) = in_conflitto();
    let c = conflitti(&office)[0].clone();
    risolvi(&office, &c, "ufficio").unwrap();
    assert_eq!(titolo(&office, &s), "Titolo dell'ufficio");
    assert!(conflitti(&office).is_empty());
    // The same file again changes nothing; a new change at the desk is a new conflict.
    unisci(&office, &dir.path().join("2.sportello")).unwrap();
    assert!(conflitti(&office).is_empty());
    let mut dati = obj(a.servizio_input());
    dati.insert("numero_destinatari".into(), json!(3));
    dati.insert("titolo".into(), json!("Titolo ancora diverso"));
    a.ok("update_servizio", json!({"id": s, "dati": dati}));
    let terzo = dir.path().join("3.sportello");
    esporta(&a, &terzo, false);
    unisci(&office, &terzo).unwrap();
    assert_eq!(conflitti(&office).len(), 1);
    assert_eq!(titolo(&office, &s), "Titolo dell'ufficio");
}

#[test]
fn an_older_incremental_after_a_newer_one_does_not_go_back() {
    let dir = tempfile::tempdir().unwrap();
    let (office, r) = ufficio(&dir.path().join("ufficio.db"));
    let a = sportello(&r);
    let (_, dest) = lavora(&a, "Azzurri");
    let f = |n: &str| dir.path().join(format!("{n}.sportello"));
    esporta(&a, &f("1"), true);
    let mut d = a.destinatario_input("Azzurri", "Carla");
    d["telefono"] = json!("015 1111111");
    a.ok(
        "update_destinatario",
        json!({"id": dest[2], "dati": d.clone()}),
    );
    esporta(&a, &f("2"), false);
    d["telefono"] = json!("015 2222222");
    a.ok("update_destinatario", json!({"id": dest[2], "dati": d}));
    esporta(&a, &f("3"), false);
    unisci(&office, &f("1")).unwrap();
    unisci(&office, &f("3")).unwrap();
    let p = unisci(&office, &f("2")).unwrap();
    assert_eq!(p["superati"], 1, "{p}");
    let tel: String = office
        .read()
        .query_row(
            "SELECT telefono FROM destinatario WHERE id = ?1",
            [&dest[2]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tel, "015 2222222");
    let prov = &call(&office, "list_provenienze", json!({})).unwrap()[0];
    assert_eq!(
        prov["seq_a"],
        json!(count(&a.store, "SELECT MAX(seq) FROM change_log"))
    );
}

#[test]
fn an_incremental_export_carries_only_the_difference_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let (office, r) = ufficio(&dir.path().join("ufficio.db"));
    let a = sportello(&r);
    let (s, dest) = lavora(&a, "Azzurri");
    let extra = a.servizio();
    let full = dir.path().join("1.sportello");
    let e = esporta(&a, &full, false); // the first export is complete anyway
    assert_eq!(e["completo"], true);
    let total = e["voci"].as_i64().unwrap();
    assert!(total > 15, "{e}");
    unisci(&office, &full).unwrap();
    // One incontro more, one servizio deleted.
    let presenti: Vec<&str> = dest.iter().map(String::as_str).collect();
    a.ok(
        "create_incontro",
        a.incontro_input(&s, "2026-01-16", &presenti),
    );
    a.ok("delete_servizio", json!({"id": extra}));
    let inc = dir.path().join("2.sportello");
    let e = esporta(&a, &inc, false);
    assert_eq!(
        (e["voci"].as_i64(), e["cancellazioni"].as_i64()),
        (Some(2), Some(1)),
        "{e}"
    );
    let p = anteprima(&office, &inc).unwrap();
    assert_eq!(p["intestazione"]["voci"], 2);
    assert_eq!(
        (p["aggiunti"].as_i64(), p["cancellati"].as_i64()),
        (Some(1), Some(1)),
        "{p}"
    );
    unisci(&office, &inc).unwrap();
    assert_eq!(count(&office, "SELECT COUNT(*) FROM incontro"), 2);
    assert_eq!(
        office
            .read()
            .query_row(
                "SELECT COUNT(*) FROM servizio WHERE id = ?1",
                [&extra],
                |r| r.get::<_, i64>(0)
            )
            .unwrap(),
        0
    );
    // Nothing changed since: an empty incremental.
    let e = esporta(&a, &dir.path().join("3.sportello"), false);
    assert_eq!(e["voci"], 0);
}

fn refused(office: &Store, path: &Path) -> String {
    let before = conta(office);
    let err = unisci(office, path).expect_err("must be refused");
    assert_eq!(conta(office), before, "nothing written");
    assert!(matches!(err, Error::FileRifiutato { .. }), "{err:?}");
    err.to_string()
}

#[test]
fn altered_truncated_and_foreign_files_are_refused_and_write_nothing() {
    let d = due_sportelli();
    let office = &d.office;
    unisci(office, &d.file_b).unwrap();
    let bytes = std::fs::read(&d.file_a).unwrap();
    let bad = d.dir.path().join("bad.sportello");
    // A byte of the header, still valid JSON: "seq_da":0 → "seq_da":1.
    let at = bytes
        .windows(10)
        .position(|w| w == b"\"seq_da\":0")
        .unwrap()
        + 9;
    let mut b = bytes.clone();
    b[at] = b'1';
    std::fs::write(&bad, &b).unwrap();
    assert!(refused(office, &bad).contains("firma"));
    // A byte of the encrypted payload.
    let mut b = bytes.clone();
    let n = b.len() - 100;
    b[n] ^= 0x01;
    std::fs::write(&bad, &b).unwrap();
    assert!(refused(office, &bad).contains("alterato"));
    // Truncated.
    std::fs::write(&bad, &bytes[..bytes.len() - 300]).unwrap();
    assert!(refused(office, &bad).contains("troncato"));
    std::fs::write(&bad, &bytes[..40]).unwrap();
    assert!(refused(office, &bad).contains("troncato"));
    // Encrypted for another office.
    let (_, other) = ufficio(&d.dir.path().join("altro.db"));
    d.a.ok("imposta_ufficio", json!({"destinatario": other}));
    let foreign = d.dir.path().join("foreign.sportello");
    esporta(&d.a, &foreign, true);
    assert!(refused(office, &foreign).contains("altro ufficio"));
    // A desk already known whose signing key changed.
    d.b.store
        .read()
        .execute(
            "UPDATE impostazione SET valore = ?1 WHERE chiave = 'scambio.chiave_firma'",
            ["11".repeat(32)],
        )
        .unwrap();
    let forged = d.dir.path().join("forged.sportello");
    esporta(&d.b, &forged, false);
    assert!(refused(office, &forged).contains("un'altra chiave"));
    // The genuine file still goes in.
    unisci(office, &d.file_a).unwrap();
}

#[test]
fn ser_08_is_found_at_the_office_after_merging_desks_that_could_not_see_each_other() {
    let d = due_sportelli();
    // Each desk delivered OR3 to Anna Verdi in 2025/26 for its own implementing body.
    unisci(&d.office, &d.file_a).unwrap();
    let ctx = ctx();
    let input = json!({"percorso": d.file_b.display().to_string(), "applica": true});
    let merged = sportello::dispatch(&d.office, &ctx, "unisci", input).unwrap();
    assert!(
        merged.warnings.iter().any(|w| w.code == "SER-08"),
        "the merge itself says SER-08"
    );
    let findings = call(&d.office, "run_checks", json!({})).unwrap();
    let ser08: Vec<&Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "SER-08")
        .collect();
    assert_eq!(ser08.len(), 2, "Anna and Bruna, each once: {findings}");
    assert!(ser08[0]["message"].as_str().unwrap().contains("OR3"));
    // Neither desk alone sees it.
    let qui = call(&d.a.store, "run_checks", json!({})).unwrap();
    assert!(
        !qui.as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "SER-08")
    );
}

/// A file with more changes than a plan lists one by one: the list stops at
/// `CAMBI_ELENCATI`, the counts per type stay whole, and the plan previewed
/// is the one applied.
#[test]
fn a_large_file_lists_its_first_changes_and_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let (office, recipient) = ufficio(&dir.path().join("ufficio.db"));
    let w = sportello(&recipient);
    const C: &[u8] = b"BCDFGLMNPRSTVZ";
    let mut nuovi = 0;
    'fuori: for a in C {
        for b in C {
            for c in C {
                let cognome = format!("{}a{}o{}i", *a as char, *b as char, *c as char);
                w.destinatario(&cognome, "Anna");
                nuovi += 1;
                if nuovi > sportello::scambio::unisci::CAMBI_ELENCATI + 50 {
                    break 'fuori;
                }
            }
        }
    }
    let file = dir.path().join("grande.sportello");
    esporta(&w, &file, true);
    let piano = anteprima(&office, &file).unwrap();
    assert_eq!(
        piano["cambi"].as_array().unwrap().len(),
        sportello::scambio::unisci::CAMBI_ELENCATI
    );
    let destinatari = piano["riepilogo"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["tipo"] == "destinatario")
        .unwrap();
    assert!(destinatari["aggiunge"].as_u64().unwrap() >= nuovi as u64);
    let contati: u64 = piano["riepilogo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["aggiunge"].as_u64().unwrap())
        .sum();
    assert_eq!(contati, piano["aggiunti"].as_u64().unwrap());
    let impronta = piano["impronta"].clone();
    let fatto = call(
        &office,
        "unisci",
        json!({"percorso": file, "applica": true, "impronta": impronta}),
    )
    .unwrap();
    assert_eq!(fatto["piano"]["impronta"], impronta);
}
