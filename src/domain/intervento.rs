//! Intervento: the thread of the servizi delivered to one school plesso or
//! indirizzo and class cohort, or to one person [000 §3].

use super::vocabolario::vocabolario;
use crate::ids::Id;
use serde::{Deserialize, Serialize};

vocabolario! {
    /// bozza → attivo, and back while no incontro below is closed (INT-06).
    StatoIntervento {
        Bozza = "bozza", "Bozza";
        Attivo = "attivo", "Attivo";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterventoDati {
    pub ente_attuatore_id: Id,
    pub titolo: String,
    #[serde(default)]
    pub descrizione: Option<String>,
    #[serde(default)]
    pub referente_id: Option<Id>,
    /// Linking a modello inherits its enti destinatari and referent (not coprogettatori).
    #[serde(default)]
    pub modello_id: Option<Id>,
    #[serde(default)]
    pub ente_ids: Vec<Id>,
    /// Read-only aggregates of the servizi (INT-04): any value here is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ids: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cms_ids: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destinatario_ids: Option<Vec<Id>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Intervento {
    pub id: Id,
    #[serde(flatten)]
    pub dati: InterventoDati,
    pub stato: StatoIntervento,
    /// Derived from the servizi (INT-04).
    pub aggregati: Aggregati,
}

/// Target, CMS and destinatari of an intervento: the union over its servizi.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Aggregati {
    pub target_ids: Vec<Id>,
    pub cms_ids: Vec<Id>,
    pub destinatari: u32,
    pub servizi: u32,
}
