//! Paths that span school years [000 §9.2]: an OR4 begun two years ago in a
//! first class of the ITE, its second year (OR4-2A) and this year's third
//! (OR4-3A); and an OR5 begun in the Liceo classico's third class, now a
//! fifth, with its OR5-2A and OR5-3A. Each continuation hangs under the
//! intervento of the first year (SER-09) and has its own register.

use super::calendario::{Nuovo, Seduta, presso};
use super::scuole::Ente;
use super::{Anno, Classe};
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use chrono::Days;

pub(super) fn fill(a: &mut Anno, classico_5a: &Classe) -> Result<()> {
    let ite = a.scuole.ite;
    let ite_3c = a.classe(ite.id, (3, "C"), true, 15)?;
    let azioni = ["OR4", "OR4-2A", "OR4-3A"];
    triennio(
        a,
        "Educazione alla scelta – triennio",
        ite,
        &ite_3c,
        azioni,
        0,
    )?;
    let classico = a.scuole.classico;
    let azioni = ["OR5", "OR5-2A", "OR5-3A"];
    triennio(
        a,
        "Orientamento alla professionalità – triennio",
        classico,
        classico_5a,
        azioni,
        3,
    )
}

/// The intervento made two years ago, and one servizio per year under it.
fn triennio(
    a: &mut Anno,
    titolo: &str,
    scuola: Ente,
    classe: &Classe,
    azioni: [&str; 3],
    orientatore: usize,
) -> Result<()> {
    let dati = InterventoDati {
        ente_attuatore_id: a.base.ente,
        titolo: format!("{titolo} {}", classe.sezione),
        descrizione: Some(
            "Percorso a scavalco su tre anni scolastici, con la stessa classe.".into(),
        ),
        referente_id: Some(scuola.referente),
        modello_id: None,
        ente_ids: vec![scuola.id],
        target_ids: None,
        cms_ids: None,
        destinatario_ids: None,
    };
    let intervento = a.intervento(dati, a.giorno(2, 10, 1))?;
    for (anni_fa, codice) in (0..3u8).rev().zip(azioni) {
        annualita(a, intervento, codice, classe, anni_fa, orientatore)?;
    }
    Ok(())
}

/// One year of the path: eight fortnightly incontri from November (those
/// still to come this year are not all in the calendar yet).
fn annualita(
    a: &mut Anno,
    intervento: Id,
    codice: &str,
    classe: &Classe,
    anni_fa: u8,
    orientatore: usize,
) -> Result<()> {
    let dal = a.giorno(i32::from(anni_fa), 11, 4);
    let servizio = a.servizio(Nuovo {
        codice,
        titolo: format!("{} – {}", codice, classe.nome(anni_fa)),
        intervento: Some(intervento),
        individuale: false,
        sede: a.base.sedi[0],
        ore: 16,
        target: a.base.target_superiori,
        enti: vec![],
        peculiari: classe.peculiari(anni_fa),
        anno: AnnoScolastico(a.anno.0 - i32::from(anni_fa)),
        famiglie: None,
        iscritti: classe.iscrizioni(anni_fa),
        il: dal - Days::new(14),
    })?;
    for n in 0..8 {
        a.seduta(Seduta {
            servizio,
            titolo: None,
            data: dal + Days::new(n * 14),
            ora: 14,
            minuti: 120,
            orientatore: a.base.orientatori[orientatore],
            luogo: presso(Some(classe.scuola), None),
            famiglie: None,
            presenti_su_10: 9,
        })?;
    }
    a.chiudi(servizio)
}
