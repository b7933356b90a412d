//! What the command line prints: text for a person, or JSON with `--json`.

use serde::Serialize;
use sportello::Error;

/// The reader has gone (exit quietly, as the shell's SIGPIPE does), or the
/// output cannot be written.
pub fn chiusa(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(141)
    }
    eprintln!(
        "Non riesco a scrivere il risultato: {}.",
        sportello::error::io_it(&e)
    );
    std::process::exit(2)
}

/// A value as indented JSON.
pub fn json<T: Serialize>(value: &T) -> Result<(), Error> {
    outln!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// With `--json` the value as JSON, otherwise `testo` writes it for a person.
pub fn mostra<T: Serialize>(in_json: bool, value: &T, testo: impl FnOnce(&T)) -> Result<(), Error> {
    if in_json {
        return json(value);
    }
    testo(value);
    Ok(())
}

/// What an import or a merge says when it only previewed.
pub fn applicato(fatto: bool, quanto: impl FnOnce() -> String) {
    if fatto {
        outln!("{}", quanto());
    } else {
        outln!("Anteprima: nulla è stato scritto.");
    }
}
