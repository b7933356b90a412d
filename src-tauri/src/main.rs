//! The desktop window: a thin shell over the core's command surface. The UI
//! calls `chiama` (or `chiama_con_avanzamento` for imports and batch prints)
//! with an operation name and its JSON input; the core does the rest. No rule,
//! SQL or layout lives here: only the window, the database lock, the files the
//! operating system opens, and which day is today.
//!
//! Options (also as environment variables, for tests): `--db PATH`
//! (`SPORTELLO_DB`), `--oggi AAAA-MM-GG` (`SPORTELLO_OGGI`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use serde_json::Value;
use sportello::commands::{self, InfoSessione, Nulla};
use sportello::import::destinatari::Avanzamento;
use sportello::store::{self, Blocco};
use sportello::{Ctx, Error, Outcome, Source, Store};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::{Manager, State};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use tauri_plugin_opener::OpenerExt;

/// What the window holds: the one open database and the fixed day, if any.
struct Sessione {
    store: Mutex<Store>,
    percorso: PathBuf,
    oggi: Option<chrono::NaiveDate>,
    _blocco: Blocco,
}

impl Sessione {
    /// Runs `f` on the store off the UI thread, as the current user, today.
    async fn esegui<T: Send + 'static>(
        self: Arc<Self>,
        f: impl FnOnce(&Store, &Ctx) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        tauri::async_runtime::spawn_blocking(move || {
            let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
            let oggi = self
                .oggi
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let actor = store
                .setting("orientatore_id")?
                .and_then(|v| v.parse().ok());
            f(&store, &Ctx::new(Source::Ui, oggi).with_actor(actor))
        })
        .await
        .map_err(|e| Error::Database {
            message: format!("L'operazione si è interrotta: {e}"),
        })?
    }
}

#[tauri::command]
async fn chiama(
    sessione: State<'_, Arc<Sessione>>,
    operazione: String,
    input: Value,
) -> Result<Outcome<Value>, Error> {
    (*sessione)
        .clone()
        .esegui(move |store, ctx| commands::dispatch(store, ctx, &operazione, input))
        .await
}

#[tauri::command]
async fn chiama_con_avanzamento(
    sessione: State<'_, Arc<Sessione>>,
    operazione: String,
    input: Value,
    avanzamento: Channel<Avanzamento>,
) -> Result<Outcome<Value>, Error> {
    (*sessione)
        .clone()
        .esegui(move |store, ctx| {
            let invia = |a: Avanzamento| {
                let _ = avanzamento.send(a);
            };
            commands::dispatch_con_avanzamento(store, ctx, &operazione, input, &invia)
        })
        .await
}

#[tauri::command]
async fn info(sessione: State<'_, Arc<Sessione>>) -> Result<InfoSessione, Error> {
    let percorso = sessione.percorso.display().to_string();
    (*sessione)
        .clone()
        .esegui(move |store, ctx| {
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
    let blocco = Blocco::prendi(&percorso)?;
    let store = Store::open(&percorso)?;
    // The day's copy at the first start; a failed copy is said but does not keep the desk closed.
    let adesso = chrono::Local::now().naive_local();
    let adesso = oggi.map_or(adesso, |d: chrono::NaiveDate| d.and_time(adesso.time()));
    if let Err(e) = store::copie::giornaliera(&store, adesso) {
        eprintln!("Copia di sicurezza giornaliera non riuscita: {e}");
    }
    Ok(Sessione {
        store: Mutex::new(store),
        percorso,
        oggi,
        _blocco: blocco,
    })
}

fn main() {
    let sessione = apri_sessione();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
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
            info,
            apri
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("the Sportello window");
}
