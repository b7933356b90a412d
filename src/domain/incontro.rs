//! Incontro: one meeting of a servizio; it must coincide with the paper register [000 §5].

use super::vocabolario::vocabolario;
use crate::ids::Id;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

vocabolario! {
    /// aperto → chiuso; reopening is an explicit action (INC-09).
    StatoIncontro {
        Aperto = "aperto", "Aperto";
        Chiuso = "chiuso", "Chiuso";
    }
}

/// Where the incontro took place: the ente coinvolto's address, a sede, or a new place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Luogo {
    #[serde(default)]
    pub ente_id: Option<Id>,
    #[serde(default)]
    pub sede_id: Option<Id>,
    /// The address as written (filled from the ente or sede when empty).
    #[serde(default)]
    pub descrizione: Option<String>,
}

impl Luogo {
    pub fn is_set(&self) -> bool {
        self.ente_id.is_some()
            || self.sede_id.is_some()
            || self
                .descrizione
                .as_deref()
                .is_some_and(|d| !d.trim().is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Presenza {
    pub destinatario_id: Id,
    pub presente: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncontroDati {
    pub servizio_id: Id,
    #[serde(default)]
    pub titolo: Option<String>,
    pub data: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub ora_inizio: NaiveTime,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub ora_fine: NaiveTime,
    /// When given it must equal end − start (INC-01); computed when omitted.
    #[serde(default)]
    pub durata_minuti: Option<u32>,
    #[serde(default)]
    pub note: Option<String>,
    /// The orientatore who signs the register (INC-03).
    #[serde(default)]
    pub orientatore_id: Option<Id>,
    #[serde(default)]
    pub luogo: Luogo,
    /// Families present, for actions with families (OR3) [000 §9.4].
    #[serde(default)]
    pub famiglie_presenti: Option<u32>,
    #[serde(default)]
    pub presenze: Vec<Presenza>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Incontro {
    pub id: Id,
    #[serde(flatten)]
    pub dati: IncontroDati,
    pub stato: StatoIncontro,
    pub inserito_il: NaiveDate,
    pub chiuso_il: Option<NaiveDate>,
    pub chiuso_in_ritardo: bool,
}

impl Incontro {
    pub fn durata(&self) -> u32 {
        self.dati.durata_minuti.unwrap_or(0)
    }
}

/// Minutes from start to end, when the end is after the start.
pub fn minuti_tra(inizio: NaiveTime, fine: NaiveTime) -> Option<u32> {
    let m = (fine - inizio).num_minutes();
    (m > 0).then_some(m as u32)
}
