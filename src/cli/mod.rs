//! The command line's own parts (the binary in `src/main.rs`): one module
//! per family of commands, each command an `Args` struct with `run`, and
//! every one of them a call of the command surface (`sportello::commands`).

/// `println!` that ends the program quietly when the reader has gone
/// (`sportello check | head -1`): Rust ignores SIGPIPE, so `println!` would
/// panic on a closed pipe. The exit status is the shell's for SIGPIPE (141).
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($t)*) {
            $crate::cli::uscita::chiusa(e)
        }
    }};
}

pub mod accesso;
pub mod avanzamento;
pub mod database;
pub mod importa;
pub mod italiano;
pub mod rapporti;
pub mod registri;
pub mod scambio;
pub mod superficie;
pub mod uscita;

use clap::Subcommand;
use sportello::{Ctx, Error, Source, Store};
use std::path::PathBuf;

/// An open database, its logged-in user's context, and where it is.
pub struct Sessione {
    pub store: Store,
    pub ctx: Ctx,
    pub path: PathBuf,
}

impl Sessione {
    /// The same user, writing as the given source (an import, the demo).
    pub fn come(&self, source: Source) -> Ctx {
        Ctx {
            source,
            ..self.ctx.clone()
        }
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Crea il database cifrato con il primo coordinatore (--utente e password), o protegge un
    /// database non cifrato, o lo aggiorna allo schema corrente; dice dov'è.
    Init,
    /// Con il codice di recupero dato alla creazione: nuova password per un coordinatore
    /// (codice in SPORTELLO_RECUPERO o chiesto, nuova password in SPORTELLO_PASSWORD o chiesta).
    Recupera,
    /// Riempie il database con un anno scolastico realistico di un ente attuatore.
    Demo,
    /// Esegue un'operazione della superficie dei comandi su un input JSON (o `-` per stdin).
    Call(superficie::Call),
    /// Elenca le operazioni disponibili.
    Operazioni,
    /// Tutte le segnalazioni delle regole sull'intero database.
    Check(superficie::Check),
    /// Cosa è da chiudere: incontri (INC-06) e servizi (SER-11).
    Scadenze(superficie::Scadenze),
    /// Il catalogo delle azioni (di un codice azione, se indicato).
    Catalogo(superficie::Catalogo),
    /// Scrive il modello Excel per l'elenco dei partecipanti da dare alle scuole.
    ModelloExcel(importa::ModelloExcel),
    /// Stampa il registro presenze di un servizio in PDF.
    Registro(registri::Registro),
    /// Stampa molti registri: di un intervento, di un ente coinvolto o di un periodo.
    Registri(registri::Registri),
    /// Rilegge i registri firmati da una scansione (PDF dello scanner o immagini): prima l'anteprima
    /// con `--anteprima`, poi registra le presenze sicure sugli incontri aperti.
    LeggiRegistri(registri::LeggiRegistri),
    /// Scrive le tabelle per il sistema regionale (docs/tabelle.md) nella cartella indicata.
    Tabelle(rapporti::Tabelle),
    /// Indicatori di monitoraggio di un periodo (docs/indicatori.md).
    Indicatori(rapporti::Indicatori),
    /// Importa le scuole dall'anagrafe del Ministero (SCUANAGRAFESTAT….csv o SCUANAGRAFEPAR….csv).
    ImportaScuole(importa::ImportaScuole),
    /// Importa i partecipanti di un servizio da un file della scuola (.xlsx, .xls, .ods, .csv).
    ImportaDestinatari(importa::ImportaDestinatari),
    /// Esporta per l'ufficio regionale (file firmato e cifrato): ciò che è cambiato dall'ultima volta.
    Esporta(scambio::Esporta),
    /// All'ufficio regionale: unisce il file di uno sportello (prima l'anteprima con `--anteprima`).
    Unisci(scambio::Unisci),
    /// All'ufficio regionale: crea (una volta) le chiavi e stampa la chiave pubblica per gli sportelli.
    ChiaviUfficio,
    /// Allo sportello: imposta la chiave pubblica dell'ufficio regionale (age1…).
    ImpostaUfficio(scambio::ImpostaUfficio),
    /// Fa subito una copia di sicurezza del database (nella cartella `copie` accanto), verificata.
    Copia,
    /// Elenca le copie di sicurezza del database, dalla più recente.
    Copie,
    /// Rimette il database com'era nella copia indicata (lo stato attuale resta in una copia).
    Ripristina(database::Ripristina),
}

impl Command {
    /// The operation of the command surface a command runs, whose permission
    /// (`commands::OPERATIONS`) the user must have. `call` is checked by dispatch.
    pub fn operazione(&self) -> Option<&'static str> {
        use Command::*;
        Some(match self {
            Init | Recupera | Operazioni | Call(_) => return None,
            Demo => "riempi_demo",
            Check(_) => "run_checks",
            Scadenze(_) => "list_scadenze",
            Catalogo(_) => "list_cataloghi",
            ModelloExcel(_) => "modello_excel",
            Registro(_) => "stampa_registro",
            Registri(_) => "stampa_registri",
            LeggiRegistri(_) => "leggi_registri",
            Tabelle(_) => "scrivi_tabelle",
            Indicatori(_) => "calcola_indicatori",
            ImportaScuole(_) => "importa_scuole",
            ImportaDestinatari(_) => "importa_destinatari",
            Esporta(_) => "esporta",
            Unisci(_) => "unisci",
            ChiaviUfficio => "genera_chiavi_ufficio",
            ImpostaUfficio(_) => "imposta_ufficio",
            Copia => "crea_copia",
            Copie => "list_copie",
            Ripristina(_) => "ripristina_copia",
        })
    }

    /// Runs a command on an open database (`init` and `recupera` have
    /// already done their work while opening it).
    pub fn run(self, s: &Sessione) -> Result<(), Error> {
        use Command::*;
        match self {
            Init | Recupera => Ok(()),
            Demo => database::demo(s),
            Call(c) => c.run(s),
            Operazioni => superficie::operazioni(),
            Check(c) => c.run(s),
            Scadenze(c) => c.run(s),
            Catalogo(c) => c.run(s),
            ModelloExcel(c) => c.run(s),
            Registro(c) => c.run(s),
            Registri(c) => c.run(s),
            LeggiRegistri(c) => c.run(s),
            Tabelle(c) => c.run(s),
            Indicatori(c) => c.run(s),
            ImportaScuole(c) => c.run(s),
            ImportaDestinatari(c) => c.run(s),
            Esporta(c) => c.run(s),
            Unisci(c) => c.run(s),
            ChiaviUfficio => scambio::chiavi_ufficio(s),
            ImpostaUfficio(c) => c.run(s),
            Copia => database::copia(s),
            Copie => database::copie(s),
            Ripristina(c) => c.run(s),
        }
    }
}
