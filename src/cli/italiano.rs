//! clap speaks English ("Usage:", "Options:", "error: unexpected argument");
//! the command line speaks Italian. The help is laid out with Italian
//! headings, and each parse error is said again in Italian, naming the
//! argument or value at fault.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

const MODELLO: &str = "{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}";

/// The command with its help in Italian, at every level.
pub fn comando<C: CommandFactory>() -> clap::Command {
    italiana(C::command(), "sportello")
}

fn italiana(cmd: clap::Command, percorso: &str) -> clap::Command {
    let ha_comandi = cmd.has_subcommands();
    let uso = if ha_comandi {
        format!("{percorso} [OPZIONI] [COMANDO]")
    } else {
        let posizionali: String = cmd
            .get_positionals()
            .map(|a| {
                let n = a.get_id().as_str().to_uppercase();
                if a.is_required_set() {
                    format!(" <{n}>")
                } else {
                    format!(" [{n}]")
                }
            })
            .collect();
        format!("{percorso} [OPZIONI]{posizionali}")
    };
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut cmd = cmd
        .help_template(MODELLO)
        .override_usage(uso)
        .subcommand_help_heading("Comandi")
        .subcommand_value_name("COMANDO");
    for (id, posizionale) in ids {
        cmd = cmd.mut_arg(id, |a| {
            // "[default: prima]" becomes "(predefinito: prima)".
            let predefiniti: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            // clap lists closed values in English ("Possible values"): each help says them.
            let a = a.help_heading(if posizionale { "Argomenti" } else { "Opzioni" });
            let a = if a.get_action().takes_values() {
                a.hide_possible_values(true)
            } else {
                a
            };
            if predefiniti.is_empty() {
                return a;
            }
            let aiuto = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            a.hide_default_value(true)
                .help(format!("{aiuto} (predefinito: {})", predefiniti.join(", ")))
        });
    }
    let nomi: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for nome in nomi {
        let sotto = format!("{percorso} {nome}");
        cmd = cmd.mut_subcommand(nome, |s| italiana(s, &sotto));
    }
    cmd
}

/// Parses the command line; on a mistake prints it in Italian (exit 2), on
/// `--help` or `--versione` prints them (exit 0).
pub fn leggi<C: CommandFactory + FromArgMatches>() -> Result<C, ExitCode> {
    let e = match comando::<C>().try_get_matches() {
        Ok(m) => match C::from_arg_matches(&m) {
            Ok(c) => return Ok(c),
            Err(e) => e,
        },
        Err(e) => e,
    };
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            Err(ExitCode::from(2))
        }
        _ => {
            eprintln!("{}\nPer l'aiuto: sportello --help", messaggio(&e));
            Err(ExitCode::from(2))
        }
    }
}

/// The Italian sentence for a parse error.
pub fn messaggio(e: &clap::Error) -> String {
    let testo = |k| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let arg = testo(ContextKind::InvalidArg);
    let valore = testo(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("Argomento sconosciuto «{arg}»."),
        ErrorKind::InvalidSubcommand => format!(
            "Comando sconosciuto «{}».",
            testo(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("Manca un argomento obbligatorio: {arg}."),
        ErrorKind::MissingSubcommand => "Manca il comando.".into(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let validi = testo(ContextKind::ValidValue);
            if validi.is_empty() {
                format!("Valore «{valore}» non valido per {arg}.")
            } else {
                format!("Valore «{valore}» non valido per {arg}: ammessi {validi}.")
            }
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("Numero di valori sbagliato per {arg}.")
        }
        ErrorKind::ArgumentConflict => {
            format!(
                "{arg} non si può usare insieme a {}.",
                testo(ContextKind::PriorArg)
            )
        }
        ErrorKind::NoEquals => format!("{arg} vuole il valore dopo «=»."),
        ErrorKind::InvalidUtf8 => "Un argomento non è testo UTF-8 valido.".into(),
        _ => "Argomenti non validi.".into(),
    }
}
