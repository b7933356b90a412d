//! Writing the tables for the regional system (`docs/tabelle.md`).

use crate::context::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::ids::Id;
use crate::store::Store;
use crate::store::tabelle::{Filtro, righe};
use crate::tabelle::{Formato, TABELLE, scrivi};
use crate::uscita;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScriviTabelle {
    /// Incontri from this date (included); servizi with an incontro in the period.
    #[serde(default)]
    pub dal: Option<NaiveDate>,
    /// Incontri up to this date (included).
    #[serde(default)]
    pub al: Option<NaiveDate>,
    /// Only this ente attuatore's records.
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
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
    if let (Some(dal), Some(al)) = (s.dal, s.al)
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
    let filtro = Filtro {
        ente_attuatore_id: s.ente_attuatore_id,
        dal: s.dal,
        al: s.al,
    };
    let mut tabelle = Vec::new();
    for t in TABELLE {
        tabelle.push((t, righe(store.read(), t, &filtro)?));
    }
    let mut file = Vec::new();
    match s.formato {
        Formato::Xlsx => {
            let path = dir.join("tabelle.xlsx");
            let mut f = uscita::InCorso::crea(&path, "xlsx")?;
            scrivi::xlsx(&tabelle)
                .and_then(|mut wb| wb.save_to_writer(&mut f))
                .map_err(|e| uscita::non_scrivo_xlsx(&path, e))?;
            f.finisci()?;
            file.push(path.display().to_string());
        }
        Formato::Csv => {
            for (t, r) in &tabelle {
                let path = dir.join(format!("{}.csv", t.nome));
                let mut f = uscita::InCorso::crea(&path, "csv")?;
                scrivi::csv(t, r, std::io::BufWriter::new(&mut f))
                    .map_err(|e| uscita::non_scrivo(&path, e))?;
                f.finisci()?;
                file.push(path.display().to_string());
            }
        }
    }
    Ok(Outcome::plain(TabelleScritte {
        file,
        tabelle: tabelle
            .iter()
            .map(|(t, r)| TabellaScritta {
                tabella: t.nome.into(),
                righe: r.len() as u32,
            })
            .collect(),
    }))
}
