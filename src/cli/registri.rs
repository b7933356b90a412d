//! The paper registers: one servizio's, or many in one PDF or a folder.

use super::Sessione;
use super::avanzamento::Barra;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use sportello::commands::registro as op;
use sportello::{Id, Result};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
enum Variante {
    Prima,
    Dopo,
}

impl From<Variante> for sportello::registro::Variante {
    fn from(v: Variante) -> Self {
        match v {
            Variante::Prima => Self::Prima,
            Variante::Dopo => Self::Dopo,
        }
    }
}

#[derive(Args)]
pub struct Registro {
    /// L'identificativo del servizio.
    #[arg(long)]
    servizio: Id,
    /// `prima` (da firmare) o `dopo` (compilato con gli incontri registrati).
    #[arg(long, value_enum, default_value = "prima")]
    variante: Variante,
    /// Il file da scrivere.
    #[arg(long)]
    out: PathBuf,
}

impl Registro {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = op::StampaRegistro {
            servizio_id: self.servizio,
            variante: self.variante.into(),
            percorso: self.out.display().to_string(),
        };
        op::stampa_registro(&s.store, &s.ctx, input)?;
        outln!("Registro scritto in {}.", self.out.display());
        Ok(())
    }
}

#[derive(Args)]
pub struct Registri {
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
    #[arg(long, value_enum, default_value = "prima")]
    variante: Variante,
    /// Un file .pdf (tutti i registri in uno) o una cartella (un file per registro).
    #[arg(long)]
    out: PathBuf,
}

impl Registri {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = op::StampaRegistri {
            intervento_id: self.intervento,
            ente_id: self.ente,
            dal: self.dal,
            al: self.al,
            variante: self.variante.into(),
            percorso: self.out.display().to_string(),
        };
        let barra = Barra::nuova(true);
        let fatto = op::stampa_registri_con(&s.store, &s.ctx, input, &|a| barra.segna(a))?.value;
        drop(barra);
        outln!(
            "{} registri scritti in {} file ({}).",
            fatto.registri,
            fatto.file.len(),
            self.out.display()
        );
        Ok(())
    }
}
