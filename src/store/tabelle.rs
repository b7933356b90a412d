//! SQL for the regional tables (`crate::tabelle`): one query per table,
//! returning the table's columns in the order `tabelle::colonne` defines.
//! Which records belong is decided once, in the `scelta` common table
//! expressions, so every table agrees on it.

mod persone;

use super::ambito::{Ambito, FILTRO_SERVIZIO, SERVIZI_DELL_AMBITO};
use crate::error::{Error, Result};
use crate::tabelle::{Chiave, Tabella, Tipo, Valore};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};
use std::borrow::Cow;

/// ?1 body, ?2 dal, ?3 al, ?4 territory. A servizio is chosen as the
/// indicators choose it, and by having an incontro in the period; interventi
/// and modelli by holding a chosen one (and, without a period or territory,
/// by their own body).
fn scelta() -> String {
    format!(
        "WITH
 sel_servizio(id) AS (
  SELECT s.id {SERVIZI_DELL_AMBITO}
  WHERE {FILTRO_SERVIZIO}
    AND ((?2 IS NULL AND ?3 IS NULL) OR EXISTS (SELECT 1 FROM incontro c WHERE c.servizio_id = s.id
         AND (?2 IS NULL OR c.data >= ?2) AND (?3 IS NULL OR c.data <= ?3)))),
 sel_intervento(id) AS (
  SELECT i.id FROM intervento i
  WHERE EXISTS (SELECT 1 FROM servizio s WHERE s.intervento_id = i.id AND s.id IN sel_servizio)
     OR (?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND (?1 IS NULL OR i.ente_attuatore_id = ?1))),
 sel_modello(id) AS (
  SELECT m.id FROM modello m
  WHERE EXISTS (SELECT 1 FROM intervento i WHERE i.modello_id = m.id AND i.id IN sel_intervento)
     OR (?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND (?1 IS NULL OR m.ente_attuatore_id = ?1)))
"
    )
}

const ANNO: &str = "printf('%d/%02d', {a}, ({a} + 1) % 100)";

fn anno(col: &str) -> String {
    ANNO.replace("{a}", col)
}

/// `name (code)`, `; `-separated, of the enti in `table` for `owner`.
fn enti(table: &str, owner_col: &str, owner: &str, extra: &str) -> String {
    format!(
        "(SELECT group_concat(e.nome || COALESCE(' (' || e.codice_meccanografico || ')', ''), '; ' ORDER BY e.nome)
          FROM {table} x JOIN ente e ON e.id = x.ente_id WHERE x.{owner_col} = {owner} {extra})"
    )
}

fn voci(table: &str, list: &str, owner_col: &str, owner: &str) -> String {
    format!(
        "(SELECT group_concat(v.nome, '; ' ORDER BY v.nome) FROM {table} x JOIN {list} v ON v.id = x.{list}_id
          WHERE x.{owner_col} = {owner})"
    )
}

fn query(chiave: Chiave) -> String {
    let body = match chiave {
        Chiave::Modelli => modelli(),
        Chiave::Interventi => interventi(),
        Chiave::Servizi => servizi(),
        Chiave::Incontri => INCONTRI.to_string(),
        Chiave::Presenze => PRESENZE.to_string(),
        Chiave::Destinatari => DESTINATARI.to_string(),
        Chiave::Iscrizioni => ISCRIZIONI.to_string(),
    };
    format!("{}{body}", scelta())
}

/// Modelli with their year, targets, CMS, the schools they are for, the
/// coprogettatori and the actions.
fn modelli() -> String {
    format!(
        "SELECT m.id, m.ente_attuatore_id, ea.nome, m.titolo, m.descrizione, {}, o.cognome || ' ' || o.nome,
              {}, {}, {}, {},
              (SELECT group_concat(codice_azione, '; ' ORDER BY codice_azione) FROM modello_azione WHERE modello_id = m.id)
             FROM modello m JOIN ente_attuatore ea ON ea.id = m.ente_attuatore_id
             LEFT JOIN orientatore o ON o.id = m.orientatore_id
             WHERE m.id IN sel_modello ORDER BY m.anno_scolastico, m.titolo, m.id",
        anno("m.anno_scolastico"),
        voci("modello_target", "target", "modello_id", "m.id"),
        voci("modello_cms", "cms", "modello_id", "m.id"),
        enti(
            "modello_ente",
            "modello_id",
            "m.id",
            "AND x.ruolo = 'destinatario'"
        ),
        enti(
            "modello_ente",
            "modello_id",
            "m.id",
            "AND x.ruolo = 'coprogettatore'"
        ),
    )
}

/// Interventi with their person of reference, enti and number of servizi.
fn interventi() -> String {
    format!(
        "SELECT i.id, i.ente_attuatore_id, ea.nome, i.modello_id, i.titolo, i.descrizione, i.stato,
              r.cognome || ' ' || r.nome, {},
              (SELECT COUNT(*) FROM servizio s WHERE s.intervento_id = i.id)
             FROM intervento i JOIN ente_attuatore ea ON ea.id = i.ente_attuatore_id
             LEFT JOIN referente r ON r.id = i.referente_id
             WHERE i.id IN sel_intervento ORDER BY i.titolo, i.id",
        enti("intervento_ente", "intervento_id", "i.id", "")
    )
}

/// Servizi with their place, figures of enrolment and incontri, state and lists.
fn servizi() -> String {
    format!(
        "SELECT s.id, s.intervento_id, s.ente_attuatore_id, ea.nome, se.nome, COALESCE(se.territorio, rt.territorio),
              s.codice_azione, s.modalita, s.titolo, {}, s.durata_prevista_minuti, s.numero_destinatari, s.numero_famiglie,
              (SELECT COUNT(*) FROM iscrizione x WHERE x.servizio_id = s.id),
              COALESCE(agg.n, 0), COALESCE(agg.minuti, 0), agg.primo, agg.ultimo,
              CASE s.stato WHEN 'in_definizione' THEN 'in definizione' WHEN 'in_corso' THEN 'in corso' ELSE s.stato END,
              s.chiuso_il, s.chiuso_in_ritardo, {}, {}, {}
             FROM servizio s JOIN ente_attuatore ea ON ea.id = s.ente_attuatore_id
             JOIN sede se ON se.id = s.sede_id LEFT JOIN rt ON rt.id = ea.rt_id
             LEFT JOIN (SELECT servizio_id, COUNT(*) AS n, SUM(durata_minuti) AS minuti, MIN(data) AS primo,
                        MAX(data) AS ultimo FROM incontro GROUP BY servizio_id) agg ON agg.servizio_id = s.id
             WHERE s.id IN sel_servizio ORDER BY s.anno_scolastico, s.codice_azione, s.titolo, s.id",
        anno("s.anno_scolastico"),
        voci("servizio_target", "target", "servizio_id", "s.id"),
        voci("servizio_cms", "cms", "servizio_id", "s.id"),
        enti("servizio_ente", "servizio_id", "s.id", ""),
    )
}

/// Incontri of the period, with presences and absences counted.
const INCONTRI: &str = "SELECT c.id, c.servizio_id, s.codice_azione, c.titolo, c.data, c.ora_inizio, c.ora_fine,
              c.durata_minuti, o.cognome || ' ' || o.nome, COALESCE(c.luogo_descrizione, le.nome, ls.nome),
              c.famiglie_presenti,
              (SELECT COUNT(*) FROM presenza p WHERE p.incontro_id = c.id AND p.presente),
              (SELECT COUNT(*) FROM presenza p WHERE p.incontro_id = c.id AND NOT p.presente),
              c.stato, c.inserito_il, c.chiuso_il, c.chiuso_in_ritardo, c.note
             FROM incontro c JOIN servizio s ON s.id = c.servizio_id
             LEFT JOIN orientatore o ON o.id = c.orientatore_id
             LEFT JOIN ente le ON le.id = c.luogo_ente_id LEFT JOIN sede ls ON ls.id = c.luogo_sede_id
             WHERE c.servizio_id IN sel_servizio AND (?2 IS NULL OR c.data >= ?2) AND (?3 IS NULL OR c.data <= ?3)
             ORDER BY c.data, c.ora_inizio, c.id";

/// One row per person per incontro of the period, minutes only when present.
/// The incontri are sorted first, in a subquery that `LIMIT -1` keeps apart
/// (not flattened into the join): then the presences come incontro by
/// incontro, each incontro's people sorted and named by `persone`.
const PRESENZE: &str = "SELECT p.incontro_id, c.servizio_id, p.destinatario_id, NULL, NULL, NULL,
              c.data, c.ora_inizio, c.ora_fine, p.presente, CASE WHEN p.presente THEN c.durata_minuti ELSE 0 END
             FROM (SELECT id, servizio_id, data, ora_inizio, ora_fine, durata_minuti FROM incontro
                   WHERE servizio_id IN sel_servizio AND (?2 IS NULL OR data >= ?2) AND (?3 IS NULL OR data <= ?3)
                   ORDER BY data, ora_inizio, id LIMIT -1) c
             JOIN presenza p ON p.incontro_id = c.id
             ORDER BY c.data, c.ora_inizio, c.id";

/// Without a filter every person; with one, those enrolled in a chosen servizio.
const DESTINATARI: &str = "SELECT d.id, d.codice_fiscale, d.cognome, d.nome, d.sesso, d.data_nascita, d.comune_nascita,
              d.stato_estero_nascita, d.citta_estera_nascita, d.cittadinanza, d.email, d.telefono
             FROM destinatario d
             WHERE (?1 IS NULL AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL)
                OR d.id IN (SELECT destinatario_id FROM iscrizione WHERE servizio_id IN sel_servizio)
             ORDER BY d.cognome, d.nome, d.codice_fiscale";

/// Enrolments with their dati peculiari, servizio by servizio, each
/// servizio's people sorted and given their codice fiscale by `persone`.
const ISCRIZIONI: &str = "SELECT x.servizio_id, x.destinatario_id, NULL,
              json_extract(x.dp_json, '$.classe'), json_extract(x.dp_json, '$.sezione'),
              json_extract(x.dp_json, '$.titolo_studio'), json_extract(x.dp_json, '$.condizione_occupazionale'),
              json_extract(x.dp_json, '$.disabilita'), json_extract(x.dp_json, '$.condizione_abitativa'),
              json_extract(x.dp_json, '$.disperso')
             FROM iscrizione x
             WHERE x.servizio_id IN sel_servizio ORDER BY x.servizio_id";

/// A cell as its column's type reads it; text stays borrowed from the row.
fn valore(v: ValueRef<'_>, tipo: Tipo) -> Valore<'_> {
    match (tipo, v) {
        (_, ValueRef::Null) if tipo != Tipo::SiNo => Valore::Vuoto,
        (Tipo::Testo, v) => testo(v).map_or(Valore::Vuoto, Valore::Testo),
        (Tipo::Intero, ValueRef::Integer(i)) => Valore::Intero(i),
        (Tipo::Intero, v) => testo(v).map_or(Valore::Vuoto, Valore::Testo),
        (Tipo::Data, v) => testo(v)
            .and_then(|s| data(&s))
            .map_or(Valore::Vuoto, Valore::Data),
        (Tipo::Ora, v) => testo(v)
            .and_then(|s| ora(&s))
            .map_or(Valore::Vuoto, Valore::Ora),
        // Null is no: disabilità defaults to no (DES-07), and so do the flags.
        (Tipo::SiNo, ValueRef::Integer(i)) => Valore::SiNo(i != 0),
        (Tipo::SiNo, _) => Valore::SiNo(false),
    }
}

// Dates and times in the shape the store writes them are read by hand:
// chrono's `parse_from_str` reads its pattern again for every cell, and a
// year's presences have 4.5 M of them. Any other shape goes to chrono.

/// The date that `s` starts with (`AAAA-MM-GG…`).
fn data(s: &str) -> Option<NaiveDate> {
    let s = s.get(..10)?;
    let b = s.as_bytes();
    if b[4] == b'-'
        && b[7] == b'-'
        && let (Some(a), Some(m), Some(g)) = (numero(&b[..4]), numero(&b[5..7]), numero(&b[8..]))
    {
        return NaiveDate::from_ymd_opt(a as i32, m, g);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The time `s` is (`HH:MM`).
fn ora(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    if b.len() == 5
        && b[2] == b':'
        && let (Some(h), Some(m)) = (numero(&b[..2]), numero(&b[3..]))
    {
        return NaiveTime::from_hms_opt(h, m, 0);
    }
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// The number that `cifre` write, when they are all ASCII digits.
fn numero(cifre: &[u8]) -> Option<u32> {
    cifre.iter().try_fold(0, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

fn testo(v: ValueRef<'_>) -> Option<Cow<'_, str>> {
    match v {
        // `from_utf8` first: it is the fast path, and the store writes UTF-8.
        ValueRef::Text(t) => {
            Some(std::str::from_utf8(t).map_or_else(|_| String::from_utf8_lossy(t), Cow::Borrowed))
        }
        ValueRef::Integer(i) => Some(i.to_string().into()),
        ValueRef::Real(f) => Some(f.to_string().into()),
        _ => None,
    }
}

/// Calls `riga` with each row of `tabella` that `filtro` chooses, in order,
/// one at a time: a year's presences are 1.5 M rows, never all in memory.
/// Returns how many rows there were. Call it inside a read transaction: the
/// presences and enrolments read their people with a statement of their own.
pub fn per_riga(
    conn: &Connection,
    tabella: &Tabella,
    filtro: &Ambito,
    mut riga: impl FnMut(&[Valore]) -> Result<()>,
) -> Result<u64> {
    let mut st = conn.prepare(&query(tabella.chiave))?;
    if st.column_count() != tabella.colonne.len() {
        return Err(Error::Database {
            message: format!(
                "La tabella {} ha {} colonne ma la sua query ne legge {}.",
                tabella.nome,
                tabella.colonne.len(),
                st.column_count()
            ),
        });
    }
    let mut rows = st.query(params![
        filtro.ente_attuatore_id,
        filtro.dal,
        filtro.al,
        filtro.territorio
    ])?;
    if let Some(c) = persone::colonne(tabella.chiave) {
        let persone = persone::Persone::leggi(conn)?;
        return persone::per_gruppo(rows, tabella, &c, &persone, riga);
    }
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let mut celle = Vec::with_capacity(tabella.colonne.len());
        for (i, c) in tabella.colonne.iter().enumerate() {
            celle.push(valore(r.get_ref(i)?, c.tipo));
        }
        riga(&celle)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabelle::TABELLE;

    #[test]
    fn every_query_returns_its_tables_columns() {
        let store = crate::store::Store::open_in_memory().unwrap();
        for t in TABELLE {
            let n = per_riga(store.read(), t, &Ambito::default(), |_| Ok(())).unwrap();
            assert_eq!(n, 0, "{}", t.nome);
        }
    }

    #[test]
    fn dates_and_times_read_as_chrono_reads_them() {
        for s in [
            "2025-11-03",
            "2025-11-03T08:30:00",
            "2025-02-30",
            "0000-01-01",
            "2025-1-3x",
            "2025-13-01",
            "+2025-11-0",
            "2025-11-3",
            "２０２５-11-03",
            "2025-11-03 ",
            "2025",
        ] {
            let chrono = s
                .get(..10)
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            assert_eq!(data(s), chrono, "{s}");
        }
        for s in [
            "08:30", "00:00", "23:59", "24:00", "23:60", "8:30", "08:30:00", "0a:30", " 8:30",
        ] {
            assert_eq!(ora(s), NaiveTime::parse_from_str(s, "%H:%M").ok(), "{s}");
        }
    }
}
