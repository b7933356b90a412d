//! Modello: a path co-designed with external bodies [000 §1, §2].

use super::vocabolario::vocabolario;
use crate::domain::AnnoScolastico;
use crate::ids::Id;
use serde::{Deserialize, Serialize};

vocabolario! {
    /// The role of an ente in a modello [000 §1].
    RuoloEnte {
        /// The school the work is for; inherited by the interventi linked to the modello.
        Destinatario = "destinatario", "Destinatario degli interventi";
        /// An external body that delivers part of the path; not inherited.
        Coprogettatore = "coprogettatore", "Coprogettatore";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModelloEnte {
    pub ente_id: Id,
    pub ruolo: RuoloEnte,
    /// Destinatario: the school's orientation referent; coprogettatore: who acts in class (MOD-05).
    #[serde(default)]
    pub referente_id: Option<Id>,
}

/// A service delivered by a coprogettatore, not by the implementing body (MOD-06).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServizioEsterno {
    #[serde(default)]
    pub ente_id: Option<Id>,
    #[serde(default)]
    pub titolo: String,
    #[serde(default)]
    pub descrizione: Option<String>,
    #[serde(default)]
    pub durata_minuti: Option<u32>,
    #[serde(default)]
    pub referente_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModelloDati {
    pub ente_attuatore_id: Id,
    pub titolo: String,
    #[serde(default)]
    pub descrizione: Option<String>,
    pub anno_scolastico: AnnoScolastico,
    /// The orientatore di riferimento.
    #[serde(default)]
    pub orientatore_id: Option<Id>,
    #[serde(default)]
    pub target_ids: Vec<Id>,
    #[serde(default)]
    pub cms_ids: Vec<Id>,
    #[serde(default)]
    pub enti: Vec<ModelloEnte>,
    /// Catalogue actions the implementing body will deliver (e.g. OR3, OR2).
    #[serde(default)]
    pub azioni: Vec<String>,
    #[serde(default)]
    pub servizi_esterni: Vec<ServizioEsterno>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Modello {
    pub id: Id,
    #[serde(flatten)]
    pub dati: ModelloDati,
}
