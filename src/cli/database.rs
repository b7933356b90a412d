//! The database itself: made (`init`, `recupera`), filled with the demo
//! year, copied and restored.

use super::Sessione;
use clap::Args;
use sportello::commands::{self, Nulla};
use sportello::domain::Utente;
use sportello::{Result, Source, store};
use std::path::{Path, PathBuf};

/// What `init` did: a new encrypted database (with its recovery code,
/// shown this once), or one made ready.
pub fn inizializzato(path: &Path, utente: &Utente, codice: Option<&str>) {
    let schema = store::schema_version();
    let Some(codice) = codice else {
        outln!("Database pronto: {} (schema {schema}).", path.display());
        return;
    };
    outln!(
        "Database cifrato creato: {} (schema {schema}), primo coordinatore {}.",
        path.display(),
        utente.dati.nome_utente
    );
    outln!("Codice di recupero (mostrato solo ora: stampalo e conservalo al sicuro):");
    outln!("  {codice}");
    outln!("Senza password né codice di recupero il database non si apre più.");
}

pub fn recuperato(utente: &Utente) {
    outln!(
        "Nuova password impostata per {} ({}).",
        utente.dati.nome,
        utente.dati.nome_utente
    );
}

pub fn demo(s: &Sessione) -> Result<()> {
    let r = commands::demo::fill(&s.store, &s.come(Source::Demo))?;
    outln!(
        "Dati dimostrativi inseriti in {}: {} interventi, {} servizi, {} incontri, {} destinatari.",
        s.path.display(),
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
    Ok(())
}

pub fn copia(s: &Sessione) -> Result<()> {
    let c = commands::copie::crea_copia(&s.store, &s.ctx, Nulla {})?.value;
    outln!(
        "Copia scritta e verificata: {} ({} byte).",
        c.percorso,
        c.byte
    );
    Ok(())
}

pub fn copie(s: &Sessione) -> Result<()> {
    let copie = commands::copie::list_copie(&s.store, &s.ctx, Nulla {})?.value;
    if copie.is_empty() {
        outln!("Nessuna copia di {}.", s.path.display());
    }
    for c in copie {
        let quando = c.quando.format("%d/%m/%Y %H:%M");
        outln!("{quando}  {:<24}  {}", c.motivo.etichetta(), c.percorso);
    }
    Ok(())
}

#[derive(Args)]
pub struct Ripristina {
    /// Il file della copia (vedi `sportello copie`).
    copia: PathBuf,
}

impl Ripristina {
    pub fn run(self, s: &Sessione) -> Result<()> {
        let percorso = self.copia.display().to_string();
        let input = commands::importa::Percorso { percorso };
        let prima = commands::copie::ripristina_copia(&s.store, &s.ctx, input)?.value;
        outln!(
            "Database ripristinato da {}. Lo stato di prima è nella copia {}.",
            self.copia.display(),
            prima.percorso
        );
        Ok(())
    }
}
