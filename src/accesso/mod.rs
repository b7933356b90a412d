//! Who opens the database: the file is encrypted (SQLCipher), its key is in
//! the users' slots beside it (`chiavi`), and each user has a role. Only
//! here is a database created, opened with a password, or protected (a plain
//! database of an older version, encrypted in place).

pub mod chiavi;

use crate::context::{Ctx, Source};
use crate::domain::{Permesso, Ruolo, Utente, UtenteDati};
use crate::error::{Error, Result};
use crate::ids::Id;
use crate::store::{self, Store};
use chiavi::{Chiave, MotivoAccesso, Portachiavi};
use rusqlite::{Connection, OpenFlags};
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

/// Encrypts in place a plain database of an older version: an encrypted copy
/// is written beside it, verified table by table, and renamed over it; the
/// plain file's bytes are then overwritten. Its plain copies in `copie/` are
/// encrypted likewise. `primo` becomes its first coordinatore.
pub fn proteggi(db: &Path, primo: &NuovoUtente, oggi: chrono::NaiveDate) -> Result<Creato> {
    if stato(db) != StatoDatabase::NonProtetto {
        return Err(Error::dati(format!(
            "{} non è un database da proteggere.",
            db.display()
        )));
    }
    let primo = primo_coordinatore(primo)?;
    let chiave = Chiave::nuova()?;
    let (slots, codice) = Portachiavi::nuovo(&chiave, &primo.dati.nome_utente, &primo.password)?;
    let vecchio = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(db)
        .map_err(|e| {
            Error::dati(format!(
                "Non riesco ad aprire {}: {}.",
                db.display(),
                crate::error::io_it(&e)
            ))
        })?;
    let cifrato = cifra_file(db, &chiave)?;
    // The key file first: if we stop between the two renames, the plain file
    // is still there and still plain, and protecting it again starts over.
    slots.scrivi(db)?;
    cifrato
        .persist(db)
        .map_err(|e| crate::uscita::non_scrivo(db, e.error))?;
    for f in [store_file(db, "-wal"), store_file(db, "-shm")] {
        let _ = std::fs::remove_file(f);
    }
    cancella_contenuto(vecchio);
    // The copies made before were plain too.
    for c in store::copie::elenco(db)? {
        let p = Path::new(&c.percorso);
        if stato(p) == StatoDatabase::NonProtetto {
            let f = std::fs::OpenOptions::new().write(true).open(p).ok();
            if let Ok(t) = cifra_file(p, &chiave)
                && t.persist(p).is_ok()
            {
                let _ = std::fs::copy(chiavi::percorso(db), chiavi::percorso(p));
                if let Some(f) = f {
                    cancella_contenuto(f);
                }
            }
        }
    }
    let store = Store::open(db, &chiave)?;
    let utente = inserisci_utente(&store, oggi, &primo.dati)?;
    Ok(Creato {
        store,
        utente,
        codice_recupero: codice,
    })
}

/// The plain file at `path`, exported (`sqlcipher_export`) into an encrypted
/// temporary file beside it, checked to hold the same rows in every table.
fn cifra_file(path: &Path, chiave: &Chiave) -> Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".protezione-")
        .suffix(".parziale")
        .tempfile_in(dir)
        .map_err(|e| crate::uscita::non_scrivo(path, e))?;
    let chiaro = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    chiaro.busy_timeout(std::time::Duration::from_secs(5))?;
    // Everything of the WAL into the file first, then the file as it is.
    chiaro.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let versione: i64 = chiaro.pragma_query_value(None, "user_version", |r| r.get(0))?;
    chiaro.execute(
        "ATTACH DATABASE ?1 AS cifrato KEY ?2",
        rusqlite::params![tmp.path().to_string_lossy(), chiave.pragma().as_str()],
    )?;
    chiaro.query_row("SELECT sqlcipher_export('cifrato')", [], |_| Ok(()))?;
    chiaro.execute_batch(&format!("PRAGMA cifrato.user_version = {versione}"))?;
    chiaro.execute_batch("DETACH DATABASE cifrato")?;
    let nuovo = store::connessione(tmp.path(), chiave, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let esito: String = nuovo.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if esito != "ok" || conteggi(&chiaro)? != conteggi(&nuovo)? {
        return Err(Error::Database {
            message: format!(
                "La copia cifrata di {} non corrisponde all'originale: il file è rimasto com'era.",
                path.display()
            ),
        });
    }
    Ok(tmp)
}

/// Rows per table, to compare two files.
fn conteggi(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let tabelle: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tabelle
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get(0))?;
            Ok((t, n))
        })
        .collect()
}

/// Overwrites with zeros the bytes of a file already replaced by its
/// encrypted version (the open handle still reaches the old bytes).
fn cancella_contenuto(mut f: std::fs::File) {
    use std::io::{Seek, SeekFrom, Write};
    let Ok(n) = f.metadata().map(|m| m.len()) else {
        return;
    };
    let zeri = vec![0u8; 1 << 16];
    let _ = f.seek(SeekFrom::Start(0));
    let mut resto = n;
    while resto > 0 {
        let k = resto.min(zeri.len() as u64) as usize;
        if f.write_all(&zeri[..k]).is_err() {
            return;
        }
        resto -= k as u64;
    }
    let _ = f.sync_all();
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
