//! The domain of `domain.md` §2–3: plain data, serializable, no storage and no
//! rules. Each aggregate has a `…Dati` struct (what a user edits: the input of
//! create and update) flattened into the record (id, state, derived fields).

pub mod anno_scolastico;
pub mod dati_peculiari;
pub mod destinatario;
pub mod ente;
pub mod incontro;
pub mod intervento;
pub mod modello;
pub mod organizzazione;
pub mod servizio;
pub mod utente;
pub mod vocabolario;

pub use anno_scolastico::AnnoScolastico;
pub use dati_peculiari::DatiPeculiari;
pub use destinatario::{Destinatario, DestinatarioDati, Forzatura};
pub use ente::{
    Ente, EnteDati, Referente, ReferenteDati, TipoEnte, Voce, codice_meccanografico_valido,
};
pub use incontro::{Incontro, IncontroDati, Luogo, Presenza, StatoIncontro};
pub use intervento::{Intervento, InterventoDati, StatoIntervento};
pub use modello::{Modello, ModelloDati, ModelloEnte, RuoloEnte, ServizioEsterno};
pub use organizzazione::{
    EnteAttuatore, EnteAttuatoreDati, Orientatore, OrientatoreDati, Rt, RtDati, Sede, SedeDati,
};
pub use servizio::{Iscrizione, Modalita, Servizio, ServizioDati, StatoServizio};
pub use utente::{Permesso, Ruolo, Utente, UtenteDati};
pub use vocabolario::Vocabolario;

/// Serde's default for `attivo` flags: a record is active unless said otherwise.
fn yes() -> bool {
    true
}
