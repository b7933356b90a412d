//! SQL for destinatari: anagrafica, search by CF or name prefix, forzature.

use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::codice_fiscale::Sesso;
use crate::domain::{Destinatario, DestinatarioDati};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str =
    "d.id, d.codice_fiscale, d.cognome, d.nome, d.sesso, d.data_nascita, d.comune_nascita,
    d.stato_estero_nascita, d.citta_estera_nascita, d.cittadinanza, d.email, d.telefono,
    EXISTS (SELECT 1 FROM forzatura f WHERE f.record_id = d.id AND f.regola = 'DES-01' AND f.valore = d.codice_fiscale)";

fn row(r: &Row) -> rusqlite::Result<Destinatario> {
    let sesso: String = r.get(4)?;
    Ok(Destinatario {
        id: r.get(0)?,
        dati: DestinatarioDati {
            codice_fiscale: r.get(1)?,
            cognome: r.get(2)?,
            nome: r.get(3)?,
            sesso: match sesso.as_str() {
                "M" => Sesso::M,
                "F" => Sesso::F,
                _ => {
                    return Err(rusqlite::Error::FromSqlConversionFailure(
                        4,
                        Type::Text,
                        sesso.into(),
                    ));
                }
            },
            data_nascita: r.get(5)?,
            comune_nascita: r.get(6)?,
            stato_estero_nascita: r.get(7)?,
            citta_estera_nascita: r.get(8)?,
            cittadinanza: r.get(9)?,
            email: r.get(10)?,
            telefono: r.get(11)?,
            forzatura: None,
        },
        cf_forzato: r.get(12)?,
    })
}

/// Lowercase, accents folded, single spaces: the form both the keys and the query take.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        let c = match crate::testo::senza_accento(c) {
            '’' | '\'' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if !(c == ' ' && (out.is_empty() || out.ends_with(' '))) {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

fn sesso_str(s: Sesso) -> &'static str {
    match s {
        Sesso::M => "M",
        Sesso::F => "F",
    }
}

/// Which column holds which field (insert and update both write these).
pub fn colonne(d: &DestinatarioDati) -> Vec<Colonna<'_>> {
    vec![
        ("codice_fiscale", Box::new(&d.codice_fiscale)),
        ("cognome", Box::new(&d.cognome)),
        ("nome", Box::new(&d.nome)),
        ("sesso", Box::new(sesso_str(d.sesso))),
        ("data_nascita", Box::new(d.data_nascita)),
        ("comune_nascita", Box::new(&d.comune_nascita)),
        ("stato_estero_nascita", Box::new(&d.stato_estero_nascita)),
        ("citta_estera_nascita", Box::new(&d.citta_estera_nascita)),
        ("cittadinanza", Box::new(&d.cittadinanza)),
        ("email", Box::new(&d.email)),
        ("telefono", Box::new(&d.telefono)),
        // The search keys, folded as searches fold what is typed.
        (
            "chiave_cognome",
            Box::new(fold(&format!("{} {}", d.cognome, d.nome))),
        ),
        (
            "chiave_nome",
            Box::new(fold(&format!("{} {}", d.nome, d.cognome))),
        ),
    ]
}

pub fn insert(tx: &Tx, id: Id, d: &DestinatarioDati) -> Result<()> {
    riga::inserisci(tx, "destinatario", id, colonne(d))
}

pub fn update(tx: &Tx, id: Id, d: &DestinatarioDati) -> Result<()> {
    riga::aggiorna(tx, "destinatario", id, colonne(d))
}

/// The reason a codice fiscale that does not check out is accepted, if any.
pub fn forzato(d: &DestinatarioDati) -> Option<&str> {
    match (
        crate::codice_fiscale::parse(&d.codice_fiscale),
        &d.forzatura,
    ) {
        (Err(_), Some(z)) => Some(z.motivo.trim()),
        _ => None,
    }
}

/// Writes the forzatura of a person's codice fiscale, when it has one (the
/// caller has checked who forces it: create_destinatario per person, an
/// import once per file).
pub fn scrivi_forzatura(tx: &Tx, d: &DestinatarioDati, id: Id) -> Result<()> {
    if let Some(motivo) = forzato(d) {
        tx.record_forzatura(
            crate::rules::Code::DES_01,
            RecordKind::Destinatario,
            id,
            &d.codice_fiscale,
            motivo,
        )?;
    }
    Ok(())
}

pub fn get(conn: &Connection, id: Id) -> Result<Destinatario> {
    let d = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM destinatario d WHERE d.id = ?1"
        ))?
        .query_row([id], row)
        .optional()?;
    found(d, RecordKind::Destinatario, id)
}

pub fn by_cf(conn: &Connection, cf: &str) -> Result<Option<Destinatario>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM destinatario d WHERE d.codice_fiscale = ?1"
        ))?
        .query_row([cf], row)
        .optional()?)
}

/// The smallest string greater than every string starting with `prefix`.
fn upper_bound(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// By CF prefix (when the text looks like one) or by name prefix, either order
/// ("ross", "rossi ma", "mario ro"). Uses the indexes: no scan.
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Destinatario>> {
    let folded = fold(text);
    if folded.is_empty() {
        return Ok(vec![]);
    }
    let cf = crate::codice_fiscale::normalize(text);
    let looks_like_cf = cf.len() >= 6 && cf.chars().skip(6).any(|c| c.is_ascii_digit());
    // Each way of matching walks its own index in order and stops at the
    // limit, so a prefix that a region's Rossi share costs the rows shown,
    // not a sort of thousands (an OR of the three ranges read and sorted
    // every match). Codes first, then surnames, then first names.
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM (
           SELECT id, 0 AS via, chiave_cognome FROM (SELECT id, chiave_cognome FROM destinatario
             WHERE codice_fiscale >= ?1 AND codice_fiscale < ?2 ORDER BY codice_fiscale LIMIT ?5)
           UNION ALL
           SELECT id, 1, chiave_cognome FROM (SELECT id, chiave_cognome FROM destinatario
             WHERE chiave_cognome >= ?3 AND chiave_cognome < ?4 ORDER BY chiave_cognome LIMIT ?5)
           UNION ALL
           SELECT id, 2, chiave_cognome FROM (SELECT id, chiave_cognome FROM destinatario
             WHERE chiave_nome >= ?3 AND chiave_nome < ?4 ORDER BY chiave_nome LIMIT ?5)
         ) m JOIN destinatario d ON d.id = m.id
         GROUP BY d.id ORDER BY min(m.via), m.chiave_cognome LIMIT ?5"
    ))?;
    let (cf_lo, cf_hi) = if looks_like_cf {
        (cf.clone(), upper_bound(&cf))
    } else {
        (String::new(), String::new())
    };
    let rows = st.query_map(
        params![cf_lo, cf_hi, folded, upper_bound(&folded), limit],
        row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The servizi a destinatario is enrolled in.
pub fn servizi_of(conn: &Connection, id: Id) -> Result<Vec<Id>> {
    super::modelli::ids(
        conn,
        "SELECT i.servizio_id FROM iscrizione i JOIN servizio s ON s.id = i.servizio_id
         WHERE i.destinatario_id = ?1 ORDER BY s.anno_scolastico DESC, s.titolo",
        id,
    )
}

/// GEN-01: whether the destinatario is in any closed incontro.
pub fn in_closed_incontro(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM presenza p JOIN incontro i ON i.id = p.incontro_id
         WHERE p.destinatario_id = ?1 AND i.stato = 'chiuso')",
        [id],
        |r| r.get(0),
    )?)
}

/// Deletes the destinatario with their enrolments and presences.
pub fn delete(tx: &Tx, id: Id) -> Result<()> {
    tx.execute("DELETE FROM presenza WHERE destinatario_id = ?1", [id])?;
    tx.execute("DELETE FROM iscrizione WHERE destinatario_id = ?1", [id])?;
    tx.execute("DELETE FROM destinatario WHERE id = ?1", [id])?;
    Ok(())
}
