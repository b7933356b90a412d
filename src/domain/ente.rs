//! Enti coinvolti (schools, companies, CPI …), their referenti, and the
//! editable lists of targets and CMS.

use super::vocabolario::vocabolario;
use crate::ids::Id;
use serde::{Deserialize, Serialize};

vocabolario! {
    /// The kind of an ente coinvolto (domain.md §2).
    TipoEnte {
        Scuola = "scuola", "Scuola";
        Universita = "universita", "Università";
        Azienda = "azienda", "Azienda";
        Cpi = "cpi", "Centro per l'impiego";
        Informagiovani = "informagiovani", "Informagiovani";
        Sli = "sli", "SLI";
        Its = "its", "ITS";
        Comune = "comune", "Comune";
        Fondazione = "fondazione", "Fondazione";
        Associazione = "associazione", "Associazione";
        EnteFormativo = "ente_formativo", "Ente formativo";
        Altro = "altro", "Altro";
    }
}

impl TipoEnte {
    /// A place of learning a person attends (SER-07: the ente of an individual colloquio).
    pub fn is_istruzione(self) -> bool {
        matches!(
            self,
            TipoEnte::Scuola | TipoEnte::Universita | TipoEnte::Its
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EnteDati {
    pub tipo: TipoEnte,
    pub nome: String,
    /// Schools: the plesso's or indirizzo's code.
    #[serde(default)]
    pub codice_meccanografico: Option<String>,
    /// Schools: the IC or IIS this plesso/indirizzo belongs to.
    #[serde(default)]
    pub istituto_principale_id: Option<Id>,
    #[serde(default)]
    pub grado: Option<String>,
    #[serde(default)]
    pub indirizzo: Option<String>,
    #[serde(default)]
    pub cap: Option<String>,
    #[serde(default)]
    pub comune: Option<String>,
    #[serde(default)]
    pub provincia: Option<String>,
    #[serde(default)]
    pub regione: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub pec: Option<String>,
    #[serde(default)]
    pub telefono: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ente {
    pub id: Id,
    #[serde(flatten)]
    pub dati: EnteDati,
    /// Number of plessi/indirizzi under it (an istituto principale when > 0).
    pub plessi: u32,
}

impl Ente {
    /// The address as one line, for the place of an incontro and the register.
    pub fn indirizzo_completo(&self) -> String {
        let d = &self.dati;
        [
            d.indirizzo.as_deref(),
            d.cap.as_deref(),
            d.comune.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferenteDati {
    #[serde(default)]
    pub ente_id: Option<Id>,
    pub cognome: String,
    pub nome: String,
    #[serde(default)]
    pub ruolo: Option<String>,
    #[serde(default)]
    pub telefono: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Referente {
    pub id: Id,
    #[serde(flatten)]
    pub dati: ReferenteDati,
}

/// An entry of an editable list (targets, CMS).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Voce {
    pub id: Id,
    pub nome: String,
    pub attivo: bool,
}

/// Codici meccanografici have a fixed form (no public check character exists).
pub fn codice_meccanografico_valido(c: &str) -> bool {
    let b = c.as_bytes();
    b.len() == 10
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..]
            .iter()
            .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
}
