//! What the region reads: the tables for the regional system and the
//! monitoring indicators of a period.

use super::Sessione;
use super::uscita::json;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use sportello::commands::{indicatori as ind, tabelle as tab};
use sportello::domain::Vocabolario;
use sportello::indicatori::Indicatori as Valori;
use sportello::store::ambito::Ambito;
use sportello::{Id, Result};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
enum Formato {
    Xlsx,
    Csv,
}

/// The incontri a report counts: by day, implementing body and territory.
#[derive(Args)]
struct Periodo {
    /// Incontri dal giorno (compreso), AAAA-MM-GG.
    #[arg(long)]
    dal: Option<NaiveDate>,
    /// Incontri fino al giorno (compreso), AAAA-MM-GG.
    #[arg(long)]
    al: Option<NaiveDate>,
    /// Solo i dati di questo ente attuatore.
    #[arg(long)]
    ente: Option<Id>,
    /// Solo questo territorio (della sede o dell'RT).
    #[arg(long)]
    territorio: Option<String>,
}

impl Periodo {
    fn ambito(self) -> Ambito {
        Ambito {
            dal: self.dal,
            al: self.al,
            ente_attuatore_id: self.ente,
            territorio: self.territorio,
        }
    }
}

#[derive(Args)]
pub struct Tabelle {
    #[command(flatten)]
    periodo: Periodo,
    /// La cartella in cui scrivere.
    #[arg(long)]
    out: PathBuf,
    /// `xlsx` (un file, un foglio per tabella) o `csv` (un file per tabella).
    #[arg(long, value_enum, default_value = "xlsx")]
    formato: Formato,
}

impl Tabelle {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = tab::ScriviTabelle {
            ambito: self.periodo.ambito(),
            formato: match self.formato {
                Formato::Xlsx => sportello::tabelle::Formato::Xlsx,
                Formato::Csv => sportello::tabelle::Formato::Csv,
            },
            cartella: self.out.display().to_string(),
        };
        let scritte = tab::scrivi_tabelle(&s.store, &s.ctx, input)?.value;
        for t in &scritte.tabelle {
            outln!("{:<12} {} righe", t.tabella, t.righe);
        }
        outln!("Scritti: {}.", scritte.file.join(", "));
        Ok(())
    }
}

#[derive(Args)]
pub struct Indicatori {
    #[command(flatten)]
    periodo: Periodo,
    /// Il risultato in JSON.
    #[arg(long)]
    json: bool,
    /// Scrive anche un file .xlsx.
    #[arg(long)]
    out: Option<PathBuf>,
}

impl Indicatori {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = ind::CalcolaIndicatori {
            ambito: self.periodo.ambito(),
            percorso: self.out.as_ref().map(|p| p.display().to_string()),
        };
        let x = ind::calcola_indicatori(&s.store, &s.ctx, input)?.value;
        if self.json {
            return json(&x);
        }
        destinatari(&x);
        azioni(&x);
        costi_e_fisici(&x);
        if let Some(p) = self.out {
            outln!("Scritti in {}.", p.display());
        }
        Ok(())
    }
}

fn destinatari(x: &Valori) {
    let d = &x.destinatari;
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
    let f = &x.famiglie;
    outln!(
        "Famiglie (OR3): {} dichiarate in {} servizi, {} presenze agli incontri.",
        f.numero_famiglie,
        f.servizi,
        f.presenze_famiglie
    );
}

/// One line per action, then the total.
fn azioni(x: &Valori) {
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
    for a in x.azioni.iter().chain(std::iter::once(&x.totale)) {
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
}

fn costi_e_fisici(x: &Valori) {
    for c in &x.costi {
        let nota = if c.riconosciuto {
            ""
        } else {
            " (non riconosciuto: solo con inserimento lavorativo)"
        };
        outln!(
            "UCS {} {} {}: {} incontri, {} ore, {} partecipazioni, € {:.2}{nota}",
            c.catalogo,
            c.codice_azione,
            c.modalita.code(),
            c.incontri,
            c.ore,
            c.partecipazioni,
            c.costo
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
