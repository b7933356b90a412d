//! The command line's login: `--utente NOME` (or `SPORTELLO_UTENTE`), the
//! password from `SPORTELLO_PASSWORD` (scripts, tests) or asked on the
//! terminal without echo. The core's `accesso` does the rest.

use sportello::accesso::{self, Creato, NuovoUtente, StatoDatabase};
use sportello::domain::{Ruolo, Utente, UtenteDati};
use sportello::{Error, Store};
use std::path::Path;

/// Who logs in, as given on the command line or in the environment.
pub struct Login {
    pub utente: Option<String>,
}

impl Login {
    pub fn nome(&self) -> Result<String, Error> {
        self.utente
            .clone()
            .or_else(|| env("SPORTELLO_UTENTE"))
            .ok_or_else(|| {
                Error::dati(
                    "Indica chi accede: --utente NOME (o la variabile SPORTELLO_UTENTE); \
                     la password si chiede qui o si passa in SPORTELLO_PASSWORD.",
                )
            })
    }

    fn password(&self, domanda: &str) -> Result<String, Error> {
        if let Some(p) = env("SPORTELLO_PASSWORD") {
            return Ok(p);
        }
        rpassword::prompt_password(domanda).map_err(|_| {
            Error::dati(
                "Non riesco a chiedere la password (nessun terminale): passala in SPORTELLO_PASSWORD.",
            )
        })
    }
}

fn env(nome: &str) -> Option<String> {
    std::env::var(nome).ok().filter(|v| !v.trim().is_empty())
}

/// Opens the encrypted database at `db` as the given user.
pub fn accedi(db: &Path, login: &Login) -> Result<(Store, Utente), Error> {
    let nome = login.nome()?;
    let password = login.password(&format!("Password di {nome}: "))?;
    accesso::apri(db, &nome, &password)
}

/// `init`: a new file is created, a plain one protected, with the given user
/// as first coordinatore; an encrypted one is opened (and so brought to the
/// current schema). Returns the store, the user, and the recovery code when
/// one was just made.
pub fn init(
    db: &Path,
    login: &Login,
    oggi: chrono::NaiveDate,
) -> Result<(Store, Utente, Option<String>), Error> {
    let stato = accesso::stato(db);
    if stato == StatoDatabase::Protetto {
        let (s, u) = accedi(db, login)?;
        return Ok((s, u, None));
    }
    let nome = login.nome().map_err(|_| {
        Error::dati(
            "Per creare (o proteggere) il database indica il primo coordinatore: --utente NOME \
             (o SPORTELLO_UTENTE) e la sua password (chiesta qui, o in SPORTELLO_PASSWORD).",
        )
    })?;
    let password = login.password(&format!("Nuova password di {nome} (almeno 8 caratteri): "))?;
    let primo = NuovoUtente {
        dati: UtenteDati {
            nome_utente: nome.clone(),
            nome,
            ruolo: Ruolo::Coordinatore,
            orientatore_id: None,
            attivo: true,
        },
        password,
    };
    let Creato {
        store,
        utente,
        codice_recupero,
    } = accesso::prepara(db, &primo, oggi)?;
    Ok((store, utente, Some(codice_recupero)))
}

/// `recupera`: the recovery code (from `SPORTELLO_RECUPERO` or asked) opens
/// the database and gives the coordinatore a new password.
pub fn recupera(db: &Path, login: &Login) -> Result<(Store, Utente), Error> {
    let nome = login.nome()?;
    let codice = match env("SPORTELLO_RECUPERO") {
        Some(k) => k,
        None => rpassword::prompt_password("Codice di recupero: ").map_err(|_| {
            Error::dati(
                "Non riesco a chiedere il codice (nessun terminale): passalo in SPORTELLO_RECUPERO.",
            )
        })?,
    };
    let nuova = login.password(&format!("Nuova password di {nome}: "))?;
    accesso::recupera(db, &codice, &nome, &nuova)
}
