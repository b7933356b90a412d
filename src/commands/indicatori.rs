//! The monitoring indicators of a period, a body, a territory (`docs/indicatori.md`).

use crate::context::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::indicatori::{self, Indicatori};
use crate::store::Store;
use crate::store::ambito::Ambito;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalcolaIndicatori {
    #[serde(flatten)]
    pub ambito: Ambito,
    /// Also write them to this `.xlsx` file.
    #[serde(default)]
    pub percorso: Option<String>,
}

pub fn calcola_indicatori(
    store: &Store,
    ctx: &Ctx,
    c: CalcolaIndicatori,
) -> Result<Outcome<Indicatori>> {
    if let (Some(dal), Some(al)) = (c.ambito.dal, c.ambito.al)
        && dal > al
    {
        return Err(Error::dati(format!(
            "Periodo vuoto: «dal» ({}) viene dopo «al» ({}).",
            dal.format("%d/%m/%Y"),
            al.format("%d/%m/%Y")
        )));
    }
    let x = indicatori::calcola(store, &c.ambito, ctx.oggi)?;
    if let Some(p) = &c.percorso {
        let p = std::path::Path::new(p);
        let mut f = crate::uscita::InCorso::crea(p, "xlsx")?;
        indicatori::xlsx::workbook(&x)
            .and_then(|mut wb| wb.save_to_writer(&mut f))
            .map_err(|e| crate::uscita::non_scrivo_xlsx(p, e))?;
        f.finisci()?;
    }
    Ok(Outcome::plain(x))
}
