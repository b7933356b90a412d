//! Sportello's core: the hierarchy Modello → Intervento → Servizio → Incontro,
//! the regional rules, the catalogues of actions, and the SQLite store, behind
//! one command surface (`commands`). No window here: the desktop shell and
//! the command line both call `commands`.

pub mod accesso;
pub mod catalogo;
pub mod codice_fiscale;
pub mod commands;
pub mod context;
pub mod domain;
pub mod error;
pub mod guasti;
pub mod ids;
pub mod import;
pub mod indicatori;
pub mod lettura;
pub mod limiti;
pub mod luoghi;
pub mod registro;
pub mod rules;
pub mod scambio;
pub mod store;
pub mod tabelle;
pub mod testo;
pub mod uscita;

pub use commands::{OPERATIONS, dispatch};
pub use context::{Ctx, Source};
pub use error::{Error, Finding, Outcome, Result};
pub use ids::Id;
pub use store::Store;
