//! Destinatario: a participant and their anagrafica [000 §7].

use crate::codice_fiscale::Sesso;
use crate::ids::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A deliberate override of a failed check, with who, when and why (DES-01).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Forzatura {
    pub motivo: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestinatarioDati {
    pub codice_fiscale: String,
    pub cognome: String,
    pub nome: String,
    pub sesso: Sesso,
    pub data_nascita: NaiveDate,
    /// Born in Italy: the comune; abroad: the foreign state (and optionally the city, DES-06).
    #[serde(default)]
    pub comune_nascita: Option<String>,
    #[serde(default)]
    pub stato_estero_nascita: Option<String>,
    #[serde(default)]
    pub citta_estera_nascita: Option<String>,
    #[serde(default)]
    pub cittadinanza: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub telefono: Option<String>,
    /// Accepts a CF that fails DES-01 (computed or fictitious), recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forzatura: Option<Forzatura>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Destinatario {
    pub id: Id,
    #[serde(flatten)]
    pub dati: DestinatarioDati,
    /// The CF was accepted with a forzatura.
    pub cf_forzato: bool,
}

impl Destinatario {
    pub fn nome_completo(&self) -> String {
        format!("{} {}", self.dati.cognome, self.dati.nome)
    }
}
