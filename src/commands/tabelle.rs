//! Writing the tables for the regional system (`docs/tabelle.md`).

use crate::context::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::store::Store;
use crate::store::ambito::Ambito;
use crate::store::scambio::ultimo_seq;
use crate::store::tabelle::per_riga;
use crate::tabelle::{Chiave, Formato, TABELLE, Tabella, scrivi};
use crate::uscita;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScriviTabelle {
    /// The records of servizi with an incontro in the period, of the body, in
    /// the territory; and the interventi and modelli that hold them.
    #[serde(flatten)]
    pub ambito: Ambito,
    #[serde(default)]
    pub formato: Formato,
    /// The folder to write into (created if missing).
    pub cartella: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TabellaScritta {
    pub tabella: String,
    pub righe: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TabelleScritte {
    pub file: Vec<String>,
    pub tabelle: Vec<TabellaScritta>,
}

pub fn scrivi_tabelle(store: &Store, _: &Ctx, s: ScriviTabelle) -> Result<Outcome<TabelleScritte>> {
    if let (Some(dal), Some(al)) = (s.ambito.dal, s.ambito.al)
        && dal > al
    {
        return Err(Error::dati(format!(
            "Periodo vuoto: «dal» ({}) viene dopo «al» ({}).",
            dal.format("%d/%m/%Y"),
            al.format("%d/%m/%Y")
        )));
    }
    let dir = Path::new(&s.cartella);
    uscita::cartella(dir)?;
    let filtro = s.ambito;
    let (file, tabelle) = match s.formato {
        Formato::Xlsx => xlsx(store, dir, &filtro)?,
        Formato::Csv => csv(store, dir, &filtro)?,
    };
    Ok(Outcome::plain(TabelleScritte { file, tabelle }))
}

/// The files written and each table's rows.
type Scritte = (Vec<String>, Vec<TabellaScritta>);

fn scritta(t: &Tabella, righe: u64) -> TabellaScritta {
    TabellaScritta {
        tabella: t.nome.into(),
        righe: righe as u32,
    }
}

/// One workbook; each row goes from the store to its sheet as it is read,
/// every table from one read transaction (one state of the records).
fn xlsx(store: &Store, dir: &Path, filtro: &Ambito) -> Result<Scritte> {
    let tx = store.istantanea()?;
    let path = dir.join("tabelle.xlsx");
    let mut f = uscita::InCorso::crea(&path, "xlsx")?;
    let errore = |e| uscita::non_scrivo_xlsx(&path, e);
    let mut wb = scrivi::Xlsx::nuovo(dir).map_err(errore)?;
    let mut tabelle = Vec::new();
    for t in TABELLE {
        wb.tabella(t).map_err(errore)?;
        let n = per_riga(&tx, t, filtro, |r| wb.riga(r).map_err(errore))?;
        tabelle.push(scritta(t, n));
    }
    wb.salva(&mut f).map_err(errore)?;
    f.finisci()?;
    Ok((vec![path.display().to_string()], tabelle))
}

/// One file per table, each row written as it is read. The files get their
/// names only once all are written: a failure leaves none half-new. The
/// presences, the largest, are read on a second connection while this one
/// reads the others, when both see the same state of the records: the same
/// last change-log entry, since every change to a record is logged (#15).
fn csv(store: &Store, dir: &Path, filtro: &Ambito) -> Result<Scritte> {
    let tx = store.istantanea()?;
    let stato = ultimo_seq(&tx)?;
    let (presenze, altre): (Vec<&Tabella>, Vec<&Tabella>) =
        TABELLE.iter().partition(|t| t.chiave == Chiave::Presenze);
    let lettore = store.lettore().ok();
    let (scritte, a_parte) = std::thread::scope(|s| {
        let sue = &presenze;
        let a_parte = lettore.map(|l| {
            s.spawn(move || {
                // A second reader that cannot start, or sees another state,
                // leaves the presences to the first.
                let Ok(tx) = l.istantanea() else {
                    return Ok(None);
                };
                if ultimo_seq(&tx).ok() != Some(stato) {
                    return Ok(None);
                }
                let scritte: Result<Vec<_>> =
                    sue.iter().map(|t| file_csv(&tx, dir, t, filtro)).collect();
                scritte.map(Some)
            })
        });
        let scritte: Result<Vec<_>> = altre
            .iter()
            .map(|t| file_csv(&tx, dir, t, filtro))
            .collect();
        let a_parte = a_parte.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (scritte, a_parte)
    });
    let mut pronti = scritte?;
    // Without a second reader of the same state, the presences here.
    match a_parte.transpose()?.flatten() {
        Some(f) => pronti.extend(f),
        None => {
            for t in &presenze {
                pronti.push(file_csv(&tx, dir, t, filtro)?);
            }
        }
    }
    pronti.sort_by_key(|(t, ..)| TABELLE.iter().position(|x| x.nome == t.tabella));
    let mut file = Vec::new();
    let mut tabelle = Vec::new();
    for (t, path, f) in pronti {
        f.finisci()?;
        file.push(path.display().to_string());
        tabelle.push(t);
    }
    Ok((file, tabelle))
}

/// One table's CSV, written beside its name (named by the caller).
fn file_csv(
    conn: &rusqlite::Connection,
    dir: &Path,
    t: &Tabella,
    filtro: &Ambito,
) -> Result<(TabellaScritta, PathBuf, uscita::InCorso)> {
    let path = dir.join(format!("{}.csv", t.nome));
    let mut f = uscita::InCorso::crea(&path, "csv")?;
    let errore = |e| uscita::non_scrivo(&path, e);
    let mut w = scrivi::Csv::nuovo(t, &mut f).map_err(errore)?;
    let n = per_riga(conn, t, filtro, |r| w.riga(r).map_err(errore))?;
    w.finisci().map_err(errore)?;
    Ok((scritta(t, n), path, f))
}
