//! The people who may open a desk's database, and their roles (issue #12).

use crate::ids::Id;
use serde::{Deserialize, Serialize};

/// What a user may do. The seed gives the regional helpdesk the authority to
/// "sbloccare" a closed record; at a desk that is the coordinatore's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Ruolo {
    /// Records the work: servizi, incontri, presenze, destinatari.
    Orientatore,
    /// Also reopens closed records, forces a codice fiscale, manages users
    /// and the implementing body, prints in batch, restores copies.
    Coordinatore,
    /// The regional office: reads, merges the desks' files, resolves conflicts.
    Ufficio,
}

/// What an operation needs of the user (declared in `commands::OPERATIONS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Permesso {
    Leggere,
    Registrare,
    Coordinare,
    Unire,
}

impl Ruolo {
    pub fn as_str(self) -> &'static str {
        match self {
            Ruolo::Orientatore => "orientatore",
            Ruolo::Coordinatore => "coordinatore",
            Ruolo::Ufficio => "ufficio",
        }
    }

    pub fn da_str(s: &str) -> Option<Ruolo> {
        [Ruolo::Orientatore, Ruolo::Coordinatore, Ruolo::Ufficio]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    pub fn puo(self, p: Permesso) -> bool {
        match p {
            Permesso::Leggere => true,
            Permesso::Registrare => matches!(self, Ruolo::Orientatore | Ruolo::Coordinatore),
            Permesso::Coordinare => self == Ruolo::Coordinatore,
            Permesso::Unire => matches!(self, Ruolo::Ufficio | Ruolo::Coordinatore),
        }
    }
}

impl Permesso {
    pub fn as_str(self) -> &'static str {
        match self {
            Permesso::Leggere => "leggere",
            Permesso::Registrare => "registrare",
            Permesso::Coordinare => "coordinare",
            Permesso::Unire => "unire",
        }
    }

    /// What the permission allows, for a refusal: "… spetta a un coordinatore".
    pub fn chi(self) -> &'static str {
        match self {
            Permesso::Leggere => "a chiunque abbia fatto l'accesso",
            Permesso::Registrare => "a un orientatore o a un coordinatore",
            Permesso::Coordinare => "a un coordinatore",
            Permesso::Unire => "all'ufficio regionale o a un coordinatore",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UtenteDati {
    /// The login name: 2–40 of a–z, 0–9, `.`, `_`, `-` (stored lowercase).
    pub nome_utente: String,
    /// The name shown in the window and in the history.
    pub nome: String,
    pub ruolo: Ruolo,
    /// The orientatore this user is, when they are one.
    #[serde(default)]
    pub orientatore_id: Option<Id>,
    #[serde(default = "super::yes")]
    pub attivo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Utente {
    pub id: Id,
    #[serde(flatten)]
    pub dati: UtenteDati,
}
