//! Who opens the database: the file is encrypted (SQLCipher), its key is in
//! the users' slots beside it (`chiavi`), and each user has a role. Only
//! here is a database created, opened with a password, or protected (a plain
//! database of an older version, encrypted in place).

pub mod chiavi;
mod protezione;

pub use protezione::proteggi;

use crate::context::{Ctx, Source};
use crate::domain::{Permesso, Ruolo, Utente, UtenteDati};
use crate::error::{Error, Result};
use crate::ids::Id;
use crate::store::{self, Store};
use chiavi::{Chiave, MotivoAccesso, Portachiavi};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What the file at a path is, read from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatoDatabase {
    /// No file yet: set-up creates it.
    Nuovo,
    /// A plain SQLite file of an older Sportello: to protect before use.
    NonProtetto,
    /// Encrypted: a login opens it.
    Protetto,
}

pub fn stato(db: &Path) -> StatoDatabase {
    use std::io::Read;
    let mut testa = [0u8; 16];
    match std::fs::File::open(db) {
        Err(_) => StatoDatabase::Nuovo,
        Ok(mut f) => match f.read_exact(&mut testa) {
            // An empty file (created by hand, or by an old `touch`) is new.
            Err(_) => StatoDatabase::Nuovo,
            Ok(()) if &testa == b"SQLite format 3\0" => StatoDatabase::NonProtetto,
            Ok(()) => StatoDatabase::Protetto,
        },
    }
}

/// The first user of a database, or a new one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NuovoUtente {
    #[serde(flatten)]
    pub dati: UtenteDati,
    pub password: String,
}

/// A database just created or protected: the store, its first user, and the
/// recovery code, to show once.
pub struct Creato {
    pub store: Store,
    pub utente: Utente,
    pub codice_recupero: String,
}

/// What the window shows first: the set-up (a new file), the protection of
/// a plain one, or the login; and, once logged in, who.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatoAccesso {
    pub database: String,
    pub stato: StatoDatabase,
    /// Who is logged in; none before the login and while the window is locked.
    pub utente: Option<Utente>,
    /// Minutes without a key or a click after which the window locks.
    pub blocco_minuti: u32,
}

/// A login: user name and password.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Credenziali {
    pub nome_utente: String,
    pub password: String,
}

/// The first start of a desk: a new file is created, a plain one of an
/// older version protected, with `primo` as first coordinatore.
pub fn prepara(db: &Path, primo: &NuovoUtente, oggi: chrono::NaiveDate) -> Result<Creato> {
    match stato(db) {
        StatoDatabase::Nuovo => crea(db, primo, oggi),
        StatoDatabase::NonProtetto => proteggi(db, primo, oggi),
        StatoDatabase::Protetto => Err(Error::dati(format!(
            "{} è già protetto: accedi con il tuo nome utente e la tua password.",
            db.display()
        ))),
    }
}

/// Creates the encrypted database at `db` with its first user (a coordinatore).
pub fn crea(db: &Path, primo: &NuovoUtente, oggi: chrono::NaiveDate) -> Result<Creato> {
    if stato(db) != StatoDatabase::Nuovo {
        return Err(Error::dati(format!(
            "{} esiste già: non lo ricreo.",
            db.display()
        )));
    }
    let primo = primo_coordinatore(primo)?;
    let chiave = Chiave::nuova()?;
    let (slots, codice) = Portachiavi::nuovo(&chiave, &primo.dati.nome_utente, &primo.password)?;
    let creato = (|| {
        let store = Store::open(db, &chiave)?;
        let utente = inserisci_utente(&store, oggi, &primo.dati)?;
        slots.scrivi(db)?;
        Ok(Creato {
            store,
            utente,
            codice_recupero: codice,
        })
    })();
    if creato.is_err() {
        // Nothing half-made stays behind: a database nobody can open is worse than none.
        for f in [
            db.to_path_buf(),
            store_file(db, "-wal"),
            store_file(db, "-shm"),
            chiavi::percorso(db),
        ] {
            let _ = std::fs::remove_file(f);
        }
    }
    creato
}

/// Opens the database at `db` as `nome_utente`: their password unwraps the
/// key, and they must be an active user of the database.
pub fn apri(db: &Path, nome_utente: &str, password: &str) -> Result<(Store, Utente)> {
    richiedi_protetto(db)?;
    let slots = Portachiavi::leggi(db)?;
    let chiave = slots.apri(nome_utente, password)?;
    let store = Store::open(db, &chiave)?;
    let utente = utente_attivo(&store, nome_utente)?;
    Ok((store, utente))
}

/// Opens the database with the recovery code and gives `nome_utente` (an
/// active coordinatore) the new password `nuova`.
pub fn recupera(
    db: &Path,
    codice: &str,
    nome_utente: &str,
    nuova: &str,
) -> Result<(Store, Utente)> {
    richiedi_protetto(db)?;
    let mut slots = Portachiavi::leggi(db)?;
    let chiave = slots.apri_con_recupero(codice)?;
    let store = Store::open(db, &chiave)?;
    let utente = utente_attivo(&store, nome_utente)?;
    if utente.dati.ruolo != Ruolo::Coordinatore {
        return Err(Error::Accesso {
            motivo: MotivoAccesso::Permesso,
            message: format!(
                "Il codice di recupero rimette la password di un coordinatore: {} è {}.",
                utente.dati.nome,
                utente.dati.ruolo.as_str()
            ),
        });
    }
    slots.imposta(&chiave, nome_utente, nuova)?;
    slots.scrivi(db)?;
    Ok((store, utente))
}

fn store_file(db: &Path, suffisso: &str) -> std::path::PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffisso);
    s.into()
}

fn richiedi_protetto(db: &Path) -> Result<()> {
    match stato(db) {
        StatoDatabase::Protetto => Ok(()),
        StatoDatabase::Nuovo => Err(Error::dati(format!(
            "Il database {} non esiste.",
            db.display()
        ))),
        StatoDatabase::NonProtetto => Err(Error::Accesso {
            motivo: MotivoAccesso::NonProtetto,
            message: format!(
                "Il database {} non è ancora cifrato: va protetto indicando il primo coordinatore \
                 e la sua password, poi si apre solo con una password.",
                db.display()
            ),
        }),
    }
}

fn primo_coordinatore(primo: &NuovoUtente) -> Result<NuovoUtente> {
    let mut p = primo.clone();
    p.dati.ruolo = Ruolo::Coordinatore;
    p.dati.attivo = true;
    p.dati.nome_utente = nome_utente_valido(&p.dati.nome_utente)?;
    if p.dati.nome.trim().is_empty() {
        p.dati.nome = p.dati.nome_utente.clone();
    }
    chiavi::controlla_password(&p.password)?;
    Ok(p)
}

/// Login names: 2–40 of a–z, 0–9, `.`, `_`, `-`, kept lowercase.
pub fn nome_utente_valido(s: &str) -> Result<String> {
    let n = s.trim().to_lowercase();
    let ok = (2..=40).contains(&n.chars().count())
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if !ok {
        return Err(Error::Dati {
            message: format!(
                "Nome utente «{}» non valido: da 2 a 40 tra lettere senza accenti, cifre, punto, \
                 trattino e trattino basso.",
                s.trim()
            ),
            field: Some("nome_utente".into()),
        });
    }
    Ok(n)
}

fn inserisci_utente(store: &Store, oggi: chrono::NaiveDate, d: &UtenteDati) -> Result<Utente> {
    let id = Id::new();
    let ctx = Ctx::new(Source::Cli, oggi).with_actor(Some(id));
    store.write(&ctx, "crea_utente", |tx| {
        store::utenti::insert(tx, id, d)?;
        tx.log(crate::error::RecordKind::Utente, id, "creato")
    })?;
    store::utenti::get(store.read(), id)
}

fn utente_attivo(store: &Store, nome_utente: &str) -> Result<Utente> {
    match store::utenti::per_nome(store.read(), nome_utente)? {
        Some(u) if u.dati.attivo => Ok(u),
        Some(u) => Err(Error::Accesso {
            motivo: MotivoAccesso::Permesso,
            message: format!("L'utente {} è disattivato.", u.dati.nome),
        }),
        None => Err(Error::Accesso {
            motivo: MotivoAccesso::Credenziali,
            message: "Nome utente o password non corretti.".into(),
        }),
    }
}

/// May the user acting in `ctx` do what `permesso` covers? A context with no
/// user is the program itself (tests, the set-up): the command line and the
/// window always act as a logged-in user.
pub fn controlla(store: &Store, ctx: &Ctx, permesso: Permesso, cosa: &str) -> Result<()> {
    let Some(id) = ctx.actor else { return Ok(()) };
    let u = store::utenti::get(store.read(), id).map_err(|_| Error::Accesso {
        motivo: MotivoAccesso::Permesso,
        message: "L'utente di questa sessione non è più tra gli utenti del database.".into(),
    })?;
    if !u.dati.attivo {
        return Err(Error::Accesso {
            motivo: MotivoAccesso::Permesso,
            message: format!("L'utente {} è disattivato.", u.dati.nome),
        });
    }
    if !u.dati.ruolo.puo(permesso) {
        return Err(Error::Accesso {
            motivo: MotivoAccesso::Permesso,
            message: format!(
                "«{cosa}» spetta {}: {} è {}.",
                permesso.chi(),
                u.dati.nome,
                u.dati.ruolo.as_str()
            ),
        });
    }
    Ok(())
}
