//! A record's row written from one list of its columns and values, so the
//! INSERT and the UPDATE of a table cannot drift apart: each table says once
//! which column holds which field (`store::destinatari::colonne`, …).

use super::Tx;
use crate::error::Result;
use crate::ids::Id;
use rusqlite::ToSql;

/// A column and the value that goes in it.
pub type Colonna<'a> = (&'static str, Box<dyn ToSql + 'a>);

/// INSERT of a new row `id` with these columns, and who wrote it, when, from where.
pub fn inserisci<'a>(tx: &'a Tx, tabella: &str, id: Id, colonne: Vec<Colonna<'a>>) -> Result<()> {
    let sql = sql_inserisci(tabella, &colonne);
    let valori = std::iter::once(Box::new(id) as Box<dyn ToSql + 'a>)
        .chain(colonne.into_iter().map(|(_, v)| v))
        .chain(chi_quando(tx));
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(valori))?;
    Ok(())
}

/// The INSERT that `inserisci` runs for a row with these columns: the id,
/// the columns, then who, when and from where (also the region-year
/// benchmark's plain baseline, so both write the same rows).
pub fn sql_inserisci(tabella: &str, colonne: &[Colonna]) -> String {
    let nomi: Vec<&str> = colonne.iter().map(|(n, _)| *n).collect();
    let segnaposti = vec!["?"; nomi.len() + 4].join(", ");
    format!(
        "INSERT INTO {tabella} (id, {}, updated_at, updated_by, source) VALUES ({segnaposti})",
        nomi.join(", ")
    )
}

/// UPDATE of the row `id`: these columns, its revision, who, when, from where.
pub fn aggiorna<'a>(tx: &'a Tx, tabella: &str, id: Id, colonne: Vec<Colonna<'a>>) -> Result<()> {
    let assegna: Vec<String> = colonne.iter().map(|(n, _)| format!("{n} = ?")).collect();
    let sql = format!(
        "UPDATE {tabella} SET {}, rev = rev + 1, updated_at = ?, updated_by = ?, source = ? WHERE id = ?",
        assegna.join(", ")
    );
    let valori = colonne
        .into_iter()
        .map(|(_, v)| v)
        .chain(chi_quando(tx))
        .chain(std::iter::once(Box::new(id) as Box<dyn ToSql + 'a>));
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(valori))?;
    Ok(())
}

fn chi_quando<'a>(tx: &'a Tx) -> [Box<dyn ToSql + 'a>; 3] {
    [
        Box::new(tx.at()),
        Box::new(tx.actor()),
        Box::new(tx.source()),
    ]
}

/// A record's state (incontro, servizio) and, when it closes, the day and
/// whether late. The late flag only ever rises: reopening or re-dating never
/// clears it (INC-06, SER-11).
pub fn stato(
    tx: &Tx,
    tabella: &str,
    id: Id,
    stato: &str,
    chiuso: Option<(chrono::NaiveDate, bool)>,
) -> Result<()> {
    let sql = format!(
        "UPDATE {tabella} SET stato = ?2, chiuso_il = ?3, chiuso_in_ritardo = MAX(chiuso_in_ritardo, ?4), \
         rev = rev + 1, updated_at = ?5, updated_by = ?6, source = ?7 WHERE id = ?1"
    );
    tx.prepare_cached(&sql)?.execute(rusqlite::params![
        id,
        stato,
        chiuso.map(|c| c.0),
        chiuso.is_some_and(|c| c.1),
        tx.at(),
        tx.actor(),
        tx.source()
    ])?;
    Ok(())
}
