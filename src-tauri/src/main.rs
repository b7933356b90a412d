//! The desktop window: a thin shell over the core's command surface. The UI
//! calls `chiama` (or `chiama_con_avanzamento` for imports and batch prints)
//! with an operation name and its JSON input; the core does the rest. No rule,
//! SQL or layout lives here: only the window, the database lock, the files the
//! operating system opens, and which day is today.
//!
//! Writes take turns on one connection; the operations the core declares
//! read-only run on reader connections beside it, so a search is answered
//! while an import or a long print runs.
//!
//! The window opens on the login (or, on a new desk, the set-up of its first
//! coordinatore); until then, and after `esci` or the idle lock, no store is
//! open and `chiama` refuses.
//!
//! Options (also as environment variables, for tests): `--db PATH`
//! (`SPORTELLO_DB`), `--oggi AAAA-MM-GG` (`SPORTELLO_OGGI`),
//! `--blocco-minuti N` (`SPORTELLO_BLOCCO_MINUTI`, default 15).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod memoria;

use serde_json::Value;
use sportello::accesso::chiavi::MotivoAccesso;
use sportello::accesso::{self, Credenziali, NuovoUtente, StatoAccesso};
use sportello::commands::{self, InfoSessione, Nulla};
use sportello::domain::Utente;
use sportello::import::destinatari::Avanzamento;
use sportello::store::{self, Blocco};
use sportello::{Ctx, Error, Outcome, Source, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::{Manager, State};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use tauri_plugin_opener::OpenerExt;

/// What the window holds: the database file, locked for this window, and,
/// once someone has logged in, the open (decrypted) store and its user.
struct Sessione {
    /// Held only to take or replace the open store: the operations lock its connections.
    aperta: Mutex<Option<Arc<Aperta>>>,
    percorso: PathBuf,
    oggi: Option<chrono::NaiveDate>,
    blocco_minuti: u32,
    /// Raised by `annulla`, read by the long operation running (a batch print).
    annulla: Arc<AtomicBool>,
    _blocco: Blocco,
}

struct Aperta {
    scrittore: Mutex<Store>,
    /// Read-only connections to the same file (none if they could not be opened:
    /// then reads take their turn on the writer, as before).
    lettori: Vec<Mutex<Store>>,
    utente: Utente,
}

/// How many reads may run beside the write: a search, and a long print or the indicators.
const LETTORI: usize = 2;

impl Aperta {
    fn new(store: Store, utente: Utente) -> Aperta {
        let lettori = (0..LETTORI)
            .map_while(|_| store.lettore().ok())
            .map(Mutex::new)
            .collect();
        Aperta {
            scrittore: Mutex::new(store),
            lettori,
            utente,
        }
    }

    /// The writer for an operation that writes; for a read, the first free
    /// reader, or the first one to free up.
    fn connessione(&self, legge_soltanto: bool) -> std::sync::MutexGuard<'_, Store> {
        if !legge_soltanto || self.lettori.is_empty() {
            return prendi(&self.scrittore);
        }
        for l in &self.lettori {
            if let Ok(g) = l.try_lock() {
                return g;
            }
        }
        prendi(&self.lettori[0])
    }
}

/// A poisoned lock (a panic in an earlier operation) still guards a usable connection.
fn prendi(m: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sessione {
    fn oggi(&self) -> chrono::NaiveDate {
        self.oggi
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    fn aperta(&self) -> std::sync::MutexGuard<'_, Option<Arc<Aperta>>> {
        self.aperta.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the store off the UI thread, as the logged-in user, today:
    /// on a reader if `legge_soltanto`, else on the writer. A lock (`esci`)
    /// asked meanwhile lets the running operation end, then closes the store.
    async fn esegui<T: Send + 'static>(
        self: Arc<Self>,
        legge_soltanto: bool,
        f: impl FnOnce(&Store, &Ctx) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        spawn(move || {
            let Some(a) = self.aperta().clone() else {
                return Err(Error::Accesso {
                    motivo: MotivoAccesso::Bloccato,
                    message: "Sportello è bloccato: accedi di nuovo.".into(),
                });
            };
            let store = a.connessione(legge_soltanto);
            let esito = f(
                &store,
                &Ctx::new(Source::Ui, self.oggi()).with_actor(Some(a.utente.id)),
            );
            // Between operations the window holds no pages (memoria.rs).
            if let Err(e) = store.libera_memoria() {
                eprintln!("Memoria della connessione non liberata: {e}");
            }
            esito
        })
        .await
    }

    /// Keeps the store opened by a login. The day's copy is made beside it,
    /// on a reader of its own, so the first screen does not wait for it (a
    /// region's 550 MB took 10 s); a failed copy is said but does not keep
    /// the desk closed.
    fn entra(&self, store: Store, utente: Utente) -> StatoAccesso {
        let adesso = chrono::Local::now().naive_local();
        let adesso = self.oggi.map_or(adesso, |d| d.and_time(adesso.time()));
        let non_riuscita = |e: &dyn std::fmt::Display| {
            eprintln!("Copia di sicurezza giornaliera non riuscita: {e}");
        };
        match store.lettore() {
            Ok(lettore) => {
                let copia = move || {
                    if let Err(e) = store::copie::giornaliera(&lettore, adesso) {
                        non_riuscita(&e);
                    }
                };
                if let Err(e) = std::thread::Builder::new()
                    .name("copia".into())
                    .spawn(copia)
                {
                    non_riuscita(&e);
                }
            }
            Err(e) => non_riuscita(&e),
        }
        *self.aperta() = Some(Arc::new(Aperta::new(store, utente)));
        self.stato()
    }

    fn stato(&self) -> StatoAccesso {
        StatoAccesso {
            database: self.percorso.display().to_string(),
            stato: accesso::stato(&self.percorso),
            utente: self.aperta().as_ref().map(|a| a.utente.clone()),
            blocco_minuti: self.blocco_minuti,
        }
    }
}

/// Where the window starts: set-up, protection, login, or who is in.
#[tauri::command]
fn stato_accesso(sessione: State<'_, Arc<Sessione>>) -> StatoAccesso {
    sessione.stato()
}

/// Logs in: the password unwraps the database key (argon2id, so off the UI thread).
#[tauri::command]
async fn accedi(
    sessione: State<'_, Arc<Sessione>>,
    credenziali: Credenziali,
) -> Result<StatoAccesso, Error> {
    let s = (*sessione).clone();
    spawn(move || {
        let (store, utente) =
            accesso::apri(&s.percorso, &credenziali.nome_utente, &credenziali.password)?;
        Ok(s.entra(store, utente))
    })
    .await
}

/// The first start: creates the encrypted database (or protects a plain one)
/// with its first coordinatore, logs them in, and returns the recovery code
/// to show once.
#[tauri::command]
async fn prepara(sessione: State<'_, Arc<Sessione>>, primo: NuovoUtente) -> Result<String, Error> {
    let s = (*sessione).clone();
    spawn(move || {
        let creato = accesso::prepara(&s.percorso, &primo, s.oggi())?;
        s.entra(creato.store, creato.utente);
        Ok(creato.codice_recupero)
    })
    .await
}

/// Locks the window: the store is closed and its key forgotten until the next login.
#[tauri::command]
fn esci(sessione: State<'_, Arc<Sessione>>) -> StatoAccesso {
    sessione.aperta().take();
    sessione.stato()
}

/// Runs `f` off the UI thread (argon2id and long operations must not freeze the window).
async fn spawn<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| Error::Database {
            message: format!("L'operazione si è interrotta: {e}"),
        })?
}

#[tauri::command]
async fn chiama(
    sessione: State<'_, Arc<Sessione>>,
    operazione: String,
    input: Value,
) -> Result<Outcome<Value>, Error> {
    let legge = commands::legge_soltanto(&operazione);
    (*sessione)
        .clone()
        .esegui(legge, move |store, ctx| {
            commands::dispatch(store, ctx, &operazione, input)
        })
        .await
}

#[tauri::command]
async fn chiama_con_avanzamento(
    sessione: State<'_, Arc<Sessione>>,
    operazione: String,
    input: Value,
    avanzamento: Channel<Avanzamento>,
) -> Result<Outcome<Value>, Error> {
    let annulla = sessione.annulla.clone();
    let legge = commands::legge_soltanto(&operazione);
    (*sessione)
        .clone()
        .esegui(legge, move |store, ctx| {
            // Lowered once this operation holds the store, so a cancel asked
            // for the one before it still reaches that one.
            annulla.store(false, Ordering::Relaxed);
            let invia = |a: Avanzamento| {
                let _ = avanzamento.send(a);
            };
            let ctx = ctx.clone().with_annulla(annulla);
            commands::dispatch_con_avanzamento(store, &ctx, &operazione, input, &invia)
        })
        .await
}

/// Stops the long operation that is running (a batch print) at its next step;
/// it needs no lock, so it is heard while that operation holds the store.
#[tauri::command]
fn annulla(sessione: State<'_, Arc<Sessione>>) {
    sessione.annulla.store(true, Ordering::Relaxed);
}

#[tauri::command]
async fn info(sessione: State<'_, Arc<Sessione>>) -> Result<InfoSessione, Error> {
    let percorso = sessione.percorso.display().to_string();
    (*sessione)
        .clone()
        .esegui(true, move |store, ctx| {
            let enti = commands::organizzazione::list_enti_attuatori(store, ctx, Nulla {})?;
            Ok(InfoSessione {
                database: percorso,
                oggi: ctx.oggi,
                vuoto: enti.value.is_empty(),
                versione: env!("CARGO_PKG_VERSION").to_string(),
            })
        })
        .await
}

/// Opens a file (a printed register) with the system's viewer.
#[tauri::command]
fn apri(app: tauri::AppHandle, percorso: String) -> Result<(), Error> {
    app.opener()
        .open_path(&percorso, None::<&str>)
        .map_err(|e| Error::dati(format!("Non riesco ad aprire {percorso}: {e}")))
}

/// `--name value` from the command line, else the environment variable.
fn opzione(name: &str, env: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| std::env::var(env).ok().filter(|v| !v.is_empty()))
}

fn apri_sessione() -> Result<Sessione, Error> {
    let percorso = opzione("--db", "SPORTELLO_DB")
        .map(PathBuf::from)
        .unwrap_or_else(store::default_path);
    let oggi = match opzione("--oggi", "SPORTELLO_OGGI") {
        Some(d) => Some(d.parse().map_err(|_| {
            Error::dati(format!("Data di oggi non valida «{d}»: usate AAAA-MM-GG."))
        })?),
        None => None,
    };
    let blocco_minuti = match opzione("--blocco-minuti", "SPORTELLO_BLOCCO_MINUTI") {
        Some(m) => m
            .parse()
            .ok()
            .filter(|m| (1..=480).contains(m))
            .ok_or_else(|| {
                Error::dati(format!(
                    "Minuti di inattività prima del blocco non validi «{m}»: da 1 a 480."
                ))
            })?,
        None => 15,
    };
    let blocco = Blocco::prendi(&percorso)?;
    Ok(Sessione {
        aperta: Mutex::new(None),
        percorso,
        oggi,
        blocco_minuti,
        annulla: Arc::new(AtomicBool::new(false)),
        _blocco: blocco,
    })
}

fn main() {
    let sessione = apri_sessione();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            memoria::leggera(app);
            match sessione {
                Ok(s) => {
                    app.manage(Arc::new(s));
                }
                Err(e) => {
                    // Said in a window, since the user started us from a menu, not a terminal.
                    eprintln!("{e}");
                    app.dialog()
                        .message(e.to_string())
                        .title("Sportello")
                        .kind(MessageDialogKind::Error)
                        .blocking_show();
                    std::process::exit(2);
                }
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            chiama,
            chiama_con_avanzamento,
            annulla,
            info,
            apri,
            stato_accesso,
            accedi,
            prepara,
            esci
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("the Sportello window");
}
