//! The command surface itself (`call`, `operazioni`) and what reads the
//! whole database: the home screen, `check`, `scadenze`, `catalogo`.

use super::Sessione;
use super::uscita::{json, mostra};
use clap::Args;
use sportello::commands::{self, Nulla};
use sportello::{Error, Result};
use std::io::Read;

#[derive(Args)]
pub struct Call {
    operazione: String,
    input: Option<String>,
}

impl Call {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let text = match self.input.as_deref() {
            None => "{}".to_string(),
            Some("-") => {
                let mut t = String::new();
                std::io::stdin().read_to_string(&mut t).map_err(|e| {
                    Error::dati(format!(
                        "Non riesco a leggere l'input: {}.",
                        sportello::error::io_it(&e)
                    ))
                })?;
                t
            }
            Some(text) => text.to_string(),
        };
        let input: serde_json::Value = serde_json::from_str(&text)?;
        json(&commands::dispatch(
            &s.store,
            &s.ctx,
            &self.operazione,
            input,
        )?)
    }
}

pub fn operazioni() -> Result<()> {
    for op in commands::OPERATIONS {
        outln!("{:<24} {}", op.name, op.doc.trim());
    }
    Ok(())
}

/// Without a command: the "Oggi" home screen, what is due today.
pub fn oggi(s: &Sessione) -> Result<()> {
    outln!(
        "Sportello — database {}, oggi {}.",
        s.path.display(),
        s.ctx.oggi.format("%d/%m/%Y")
    );
    let enti = commands::organizzazione::list_enti_attuatori(&s.store, &s.ctx, Nulla {})?;
    if enti.value.is_empty() {
        outln!("Il database è vuoto. Per vedere un anno scolastico di esempio: sportello demo");
        outln!("Per l'elenco dei comandi: sportello --help");
        return Ok(());
    }
    scadenze(s, "  ")
}

fn scadenze(s: &Sessione, rientro: &str) -> Result<()> {
    let x = commands::check::list_scadenze(&s.store, &s.ctx, Default::default())?.value;
    for v in &x.voci {
        let tipo = if v.ritardo { "RITARDO" } else { "avviso " };
        outln!("{rientro}{} {tipo} {}", v.code, v.messaggio);
    }
    outln!(
        "Incontri: {} da chiudere, {} in ritardo. Servizi: {} da chiudere, {} in ritardo.",
        x.incontri_in_scadenza,
        x.incontri_in_ritardo,
        x.servizi_in_scadenza,
        x.servizi_in_ritardo
    );
    Ok(())
}

#[derive(Args)]
pub struct Check {
    /// Il risultato in JSON.
    #[arg(long)]
    json: bool,
}

impl Check {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let findings = commands::check::run_checks(&s.store, &s.ctx, Nulla {})?.value;
        mostra(self.json, &findings, |findings| {
            for f in findings {
                let id = f
                    .record
                    .map(|r| format!(" [{} {}]", r.kind.as_str(), r.id))
                    .unwrap_or_default();
                outln!("{} {:?}{id}: {}", f.code, f.severity, f.message);
            }
            outln!("{} segnalazioni.", findings.len());
        })
    }
}

#[derive(Args)]
pub struct Scadenze {
    /// Il risultato in JSON.
    #[arg(long)]
    json: bool,
}

impl Scadenze {
    pub fn run(self, s: &Sessione) -> Result<()> {
        if self.json {
            return json(
                &commands::check::list_scadenze(&s.store, &s.ctx, Default::default())?.value,
            );
        }
        scadenze(s, "")
    }
}

#[derive(Args)]
pub struct Catalogo {
    codice: Option<String>,
}

impl Catalogo {
    /// The catalogue of this desk's implementing body (the regional one
    /// before there is one), or one of its actions.
    pub fn run(self, s: &Sessione) -> Result<()> {
        let (store, ctx) = (&s.store, &s.ctx);
        let attuale = commands::organizzazione::get_impostazioni(store, ctx, Nulla {})?.value;
        let enti = commands::organizzazione::list_enti_attuatori(store, ctx, Nulla {})?.value;
        let codice = enti
            .into_iter()
            .find(|e| Some(e.id) == attuale.ente_attuatore_id)
            .map_or_else(|| "piemonte-oop".into(), |e| e.dati.catalogo);
        let cataloghi = commands::catalogo::list_cataloghi(store, ctx, Nulla {})?.value;
        let Some(cat) = cataloghi.into_iter().find(|c| c.testata.codice == codice) else {
            return Err(Error::dati(format!(
                "Il catalogo «{codice}» non è tra quelli di Sportello."
            )));
        };
        if let Some(c) = self.codice {
            return json(sportello::rules::servizio::azione(&cat, &c)?);
        }
        let provvisorio = if cat.testata.provvisorio {
            " — limiti provvisori"
        } else {
            ""
        };
        outln!(
            "{} (versione {}){provvisorio}",
            cat.testata.nome,
            cat.testata.versione
        );
        for a in &cat.azioni {
            outln!("{:<8} {}", a.codice, a.nome);
        }
        Ok(())
    }
}
