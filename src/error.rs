//! One error shape for every caller (UI, command line, tests): a code the
//! caller can act on, an Italian message, and the record it concerns.
//! Rule findings carry their rule code (`INC-06`); other failures carry a
//! short code of their own (`NON_TROVATO`, `DATI`, `DATABASE`, `SCHEMA`).

use crate::ids::Id;
use crate::rules::Code;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the action.
    Errore,
    /// Informs; the action goes through.
    Avviso,
    /// A deadline past its limit: allowed, flagged and counted.
    Ritardo,
}

/// The kind of record a finding or error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Rt,
    EnteAttuatore,
    Sede,
    Orientatore,
    Ente,
    Referente,
    Target,
    Cms,
    Modello,
    Intervento,
    Servizio,
    Incontro,
    Destinatario,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Rt => "rt",
            RecordKind::EnteAttuatore => "ente_attuatore",
            RecordKind::Sede => "sede",
            RecordKind::Orientatore => "orientatore",
            RecordKind::Ente => "ente",
            RecordKind::Referente => "referente",
            RecordKind::Target => "target",
            RecordKind::Cms => "cms",
            RecordKind::Modello => "modello",
            RecordKind::Intervento => "intervento",
            RecordKind::Servizio => "servizio",
            RecordKind::Incontro => "incontro",
            RecordKind::Destinatario => "destinatario",
        }
    }

    /// Italian noun with article, for messages.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Rt => "il raggruppamento",
            RecordKind::EnteAttuatore => "l'ente attuatore",
            RecordKind::Sede => "la sede",
            RecordKind::Orientatore => "l'orientatore",
            RecordKind::Ente => "l'ente",
            RecordKind::Referente => "il referente",
            RecordKind::Target => "il target",
            RecordKind::Cms => "la CMS",
            RecordKind::Modello => "il modello",
            RecordKind::Intervento => "l'intervento",
            RecordKind::Servizio => "il servizio",
            RecordKind::Incontro => "l'incontro",
            RecordKind::Destinatario => "il destinatario",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: Id,
}

impl RecordRef {
    pub fn new(kind: RecordKind, id: Id) -> Self {
        RecordRef { kind, id }
    }
}

/// What a rule says about a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// The rule code of `domain.md` §4, e.g. `INC-06`.
    pub code: Code,
    pub severity: Severity,
    /// Italian: what is wrong and what to do.
    pub message: String,
    pub record: Option<RecordRef>,
    /// The input field it concerns, so the UI can show it beside the field.
    pub field: Option<&'static str>,
    /// Whether the user may override it with a forzatura (DES-01).
    pub forzabile: bool,
}

#[derive(Debug, thiserror::Error, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Error {
    /// One or more rules block the action; all of them are listed.
    #[error("{}", summary(findings))]
    Regole { findings: Vec<Finding> },
    #[error("{message}")]
    NonTrovato { record: RecordRef, message: String },
    /// The input is malformed (a missing field, an unknown value).
    #[error("{message}")]
    Dati {
        message: String,
        field: Option<String>,
    },
    /// The database file is newer than this program.
    #[error("{message}")]
    Schema {
        found: i64,
        supported: i64,
        message: String,
    },
    #[error("{message}")]
    Database { message: String },
    /// An exchange file refused whole (altered, truncated, for another
    /// office, from a desk whose key changed): nothing was written.
    #[error("{message}")]
    FileRifiutato { message: String },
}

fn summary(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("[{}] {}", f.code, f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// The code a caller acts on: the first rule code, or the kind of failure.
    pub fn code(&self) -> &str {
        match self {
            Error::Regole { findings } => findings.first().map_or("REGOLE", |f| f.code.as_str()),
            Error::NonTrovato { .. } => "NON_TROVATO",
            Error::Dati { .. } => "DATI",
            Error::Schema { .. } => "SCHEMA",
            Error::Database { .. } => "DATABASE",
            Error::FileRifiutato { .. } => "FILE_RIFIUTATO",
        }
    }

    /// Whether any blocking finding carries this rule code.
    pub fn has_rule(&self, code: &str) -> bool {
        matches!(self, Error::Regole { findings } if findings.iter().any(|f| f.code == code))
    }

    pub fn not_found(kind: RecordKind, id: Id) -> Self {
        Error::NonTrovato {
            record: RecordRef::new(kind, id),
            message: format!("Non trovo {} con identificativo {id}.", kind.label()),
        }
    }

    pub fn dati(message: impl Into<String>) -> Self {
        Error::Dati {
            message: message.into(),
            field: None,
        }
    }

    pub fn rifiutato(message: impl Into<String>) -> Self {
        Error::FileRifiutato {
            message: message.into(),
        }
    }

    pub fn dati_campo(field: &str, message: impl Into<String>) -> Self {
        Error::Dati {
            message: message.into(),
            field: Some(field.to_string()),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Database {
            message: format!("Errore del database: {e}"),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Dati {
            message: format!("Dati non leggibili: {e}"),
            field: None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A successful result with the warnings the rules raised on the way.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Outcome<T> {
    pub value: T,
    pub warnings: Vec<Finding>,
}

impl<T> Outcome<T> {
    pub fn new(value: T, warnings: Vec<Finding>) -> Self {
        Outcome { value, warnings }
    }

    pub fn plain(value: T) -> Self {
        Outcome {
            value,
            warnings: Vec::new(),
        }
    }
}
