//! The implementing side: RT, implementing bodies, their sedi and orientatori.

use crate::ids::Id;
use serde::{Deserialize, Serialize};

/// Raggruppamento temporaneo: the bodies that deliver together in a territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RtDati {
    pub nome: String,
    /// The bacino, e.g. "Biella".
    pub territorio: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rt {
    pub id: Id,
    #[serde(flatten)]
    pub dati: RtDati,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EnteAttuatoreDati {
    pub nome: String,
    #[serde(default)]
    pub codice: Option<String>,
    #[serde(default)]
    pub rt_id: Option<Id>,
    /// The catalogue of actions this body delivers (`catalogues/<codice>.toml`).
    pub catalogo: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EnteAttuatore {
    pub id: Id,
    #[serde(flatten)]
    pub dati: EnteAttuatoreDati,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SedeDati {
    pub ente_attuatore_id: Id,
    pub nome: String,
    #[serde(default)]
    pub indirizzo: Option<String>,
    #[serde(default)]
    pub comune: Option<String>,
    #[serde(default)]
    pub provincia: Option<String>,
    #[serde(default)]
    pub territorio: Option<String>,
    /// False once the sede has closed: no new servizi there.
    #[serde(default = "super::yes")]
    pub attivo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sede {
    pub id: Id,
    #[serde(flatten)]
    pub dati: SedeDati,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrientatoreDati {
    pub ente_attuatore_id: Id,
    pub cognome: String,
    pub nome: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub telefono: Option<String>,
    #[serde(default = "super::yes")]
    pub attivo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Orientatore {
    pub id: Id,
    #[serde(flatten)]
    pub dati: OrientatoreDati,
}

impl Orientatore {
    pub fn nome_completo(&self) -> String {
        format!("{} {}", self.dati.cognome, self.dati.nome)
    }
}
