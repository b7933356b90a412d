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
    Utente,
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
            RecordKind::Utente => "utente",
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
            RecordKind::Utente => "l'utente",
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
    /// The user stopped a long operation; the message says what was left.
    #[error("{message}")]
    Annullato { message: String },
    /// The database did not open for this user, or the user may not do this.
    #[error("{message}")]
    Accesso {
        motivo: crate::accesso::chiavi::MotivoAccesso,
        message: String,
    },
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
            Error::Annullato { .. } => "ANNULLATO",
            Error::Accesso { .. } => "ACCESSO",
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
            message: sqlite_it(&e),
        }
    }
}

/// SQLite's failures in Italian: the user sees what happened and what to do,
/// never the library's English.
fn sqlite_it(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::DatabaseBusy | C::DatabaseLocked => {
                "Il database è occupato da un'altra operazione: riprova fra poco.".into()
            }
            C::NotADatabase => {
                "Il file non è un database di Sportello, o è cifrato con un'altra chiave.".into()
            }
            C::DatabaseCorrupt => "Il database è danneggiato: ripristina l'ultima copia di \
                                   sicurezza."
                .into(),
            // SQLCipher's answer to a page whose authentication fails.
            C::OutOfMemory => "Una pagina del database non si legge: il file è danneggiato (o la \
                               memoria è esaurita). Ripristina l'ultima copia di sicurezza."
                .into(),
            C::DiskFull => "Il disco è pieno: libera spazio e riprova.".into(),
            C::ReadOnly => "Il database è in sola lettura: controlla i permessi del file.".into(),
            C::CannotOpen => "Non riesco ad aprire il file del database.".into(),
            C::PermissionDenied => "Permesso negato sul file del database.".into(),
            C::ConstraintViolation => {
                "I dati sono in conflitto con quelli già registrati: nulla è stato scritto.".into()
            }
            C::SystemIoFailure => "Errore di lettura o scrittura del disco.".into(),
            C::TooBig => "Un valore è troppo grande per il database.".into(),
            _ => format!("Errore del database (codice SQLite {}).", f.extended_code),
        },
        rusqlite::Error::QueryReturnedNoRows => "Il dato cercato non c'è.".into(),
        _ => "Errore interno del database: i dati non sono stati modificati.".into(),
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Dati {
            message: json_it(&e),
            field: None,
        }
    }
}

/// serde's messages, in Italian: which field, which value, where.
pub fn json_it(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde writes names between backticks: the first one is the field or value.
    let nome = text.split('`').nth(1).unwrap_or("");
    let dove = if e.line() > 0 {
        format!(" (riga {}, colonna {})", e.line(), e.column())
    } else {
        String::new()
    };
    match e.classify() {
        serde_json::error::Category::Eof => format!("Dati incompleti{dove}."),
        serde_json::error::Category::Syntax => {
            format!("Dati non leggibili: JSON non valido{dove}.")
        }
        serde_json::error::Category::Io => "Non riesco a leggere i dati.".into(),
        serde_json::error::Category::Data => {
            if text.starts_with("missing field") {
                format!("Manca il campo «{nome}»{dove}.")
            } else if text.starts_with("unknown field") {
                format!("Campo sconosciuto «{nome}»{dove}.")
            } else if text.starts_with("unknown variant") {
                format!("Valore «{nome}» non ammesso{dove}.")
            } else if text.starts_with("invalid type") || text.starts_with("invalid value") {
                format!("Un valore non è del tipo atteso{dove}.")
            } else if text.starts_with("invalid length") {
                format!("Numero di elementi non valido{dove}.")
            } else if text.contains("out of range") || text.contains("too large") {
                format!("Un numero è fuori dall'intervallo ammesso{dove}.")
            } else if text.contains('«') {
                // Our own deserializers (anno scolastico) speak Italian already.
                format!("Dati non validi: {text}")
            } else if text.contains("input") {
                // chrono's words for a date or time it cannot read.
                format!(
                    "Una data o un'ora non è valida{dove}: scrivi le date come 2026-01-20 e le ore come 09:30."
                )
            } else {
                format!("Un valore non è valido{dove}.")
            }
        }
    }
}

/// An I/O failure in Italian (the system's text would be English).
pub fn io_it(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "il file o la cartella non esiste".into(),
        K::PermissionDenied => "permesso negato".into(),
        K::AlreadyExists => "esiste già".into(),
        K::StorageFull => "il disco è pieno".into(),
        K::ReadOnlyFilesystem => "il disco è in sola lettura".into(),
        K::IsADirectory => "è una cartella".into(),
        K::NotADirectory => "una parte del percorso non è una cartella".into(),
        K::InvalidFilename => "nome di file non valido".into(),
        K::FileTooLarge => "il file è troppo grande".into(),
        K::BrokenPipe => "l'uscita è stata chiusa".into(),
        K::UnexpectedEof => "il file finisce prima del previsto".into(),
        K::InvalidData => "il contenuto non è leggibile".into(),
        K::Interrupted | K::WouldBlock | K::TimedOut => "operazione interrotta, riprova".into(),
        _ => match e.raw_os_error() {
            Some(n) => format!("errore di sistema {n}"),
            None => "errore di lettura o scrittura".into(),
        },
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
