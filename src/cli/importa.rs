//! Imports: the schools from the ministry's file, a class list into a
//! servizio, and the Excel template given to the schools.

use super::Sessione;
use super::avanzamento::Barra;
use super::uscita::{applicato, mostra};
use clap::Args;
use sportello::commands::Conferma;
use sportello::commands::importa::{self as op, EsitoImport};
use sportello::import::destinatari::{self as dest, ForzaturaRiga, SceltaValore};
use sportello::{Error, Id, Result, Source};
use std::path::PathBuf;

#[derive(Args)]
pub struct ModelloExcel {
    /// Il file da scrivere.
    #[arg(long)]
    out: PathBuf,
}

impl ModelloExcel {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let percorso = self.out.display().to_string();
        op::modello_excel(&s.store, &s.ctx, op::Percorso { percorso })?;
        outln!("Modello scritto in {}.", self.out.display());
        Ok(())
    }
}

#[derive(Args)]
pub struct ImportaScuole {
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
}

impl ImportaScuole {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = op::ImportaScuole {
            percorso: self.file.display().to_string(),
            filtro: sportello::import::scuole::Filtro {
                regione: self.regione,
                provincia: self.provincia,
            },
            applica: !self.anteprima,
        };
        let esito = op::importa_scuole(&s.store, &s.come(Source::Import), input)?.value;
        mostra(self.json, &esito, |esito| {
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
            applicato(esito.applicato, || {
                format!(
                    "Scritte: {} nuove, {} aggiornate.",
                    esito.nuove, esito.aggiornate
                )
            });
        })
    }
}

#[derive(Args)]
pub struct ImportaDestinatari {
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
}

impl ImportaDestinatari {
    /// The preview row by row, then (unless `--anteprima`) the write.
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = op::ImportaDestinatari {
            servizio_id: self.servizio,
            percorso: self.file.display().to_string(),
            opzioni: dest::Opzioni {
                usa_contatti_scuola: self.usa_contatti_scuola,
                forzature: self
                    .forzature
                    .iter()
                    .map(|f| forzatura(f))
                    .collect::<Result<_>>()?,
                scelte: self
                    .scelte
                    .iter()
                    .map(|v| scelta(v))
                    .collect::<Result<_>>()?,
            },
            conferma: Conferma::applica_se(!self.anteprima),
        };
        let barra = Barra::nuova(!self.json);
        let ctx = s.come(Source::Import);
        let esito = op::importa_destinatari_con(&s.store, &ctx, input, &|a| barra.segna(a))?.value;
        drop(barra);
        mostra(self.json, &esito, stampa)
    }
}

/// `--forza 12=motivo`.
fn forzatura(f: &str) -> Result<ForzaturaRiga> {
    let (riga, motivo) = f.split_once('=').unwrap_or((f, ""));
    let riga = riga
        .trim()
        .parse()
        .map_err(|_| Error::dati(format!("--forza «{f}»: scrivi RIGA=MOTIVO.")))?;
    Ok(ForzaturaRiga {
        riga,
        motivo: motivo.trim().into(),
    })
}

/// `--valore campo:valore=voce` (an empty voce leaves the value empty).
fn scelta(v: &str) -> Result<SceltaValore> {
    let sbagliato = || Error::dati(format!("--valore «{v}»: scrivi CAMPO:VALORE=VOCE."));
    let (campo, resto) = v.split_once(':').ok_or_else(sbagliato)?;
    let (valore, voce) = resto.rsplit_once('=').ok_or_else(sbagliato)?;
    let campo = serde_json::from_value(serde_json::Value::String(campo.trim().into()))
        .map_err(|_| sbagliato())?;
    Ok(SceltaValore {
        campo,
        valore: valore.into(),
        voce: Some(voce.trim()).filter(|v| !v.is_empty()).map(Into::into),
    })
}

fn stampa(esito: &EsitoImport) {
    let p = &esito.piano;
    for r in &p.righe {
        for x in &r.segnalazioni {
            let cella = x
                .cella
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default();
            outln!(
                "riga {}{cella} {} {:?}: {}",
                r.riga,
                x.code,
                x.severity,
                x.messaggio
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
    applicato(esito.applicato, || {
        format!(
            "Importati: {} destinatari creati, {} iscritti al servizio.",
            esito.creati, esito.iscritti
        )
    });
}
