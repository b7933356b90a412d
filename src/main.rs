//! `sportello`: the command line. Every command calls the core's command
//! surface (`sportello::commands`), the same functions the desktop window calls.
//! Exit codes: 0 done, 1 a rule refused the operation, 2 bad usage or I/O.

mod cli;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use sportello::{Ctx, Error, Id, Source, Store, commands, store};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that ends the program quietly when the reader has gone
/// (`sportello check | head -1`): Rust ignores SIGPIPE, so `println!` would
/// panic on a closed pipe. The exit status is the shell's for SIGPIPE (141).
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($t)*) {
            uscita_chiusa(e)
        }
    }};
}

fn uscita_chiusa(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(141)
    }
    eprintln!(
        "Non riesco a scrivere il risultato: {}.",
        sportello::error::io_it(&e)
    );
    std::process::exit(2)
}

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
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Crea il database cifrato con il primo coordinatore (--utente e password), o protegge un
    /// database non cifrato, o lo aggiorna allo schema corrente; dice dov'è.
    Init,
    /// Con il codice di recupero dato alla creazione: nuova password per un coordinatore
    /// (codice in SPORTELLO_RECUPERO o chiesto, nuova password in SPORTELLO_PASSWORD o chiesta).
    Recupera,
    /// Riempie il database con un anno scolastico realistico di un ente attuatore.
    Demo,
    /// Esegue un'operazione della superficie dei comandi su un input JSON (o `-` per stdin).
    Call {
        operazione: String,
        input: Option<String>,
    },
    /// Elenca le operazioni disponibili.
    Operazioni,
    /// Tutte le segnalazioni delle regole sull'intero database.
    Check {
        /// Il risultato in JSON.
        #[arg(long)]
        json: bool,
    },
    /// Cosa è da chiudere: incontri (INC-06) e servizi (SER-11).
    Scadenze {
        /// Il risultato in JSON.
        #[arg(long)]
        json: bool,
    },
    /// Il catalogo delle azioni (di un codice azione, se indicato).
    Catalogo { codice: Option<String> },
    /// Scrive il modello Excel per l'elenco dei partecipanti da dare alle scuole.
    ModelloExcel {
        /// Il file da scrivere.
        #[arg(long)]
        out: PathBuf,
    },
    /// Stampa il registro presenze di un servizio in PDF.
    Registro {
        /// L'identificativo del servizio.
        #[arg(long)]
        servizio: Id,
        /// `prima` (da firmare) o `dopo` (compilato con gli incontri registrati).
        #[arg(long, default_value = "prima")]
        variante: String,
        /// Il file da scrivere.
        #[arg(long)]
        out: PathBuf,
    },
    /// Stampa molti registri: di un intervento, di un ente coinvolto o di un periodo.
    Registri {
        /// Solo i servizi di questo intervento.
        #[arg(long)]
        intervento: Option<Id>,
        /// Solo i servizi di questo ente coinvolto.
        #[arg(long)]
        ente: Option<Id>,
        /// Dal giorno (AAAA-MM-GG).
        #[arg(long)]
        dal: Option<NaiveDate>,
        /// Al giorno (AAAA-MM-GG).
        #[arg(long)]
        al: Option<NaiveDate>,
        /// `prima` (da firmare) o `dopo` (compilato con gli incontri registrati).
        #[arg(long, default_value = "prima")]
        variante: String,
        /// Un file .pdf (tutti i registri in uno) o una cartella (un file per registro).
        #[arg(long)]
        out: PathBuf,
    },
    /// Scrive le tabelle per il sistema regionale (docs/tabelle.md) nella cartella indicata.
    Tabelle {
        /// Incontri dal giorno (compreso), AAAA-MM-GG.
        #[arg(long)]
        dal: Option<NaiveDate>,
        /// Incontri fino al giorno (compreso), AAAA-MM-GG.
        #[arg(long)]
        al: Option<NaiveDate>,
        /// Solo i dati di questo ente attuatore.
        #[arg(long)]
        ente: Option<Id>,
        /// La cartella in cui scrivere.
        #[arg(long)]
        out: PathBuf,
        /// `xlsx` (un file, un foglio per tabella) o `csv` (un file per tabella).
        #[arg(long, default_value = "xlsx")]
        formato: String,
    },
    /// Indicatori di monitoraggio di un periodo (docs/indicatori.md).
    Indicatori {
        /// Dal giorno (AAAA-MM-GG).
        #[arg(long)]
        dal: Option<NaiveDate>,
        /// Al giorno (AAAA-MM-GG).
        #[arg(long)]
        al: Option<NaiveDate>,
        /// Solo questo ente attuatore.
        #[arg(long)]
        ente: Option<Id>,
        /// Solo questo territorio (della sede o dell'RT).
        #[arg(long)]
        territorio: Option<String>,
        /// Il risultato in JSON.
        #[arg(long)]
        json: bool,
        /// Scrive anche un file .xlsx.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Importa le scuole dall'anagrafe del Ministero (SCUANAGRAFESTAT….csv o SCUANAGRAFEPAR….csv).
    ImportaScuole {
        file: PathBuf,
        /// Solo le scuole di questa regione.
        #[arg(long)]
        regione: Option<String>,
        /// Solo le scuole di questa provincia.
        #[arg(long)]
        provincia: Option<String>,
        /// Mostra solo l'anteprima, senza scrivere nulla.
        #[arg(long)]
        anteprima: bool,
        /// Il risultato in JSON.
        #[arg(long)]
        json: bool,
    },
    /// Importa i partecipanti di un servizio da un file della scuola (.xlsx, .xls, .ods, .csv).
    ImportaDestinatari {
        /// L'identificativo del servizio.
        #[arg(long)]
        servizio: Id,
        file: PathBuf,
        /// Mostra solo l'anteprima, senza scrivere nulla.
        #[arg(long)]
        anteprima: bool,
        /// Dove mancano e-mail e telefono usa i recapiti della scuola (DES-03).
        #[arg(long)]
        usa_contatti_scuola: bool,
        /// Accetta il codice fiscale di una riga con un motivo (DES-01): `12="Minore senza CF"`.
        #[arg(long = "forza", value_name = "RIGA=MOTIVO")]
        forzature: Vec<String>,
        /// Che cosa significa un valore non riconosciuto (l'anteprima li elenca):
        /// `titolo_studio:Media inferiore=licenza_media`; dopo `=` nulla per lasciarlo vuoto.
        #[arg(long = "valore", value_name = "CAMPO:VALORE=VOCE")]
        scelte: Vec<String>,
        /// Il risultato in JSON.
        #[arg(long)]
        json: bool,
    },
    /// Esporta per l'ufficio regionale (file firmato e cifrato): ciò che è cambiato dall'ultima volta.
    Esporta {
        /// Il file da scrivere.
        #[arg(long)]
        out: PathBuf,
        /// Tutto ciò che è registrato, non solo le modifiche.
        #[arg(long)]
        completo: bool,
        /// Il nome della destinazione (predefinito: ufficio-regionale).
        #[arg(long)]
        destinazione: Option<String>,
    },
    /// All'ufficio regionale: unisce il file di uno sportello (prima l'anteprima con `--anteprima`).
    Unisci {
        file: PathBuf,
        /// Mostra solo cosa aggiungerebbe, aggiornerebbe e i conflitti, senza scrivere nulla.
        #[arg(long)]
        anteprima: bool,
        /// Il risultato in JSON.
        #[arg(long)]
        json: bool,
    },
    /// All'ufficio regionale: crea (una volta) le chiavi e stampa la chiave pubblica per gli sportelli.
    ChiaviUfficio,
    /// Allo sportello: imposta la chiave pubblica dell'ufficio regionale (age1…).
    ImpostaUfficio { destinatario: String },
    /// Fa subito una copia di sicurezza del database (nella cartella `copie` accanto), verificata.
    Copia,
    /// Elenca le copie di sicurezza del database, dalla più recente.
    Copie,
    /// Rimette il database com'era nella copia indicata (lo stato attuale resta in una copia).
    Ripristina {
        /// Il file della copia (vedi `sportello copie`).
        copia: PathBuf,
    },
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

/// Without a command: the "Oggi" home screen, what is due today.
fn oggi_screen(store: &Store, ctx: &Ctx, path: &std::path::Path) -> Result<(), Error> {
    outln!(
        "Sportello — database {}, oggi {}.",
        path.display(),
        ctx.oggi.format("%d/%m/%Y")
    );
    if commands::organizzazione::list_enti_attuatori(store, ctx, commands::Nulla {})?
        .value
        .is_empty()
    {
        outln!("Il database è vuoto. Per vedere un anno scolastico di esempio: sportello demo");
        outln!("Per l'elenco dei comandi: sportello --help");
        return Ok(());
    }
    let s = commands::check::list_scadenze(store, ctx, Default::default())?.value;
    for v in &s.voci {
        outln!(
            "  {} {} {}",
            v.code,
            if v.ritardo { "RITARDO" } else { "avviso " },
            v.messaggio
        );
    }
    outln!(
        "Incontri: {} da chiudere, {} in ritardo. Servizi: {} da chiudere, {} in ritardo.",
        s.incontri_in_scadenza,
        s.incontri_in_ritardo,
        s.servizi_in_scadenza,
        s.servizi_in_ritardo
    );
    Ok(())
}

/// `importa-destinatari`: the preview row by row, then (unless `--anteprima`) the write.
fn importa(
    store: &Store,
    ctx: &Ctx,
    input: commands::importa::ImportaDestinatari,
    json: bool,
) -> Result<(), Error> {
    let bar = |a: sportello::import::destinatari::Avanzamento| {
        if !json && a.totale >= 1000 {
            eprint!("\r{} {}/{}", a.fase, a.fatto, a.totale);
        }
    };
    let esito = commands::importa::importa_destinatari_con(store, ctx, input, &bar)?.value;
    if json {
        return print(&esito);
    }
    let p = &esito.piano;
    for r in &p.righe {
        for s in &r.segnalazioni {
            let cella = s
                .cella
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default();
            outln!(
                "riga {}{cella} {} {:?}: {}",
                r.riga,
                s.code,
                s.severity,
                s.messaggio
            );
        }
    }
    let ignorate: Vec<String> = p
        .colonne
        .iter()
        .filter(|c| c.campo.is_none())
        .map(|c| format!("{} «{}»", c.colonna, c.intestazione))
        .collect();
    if !ignorate.is_empty() {
        outln!("Colonne ignorate: {}.", ignorate.join(", "));
    }
    outln!(
        "{} nuovi, {} già presenti (da iscrivere), {} già iscritti, {} righe con errori (non importate), {} con avvisi.",
        p.nuovi,
        p.esistenti,
        p.gia_iscritti,
        p.errori,
        p.avvisi
    );
    for d in &p.da_decidere {
        let ammessi: Vec<&str> = d.ammessi.iter().map(|(code, _)| code.as_str()).collect();
        let campo = serde_json::to_value(d.campo).unwrap_or_default();
        outln!(
            "Da decidere: «{}» nella colonna {} ({}), {} righe: --valore '{}:{}=VOCE' con VOCE tra {} (o vuota).",
            d.valore,
            d.colonna,
            d.intestazione,
            d.righe,
            campo.as_str().unwrap_or_default(),
            d.valore,
            ammessi.join(", ")
        );
    }
    if esito.applicato {
        outln!(
            "Importati: {} destinatari creati, {} iscritti al servizio.",
            esito.creati,
            esito.iscritti
        );
    } else {
        outln!("Anteprima: nulla è stato scritto.");
    }
    Ok(())
}

fn stampa_indicatori(x: &sportello::indicatori::Indicatori) {
    let d = &x.destinatari;
    let t = &x.totale;
    outln!(
        "Destinatari raggiunti: {} ({} F, {} M), con disabilità {}, dispersi {}.",
        d.totale,
        d.femmine,
        d.maschi,
        d.con_disabilita,
        d.dispersi
    );
    for c in &d.per_target {
        outln!("  target {}: {}", c.voce, c.destinatari);
    }
    for c in &d.per_classe {
        outln!("  classe {}: {}", c.voce, c.destinatari);
    }
    outln!(
        "Famiglie (OR3): {} dichiarate in {} servizi, {} presenze agli incontri.",
        x.famiglie.numero_famiglie,
        x.famiglie.servizi,
        x.famiglie.presenze_famiglie
    );
    outln!(
        "{:<22} {:>6} {:>6} {:>6} {:>6} {:>8} {:>8} {:>9} {:>6}",
        "azione",
        "attivi",
        "avviat",
        "chiusi",
        "ritSER",
        "incontri",
        "ritINC",
        "ore",
        "dest."
    );
    for a in x.azioni.iter().chain(std::iter::once(t)) {
        outln!(
            "{:<22} {:>6} {:>6} {:>6} {:>6} {:>8} {:>8} {:>9.2} {:>6}",
            format!("{} {}", a.catalogo, a.codice_azione).trim(),
            a.servizi_attivi,
            a.servizi_avviati,
            a.servizi_chiusi,
            a.servizi_chiusi_in_ritardo,
            a.incontri,
            a.incontri_chiusi_in_ritardo,
            a.ore,
            a.destinatari
        );
    }
    for c in &x.costi {
        outln!(
            "UCS {} {} {}: {} incontri, {} ore, {} partecipazioni, € {:.2}{}",
            c.catalogo,
            c.codice_azione,
            c.modalita.as_str(),
            c.incontri,
            c.ore,
            c.partecipazioni,
            c.costo,
            if c.riconosciuto {
                ""
            } else {
                " (non riconosciuto: solo con inserimento lavorativo)"
            }
        );
    }
    outln!("Costo riconosciuto: € {:.2}", x.costo_riconosciuto);
    for f in &x.fisici {
        match f.valore {
            Some(v) => outln!("002 {:<5} {:>6}  {}", f.codice, v, f.descrizione),
            None => outln!(
                "002 {:<5} {:>6}  {} — {}",
                f.codice,
                "—",
                f.descrizione,
                f.lettura
            ),
        }
    }
}

/// `unisci`: the plan (what the file adds, updates, deletes, the conflicts), then the merge.
fn unisci(
    store: &Store,
    ctx: &Ctx,
    file: PathBuf,
    anteprima: bool,
    json: bool,
) -> Result<(), Error> {
    let input = commands::scambio::Unisci {
        percorso: file.display().to_string(),
        applica: !anteprima,
        impronta: None,
    };
    let esito = commands::scambio::unisci(store, ctx, input)?.value;
    if json {
        return print(&esito);
    }
    let p = &esito.piano;
    let h = &p.intestazione;
    outln!(
        "Sportello {} ({}), {}{}, scritto il {}.",
        h.sportello,
        h.ente_nome.as_deref().unwrap_or("ente non indicato"),
        intervallo(h.seq_da, h.seq_a),
        if h.completo {
            ", esportazione completa"
        } else {
            ""
        },
        h.creato_il
    );
    for c in &p.conflitti {
        outln!(
            "CONFLITTO {} {}: cambiato sia qui sia allo sportello ({}).",
            c.tipo,
            c.id,
            c.campi.join(", ")
        );
    }
    outln!(
        "{} da aggiungere, {} da aggiornare, {} da cancellare, {} invariati, {} già ricevuti, {} riconosciuti per codice (DES-05), {} conflitti.",
        p.aggiunti,
        p.aggiornati,
        p.cancellati,
        p.invariati,
        p.superati,
        p.alias,
        p.conflitti.len()
    );
    outln!(
        "{}",
        if esito.applicato {
            "Unito."
        } else {
            "Anteprima: nulla è stato scritto."
        }
    );
    Ok(())
}

/// The change_log range (da, a] of a file, in words.
fn intervallo(da: i64, a: i64) -> String {
    if a > da {
        format!("modifiche {}–{a}", da + 1)
    } else {
        "nessuna modifica".into()
    }
}

fn variante_di(s: &str) -> Result<sportello::registro::Variante, Error> {
    match s {
        "prima" => Ok(sportello::registro::Variante::Prima),
        "dopo" => Ok(sportello::registro::Variante::Dopo),
        _ => Err(Error::dati(format!(
            "Variante «{s}» sconosciuta: scrivi prima o dopo."
        ))),
    }
}

fn operazioni() -> Result<(), Error> {
    for op in commands::OPERATIONS {
        outln!("{:<24} {}", op.name, op.doc.trim());
    }
    Ok(())
}

/// The operation of the command surface a command runs, whose permission
/// (`commands::OPERATIONS`) the user must have. `call` is checked by dispatch.
fn operazione(c: &Command) -> Option<&'static str> {
    Some(match c {
        Command::Init | Command::Recupera | Command::Operazioni | Command::Call { .. } => {
            return None;
        }
        Command::Demo => "riempi_demo",
        Command::Check { .. } => "run_checks",
        Command::Scadenze { .. } => "list_scadenze",
        Command::Catalogo { .. } => "list_cataloghi",
        Command::ModelloExcel { .. } => "modello_excel",
        Command::Registro { .. } => "stampa_registro",
        Command::Registri { .. } => "stampa_registri",
        Command::Tabelle { .. } => "scrivi_tabelle",
        Command::Indicatori { .. } => "calcola_indicatori",
        Command::ImportaScuole { .. } => "importa_scuole",
        Command::ImportaDestinatari { .. } => "importa_destinatari",
        Command::Esporta { .. } => "esporta",
        Command::Unisci { .. } => "unisci",
        Command::ChiaviUfficio => "genera_chiavi_ufficio",
        Command::ImpostaUfficio { .. } => "imposta_ufficio",
        Command::Copia => "crea_copia",
        Command::Copie => "list_copie",
        Command::Ripristina { .. } => "ripristina_copia",
    })
}

fn print<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    outln!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

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
        return operazioni();
    }
    // Every command acts as a logged-in user: their password opens the
    // database, and they are the author of what they write.
    let login = cli::accesso::Login { utente: cli.utente };
    let (store, utente, codice) = match cli.command {
        Some(Command::Init) => cli::accesso::init(&path, &login, oggi)?,
        Some(Command::Recupera) => {
            let (s, u) = cli::accesso::recupera(&path, &login)?;
            (s, u, None)
        }
        _ => {
            let (s, u) = cli::accesso::accedi(&path, &login)?;
            (s, u, None)
        }
    };
    let ctx = Ctx::new(Source::Cli, oggi).with_actor(Some(utente.id));
    let Some(command) = cli.command else {
        return oggi_screen(&store, &ctx, &path);
    };
    if let Some(op) = operazione(&command) {
        commands::consenti(&store, &ctx, op)?;
    }
    match command {
        Command::Init => {
            if let Some(codice) = codice {
                outln!(
                    "Database cifrato creato: {} (schema {}), primo coordinatore {}.",
                    path.display(),
                    store::schema_version(),
                    utente.dati.nome_utente
                );
                outln!("Codice di recupero (mostrato solo ora: stampalo e conservalo al sicuro):");
                outln!("  {codice}");
                outln!("Senza password né codice di recupero il database non si apre più.");
            } else {
                outln!(
                    "Database pronto: {} (schema {}).",
                    path.display(),
                    store::schema_version()
                );
            }
        }
        Command::Recupera => {
            outln!(
                "Nuova password impostata per {} ({}).",
                utente.dati.nome,
                utente.dati.nome_utente
            );
        }
        Command::Demo => {
            let r = sportello::commands::demo::fill(
                &store,
                &Ctx {
                    source: Source::Demo,
                    ..ctx
                },
            )?;
            outln!(
                "Dati dimostrativi inseriti in {}: {} interventi, {} servizi, {} incontri, {} destinatari.",
                path.display(),
                r.interventi,
                r.servizi,
                r.incontri,
                r.destinatari
            );
            outln!(
                "Orientatori (password «{}»): {}.",
                commands::demo::DEMO_PASSWORD,
                r.utenti.join(", ")
            );
        }
        Command::Call { operazione, input } => {
            let text = match input.as_deref() {
                None => "{}".to_string(),
                Some("-") => {
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s).map_err(|e| {
                        Error::dati(format!(
                            "Non riesco a leggere l'input: {}.",
                            sportello::error::io_it(&e)
                        ))
                    })?;
                    s
                }
                Some(text) => text.to_string(),
            };
            let input: serde_json::Value = serde_json::from_str(&text)?;
            print(&commands::dispatch(&store, &ctx, &operazione, input)?)?;
        }
        Command::Esporta {
            out,
            completo,
            destinazione,
        } => {
            let percorso = out.display().to_string();
            let e = commands::scambio::esporta(
                &store,
                &ctx,
                commands::scambio::Esporta {
                    percorso,
                    completo,
                    destinazione,
                },
            )?
            .value;
            outln!(
                "Esportati {} record ({} cancellazioni){}, {}: {} ({} byte).",
                e.voci,
                e.cancellazioni,
                if e.completo {
                    ", esportazione completa"
                } else {
                    ""
                },
                intervallo(e.seq_da, e.seq_a),
                e.percorso,
                e.byte
            );
        }
        Command::Unisci {
            file,
            anteprima,
            json,
        } => unisci(&store, &ctx, file, anteprima, json)?,
        Command::Copia => {
            let c = commands::copie::crea_copia(&store, &ctx, commands::Nulla {})?.value;
            outln!(
                "Copia scritta e verificata: {} ({} byte).",
                c.percorso,
                c.byte
            );
        }
        Command::Copie => {
            let copie = commands::copie::list_copie(&store, &ctx, commands::Nulla {})?.value;
            if copie.is_empty() {
                outln!("Nessuna copia di {}.", path.display());
            }
            for c in copie {
                outln!(
                    "{}  {:<24}  {}",
                    c.quando.format("%d/%m/%Y %H:%M"),
                    c.motivo.etichetta(),
                    c.percorso
                );
            }
        }
        Command::Ripristina { copia } => {
            let percorso = copia.display().to_string();
            let prima = commands::copie::ripristina_copia(
                &store,
                &ctx,
                commands::importa::Percorso { percorso },
            )?
            .value;
            outln!(
                "Database ripristinato da {}. Lo stato di prima è nella copia {}.",
                copia.display(),
                prima.percorso
            );
        }
        Command::ChiaviUfficio => {
            let c =
                commands::scambio::genera_chiavi_ufficio(&store, &ctx, commands::Nulla {})?.value;
            outln!(
                "Chiave pubblica dell'ufficio regionale, da dare agli sportelli:\n{}",
                c.destinatario
            );
        }
        Command::ImpostaUfficio { destinatario } => {
            let c = commands::scambio::imposta_ufficio(
                &store,
                &ctx,
                commands::scambio::ChiaveUfficio { destinatario },
            )?
            .value;
            outln!(
                "Le esportazioni saranno cifrate per {}. Questo sportello è {}, chiave di firma {}.",
                c.ufficio,
                c.sportello,
                c.chiave_pubblica
            );
        }
        Command::ModelloExcel { out } => {
            let percorso = out.display().to_string();
            commands::importa::modello_excel(
                &store,
                &ctx,
                commands::importa::Percorso { percorso },
            )?;
            outln!("Modello scritto in {}.", out.display());
        }
        Command::ImportaDestinatari {
            servizio,
            file,
            anteprima,
            usa_contatti_scuola,
            forzature,
            scelte,
            json,
        } => {
            let scelte = scelte
                .iter()
                .map(|v| {
                    let sbagliato =
                        || Error::dati(format!("--valore «{v}»: scrivi CAMPO:VALORE=VOCE."));
                    let (campo, resto) = v.split_once(':').ok_or_else(sbagliato)?;
                    let (valore, voce) = resto.rsplit_once('=').ok_or_else(sbagliato)?;
                    let campo =
                        serde_json::from_value(serde_json::Value::String(campo.trim().into()))
                            .map_err(|_| sbagliato())?;
                    Ok(sportello::import::destinatari::SceltaValore {
                        campo,
                        valore: valore.into(),
                        voce: Some(voce.trim()).filter(|v| !v.is_empty()).map(Into::into),
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            let forzature = forzature
                .iter()
                .map(|f| {
                    let (riga, motivo) = f.split_once('=').unwrap_or((f, ""));
                    let riga = riga
                        .trim()
                        .parse()
                        .map_err(|_| Error::dati(format!("--forza «{f}»: scrivi RIGA=MOTIVO.")))?;
                    Ok(sportello::import::destinatari::ForzaturaRiga {
                        riga,
                        motivo: motivo.trim().into(),
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            let input = commands::importa::ImportaDestinatari {
                servizio_id: servizio,
                percorso: file.display().to_string(),
                opzioni: sportello::import::destinatari::Opzioni {
                    usa_contatti_scuola,
                    forzature,
                    scelte,
                },
                applica: !anteprima,
                impronta: None,
            };
            importa(
                &store,
                &Ctx {
                    source: Source::Import,
                    ..ctx
                },
                input,
                json,
            )?;
        }
        Command::ImportaScuole {
            file,
            regione,
            provincia,
            anteprima,
            json,
        } => {
            let input = commands::importa::ImportaScuole {
                percorso: file.display().to_string(),
                filtro: sportello::import::scuole::Filtro { regione, provincia },
                applica: !anteprima,
            };
            let ctx = Ctx {
                source: Source::Import,
                ..ctx
            };
            let esito = commands::importa::importa_scuole(&store, &ctx, input)?.value;
            if json {
                return print(&esito);
            }
            let p = &esito.piano;
            for r in p.righe.iter().filter_map(|r| r.messaggio.as_ref()) {
                outln!("{r}");
            }
            outln!(
                "{} scuole nuove, {} da aggiornare, {} invariate, {} righe con errori, {} escluse dal filtro.",
                p.nuove,
                p.aggiornate,
                p.invariate,
                p.errori,
                p.escluse
            );
            if esito.applicato {
                outln!(
                    "Scritte: {} nuove, {} aggiornate.",
                    esito.nuove,
                    esito.aggiornate
                );
            } else {
                outln!("Anteprima: nulla è stato scritto.");
            }
        }
        Command::Registro {
            servizio,
            variante,
            out,
        } => {
            let input = commands::registro::StampaRegistro {
                servizio_id: servizio,
                variante: variante_di(&variante)?,
                percorso: out.display().to_string(),
            };
            commands::registro::stampa_registro(&store, &ctx, input)?;
            outln!("Registro scritto in {}.", out.display());
        }
        Command::Registri {
            intervento,
            ente,
            dal,
            al,
            variante,
            out,
        } => {
            let input = commands::registro::StampaRegistri {
                intervento_id: intervento,
                ente_id: ente,
                dal,
                al,
                variante: variante_di(&variante)?,
                percorso: out.display().to_string(),
            };
            let bar = |fatti: usize, totale: usize| eprint!("\rRegistri: {fatti}/{totale}");
            let s = commands::registro::stampa_registri_con(&store, &ctx, input, &bar)?.value;
            eprintln!();
            outln!(
                "{} registri scritti in {} file ({}).",
                s.registri,
                s.file.len(),
                out.display()
            );
        }
        Command::Tabelle {
            dal,
            al,
            ente,
            out,
            formato,
        } => {
            let formato = sportello::tabelle::Formato::parse(&formato).ok_or_else(|| {
                Error::dati(format!(
                    "Formato «{formato}» sconosciuto: scrivi xlsx o csv."
                ))
            })?;
            let input = commands::tabelle::ScriviTabelle {
                dal,
                al,
                ente_attuatore_id: ente,
                formato,
                cartella: out.display().to_string(),
            };
            let s = commands::tabelle::scrivi_tabelle(&store, &ctx, input)?.value;
            for t in &s.tabelle {
                outln!("{:<12} {} righe", t.tabella, t.righe);
            }
            outln!("Scritti: {}.", s.file.join(", "));
        }
        Command::Indicatori {
            dal,
            al,
            ente,
            territorio,
            json,
            out,
        } => {
            let input = commands::indicatori::CalcolaIndicatori {
                ambito: store::indicatori::Ambito {
                    dal,
                    al,
                    ente_attuatore_id: ente,
                    territorio,
                },
                percorso: out.as_ref().map(|p| p.display().to_string()),
            };
            let x = commands::indicatori::calcola_indicatori(&store, &ctx, input)?.value;
            if json {
                print(&x)?;
            } else {
                stampa_indicatori(&x);
                if let Some(p) = out {
                    outln!("Scritti in {}.", p.display());
                }
            }
        }
        Command::Operazioni => return operazioni(),
        Command::Check { json } => {
            let findings = commands::check::run_checks(&store, &ctx, commands::Nulla {})?.value;
            if json {
                print(&findings)?;
            } else {
                for f in &findings {
                    let id = f
                        .record
                        .map(|r| format!(" [{} {}]", r.kind.as_str(), r.id))
                        .unwrap_or_default();
                    outln!("{} {:?}{id}: {}", f.code, f.severity, f.message);
                }
                outln!("{} segnalazioni.", findings.len());
            }
        }
        Command::Scadenze { json } => {
            let s = commands::check::list_scadenze(&store, &ctx, Default::default())?.value;
            if json {
                print(&s)?;
            } else {
                for v in &s.voci {
                    outln!(
                        "{} {} {}",
                        v.code,
                        if v.ritardo { "RITARDO" } else { "avviso " },
                        v.messaggio
                    );
                }
                outln!(
                    "Incontri: {} da chiudere, {} in ritardo. Servizi: {} da chiudere, {} in ritardo.",
                    s.incontri_in_scadenza,
                    s.incontri_in_ritardo,
                    s.servizi_in_scadenza,
                    s.servizi_in_ritardo
                );
            }
        }
        Command::Catalogo { codice } => {
            let catalogo = store
                .setting("ente_attuatore_id")?
                .and_then(|id| id.parse().ok())
                .and_then(|id| store::organizzazione::get_ente_attuatore(store.read(), id).ok())
                .map(|e| e.dati.catalogo)
                .unwrap_or_else(|| "piemonte-oop".into());
            let cat = sportello::catalogo::get(&catalogo).expect("shipped catalogue");
            match codice {
                Some(c) => print(&sportello::rules::servizio::azione(cat, &c)?)?,
                None => {
                    outln!(
                        "{} (versione {}){}",
                        cat.testata.nome,
                        cat.testata.versione,
                        if cat.testata.provvisorio {
                            " — limiti provvisori"
                        } else {
                            ""
                        }
                    );
                    for a in &cat.azioni {
                        outln!("{:<8} {}", a.codice, a.nome);
                    }
                }
            }
        }
    }
    Ok(())
}
