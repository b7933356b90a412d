//! The exchange with the regional office: a desk's export, the office's
//! merge, and the keys that sign and encrypt the files.

use super::Sessione;
use super::uscita::{applicato, mostra};
use clap::Args;
use sportello::Result;
use sportello::commands::{Conferma, Nulla, scambio as op};
use std::path::PathBuf;

#[derive(Args)]
pub struct Esporta {
    /// Il file da scrivere.
    #[arg(long)]
    out: PathBuf,
    /// Tutto ciò che è registrato, non solo le modifiche.
    #[arg(long)]
    completo: bool,
    /// Il nome della destinazione (predefinito: ufficio-regionale).
    #[arg(long)]
    destinazione: Option<String>,
}

impl Esporta {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = op::Esporta {
            percorso: self.out.display().to_string(),
            completo: self.completo,
            destinazione: self.destinazione,
        };
        let e = op::esporta(&s.store, &s.ctx, input)?.value;
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
        Ok(())
    }
}

#[derive(Args)]
pub struct Unisci {
    file: PathBuf,
    /// Mostra solo cosa aggiungerebbe, aggiornerebbe e i conflitti, senza scrivere nulla.
    #[arg(long)]
    anteprima: bool,
    /// Il risultato in JSON.
    #[arg(long)]
    json: bool,
}

impl Unisci {
    /// The plan (what the file adds, updates, deletes, the conflicts), then the merge.
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = op::Unisci {
            percorso: self.file.display().to_string(),
            conferma: Conferma::applica_se(!self.anteprima),
        };
        let esito = op::unisci(&s.store, &s.ctx, input)?.value;
        mostra(self.json, &esito, |esito| {
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
            applicato(esito.applicato, || "Unito.".into());
        })
    }
}

/// The change_log range (da, a] of a file, in words.
fn intervallo(da: i64, a: i64) -> String {
    if a > da {
        format!("modifiche {}–{a}", da + 1)
    } else {
        "nessuna modifica".into()
    }
}

pub fn chiavi_ufficio(s: &Sessione) -> Result<()> {
    let c = op::genera_chiavi_ufficio(&s.store, &s.ctx, Nulla {})?.value;
    outln!(
        "Chiave pubblica dell'ufficio regionale, da dare agli sportelli:\n{}",
        c.destinatario
    );
    Ok(())
}

#[derive(Args)]
pub struct ImpostaUfficio {
    destinatario: String,
}

impl ImpostaUfficio {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let input = op::ChiaveUfficio {
            destinatario: self.destinatario,
        };
        let c = op::imposta_ufficio(&s.store, &s.ctx, input)?.value;
        outln!(
            "Le esportazioni saranno cifrate per {}. Questo sportello è {}, chiave di firma {}.",
            c.ufficio,
            c.sportello,
            c.chiave_pubblica
        );
        Ok(())
    }
}
