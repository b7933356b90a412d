//! `sportello`: the command line. Every command calls the core's command
//! surface (`sportello::commands`), the same functions the desktop window
//! calls; each family of commands has its module in `src/cli/`.
//! Exit codes: 0 done, 1 a rule refused the operation, 2 bad usage or I/O.

#[macro_use]
mod cli;

use chrono::NaiveDate;
use clap::Parser;
use cli::{Command, Sessione};
use sportello::{Ctx, Error, Source, commands, store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sportello",
    version,
    about = "Registro delle attività di orientamento (Modelli, Interventi, Servizi, Incontri).",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    /// Mostra questo aiuto.
    #[arg(short = 'h', long = "help", global = true, action = clap::ArgAction::Help)]
    aiuto: Option<bool>,
    /// Mostra la versione.
    #[arg(short = 'V', long = "versione", action = clap::ArgAction::Version)]
    versione: Option<bool>,
    /// Il file del database (predefinito: la cartella dati dell'utente).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// La data di oggi, AAAA-MM-GG (per le scadenze; predefinita: l'orologio).
    #[arg(long, global = true)]
    oggi: Option<NaiveDate>,
    /// Chi accede: il nome utente (o SPORTELLO_UTENTE); la password si chiede, o in SPORTELLO_PASSWORD.
    #[arg(long, global = true)]
    utente: Option<String>,
    #[command(subcommand)]
    command: Option<cli::Command>,
}

fn main() -> ExitCode {
    let cli = match cli::italiano::leggi() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let rule = matches!(e, Error::Regole { .. });
            outln!(
                "{}",
                serde_json::to_string_pretty(&e).unwrap_or_else(|_| e.to_string())
            );
            eprintln!("{e}");
            ExitCode::from(if rule { 1 } else { 2 })
        }
    }
}

/// Opens the database as the logged-in user (creating it with `init`),
/// checks the user may run the command, and runs it.
fn run(cli: Cli) -> Result<(), Error> {
    let path = cli.db.clone().unwrap_or_else(store::default_path);
    // A mistyped --db must not become a new, empty database that reports "0 segnalazioni".
    if !path.exists() && !matches!(cli.command, Some(Command::Init)) {
        return Err(Error::dati(format!(
            "Il database {} non esiste. Controlla il percorso; per crearne uno nuovo: sportello --db {} init",
            path.display(),
            path.display()
        )));
    }
    let oggi = cli
        .oggi
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    sportello::limiti::data("oggi", oggi)?;
    if let Some(Command::Operazioni) = cli.command {
        return cli::superficie::operazioni();
    }
    // Every command acts as a logged-in user: their password opens the
    // database, and they are the author of what they write.
    let login = cli::accesso::Login { utente: cli.utente };
    let (store, utente) = match cli.command {
        Some(Command::Init) => {
            let (store, utente, codice) = cli::accesso::init(&path, &login, oggi)?;
            cli::database::inizializzato(&path, &utente, codice.as_deref());
            (store, utente)
        }
        Some(Command::Recupera) => {
            let (store, utente) = cli::accesso::recupera(&path, &login)?;
            cli::database::recuperato(&utente);
            (store, utente)
        }
        _ => cli::accesso::accedi(&path, &login)?,
    };
    let ctx = Ctx::new(Source::Cli, oggi).with_actor(Some(utente.id));
    let sessione = Sessione { store, ctx, path };
    let Some(command) = cli.command else {
        return cli::superficie::oggi(&sessione);
    };
    if let Some(op) = command.operazione() {
        commands::consenti(&sessione.store, &sessione.ctx, op)?;
    }
    command.run(&sessione)
}
