//! The paper registers: one servizio's, or many in one PDF or a folder; and
//! signed ones read back from a scanner.

use super::Sessione;
use super::avanzamento::Barra;
use super::uscita::{applicato, mostra};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use sportello::commands::{Conferma, lettura, registro as op};
use sportello::lettura::StatoPagina;
use sportello::{Id, Result, Source};
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

#[derive(Args)]
pub struct LeggiRegistri {
    /// Le scansioni: PDF dello scanner, o pagine PNG, JPEG, TIFF.
    #[arg(required = true)]
    file: Vec<PathBuf>,
    /// Mostra solo l'anteprima, senza scrivere nulla.
    #[arg(long)]
    anteprima: bool,
    /// Il risultato in JSON.
    #[arg(long)]
    json: bool,
}

impl LeggiRegistri {
    /// The plan page by page, then (unless `--anteprima`) the confident
    /// proposals written on open incontri.
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = lettura::LeggiRegistri {
            percorsi: self.file.iter().map(|f| f.display().to_string()).collect(),
            conferma: Conferma::applica_se(!self.anteprima),
            // Crops are for the window's review; here the doubtful boxes are listed.
            ritagli: false,
            decisioni: Vec::new(),
        };
        let barra = Barra::nuova(!self.json);
        let ctx = s.come(Source::Import);
        let esito = lettura::leggi_registri_con(&s.store, &ctx, input, &|a| barra.segna(a))?.value;
        drop(barra);
        mostra(self.json, &esito, stampa_lettura)
    }
}

/// Boxes left alone for their column's reason (a closed incontro, a column
/// with no ink, a column not recorded), said once per column of the page.
fn stampa_colonne(firme: &[&sportello::lettura::FirmaLetta]) {
    let mut colonne: Vec<(Option<NaiveDate>, &str, usize)> = Vec::new();
    for f in firme.iter().filter(|f| !f.applicabile && !f.dubbia) {
        let Some(nota) = f.nota.as_deref() else {
            continue;
        };
        match colonne
            .iter_mut()
            .find(|(d, n, _)| (*d, *n) == (f.data_incontro, nota))
        {
            Some(c) => c.2 += 1,
            None => colonne.push((f.data_incontro, nota, 1)),
        }
    }
    for (data, nota, n) in colonne {
        let data = data.map_or("senza data".into(), |d| {
            format!("del {}", d.format("%d/%m/%Y"))
        });
        outln!("  colonna {data}: {nota} ({n} caselle).");
    }
}

fn stampa_lettura(esito: &lettura::EsitoLettura) {
    let piano = &esito.piano;
    for (k, p) in piano.pagine.iter().enumerate() {
        let dove = format!("{} pagina {}", p.file, p.pagina_file);
        let registro = match (&p.registro, p.pagina, p.totale) {
            (Some(r), Some(n), Some(t)) => format!("registro {r}, pagina {n} di {t}"),
            _ => String::new(),
        };
        if p.stato != StatoPagina::Letta {
            let perche = p.messaggio.as_deref().unwrap_or_default();
            let registro = if registro.is_empty() {
                registro
            } else {
                format!(" ({registro})")
            };
            outln!("{dove}: non letta{registro} – {perche}.");
            continue;
        }
        let firme: Vec<_> = piano
            .firme
            .iter()
            .filter(|f| f.pagina == k as u32)
            .collect();
        let presenti = firme.iter().filter(|f| f.presente && !f.dubbia).count();
        let dubbie = firme.iter().filter(|f| f.dubbia).count();
        let giro = match p.rotazione {
            Some(r) if r.abs() > 90.0 => ", capovolta".to_string(),
            _ => String::new(),
        };
        outln!(
            "{dove}: {registro}{giro}, {} caselle, {presenti} firmate, {dubbie} incerte.",
            firme.len()
        );
        stampa_colonne(&firme);
        // Row by row only what needs a look: doubtful, or differing from the records.
        for f in firme
            .iter()
            .filter(|f| f.dubbia || (f.applicabile && f.nota.is_some()))
        {
            let data = f
                .data_incontro
                .map(|d| format!(", incontro del {}", d.format("%d/%m/%Y")))
                .unwrap_or_default();
            let proposta = if f.presente { "presente" } else { "assente" };
            outln!(
                "  riga {} {}{data}: {proposta} (fiducia {:.2}) – {}",
                f.riga,
                f.nome,
                f.fiducia,
                f.nota.as_deref().unwrap_or_default()
            );
        }
    }
    outln!(
        "{} pagine lette, {} non lette; {} presenti, {} assenti, {} incerte; {} da registrare.",
        piano.pagine_lette,
        piano.pagine_scartate,
        piano.presenti,
        piano.assenti,
        piano.dubbie,
        piano.da_applicare
    );
    applicato(esito.applicato, || {
        format!(
            "Registrate {} presenze su {} incontri.",
            esito.registrate, esito.incontri
        )
    });
}
