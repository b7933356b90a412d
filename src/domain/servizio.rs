//! Servizio: one catalogue action delivered to a group or a person [000 §4].

use super::vocabolario::vocabolario;
use crate::domain::{AnnoScolastico, DatiPeculiari};
use crate::ids::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

vocabolario! {
    /// Individual (one destinatario, SER-16) or group.
    Modalita {
        Individuale = "individuale", "Individuale";
        Gruppo = "gruppo", "Gruppo";
    }
}

vocabolario! {
    /// in definizione → in corso (first incontro) → chiuso [000 §4].
    StatoServizio {
        InDefinizione = "in_definizione", "In definizione";
        /// From the first incontro.
        InCorso = "in_corso", "In corso";
        Chiuso = "chiuso", "Chiuso";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServizioDati {
    pub ente_attuatore_id: Id,
    /// Set only at creation, and only under an active intervento (INT-03).
    #[serde(default)]
    pub intervento_id: Option<Id>,
    pub codice_azione: String,
    /// Defaults to the catalogue action's only modality.
    #[serde(default)]
    pub modalita: Option<Modalita>,
    pub titolo: String,
    pub sede_id: Id,
    pub durata_prevista_minuti: u32,
    pub numero_destinatari: u32,
    /// Mandatory for actions with families (OR3), `0` when only pupils attend (SER-03).
    #[serde(default)]
    pub numero_famiglie: Option<u32>,
    /// Inherited from the intervento when empty.
    #[serde(default)]
    pub referente_id: Option<Id>,
    /// Defaults to the school year of today.
    #[serde(default)]
    pub anno_scolastico: Option<AnnoScolastico>,
    #[serde(default)]
    pub target_ids: Vec<Id>,
    #[serde(default)]
    pub cms_ids: Vec<Id>,
    /// Standalone servizi only; under an intervento they are inherited (SER-05).
    #[serde(default)]
    pub ente_ids: Vec<Id>,
    /// General dati peculiari, copied onto destinatari enrolled afterwards.
    #[serde(default)]
    pub dati_peculiari: DatiPeculiari,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Servizio {
    pub id: Id,
    #[serde(flatten)]
    pub dati: ServizioDati,
    pub stato: StatoServizio,
    pub chiuso_il: Option<NaiveDate>,
    pub chiuso_in_ritardo: bool,
    pub iscritti: u32,
    pub incontri: u32,
    /// Total minutes of its incontri.
    pub minuti_svolti: u32,
    pub ultimo_incontro: Option<NaiveDate>,
}

impl Servizio {
    pub fn modalita(&self) -> Modalita {
        self.dati.modalita.unwrap_or(Modalita::Gruppo)
    }

    pub fn anno_scolastico(&self) -> AnnoScolastico {
        self.dati
            .anno_scolastico
            .expect("stored servizi always have an anno scolastico")
    }
}

/// A destinatario enrolled in a servizio, with the dati peculiari for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Iscrizione {
    pub destinatario_id: Id,
    #[serde(default)]
    pub dati_peculiari: DatiPeculiari,
}
