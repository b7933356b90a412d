//! The demo's walk-ins: young people out of school and work who come to the
//! desk on their own, one every ten days or so. Each has a colloquio (OR2,
//! standalone, with no ente coinvolto: only the school attended could be
//! one, SER-07), in one or two meetings; some go on with a consulenza (OR6)
//! or a tutor (OR7), which need an intervento, here with the CPI that sent
//! them [000 §9.3, SER-17]. One of them, just arrived from abroad, has only
//! the tax office's temporary code: entered under a forzatura (DES-01).

use super::Anno;
use super::calendario::{Nuovo, Seduta, presso};
use crate::domain::dati_peculiari::{CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio};
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use chrono::{Datelike, Days, NaiveDate};

const ARRIVI: u64 = 16;
const PROVVISORIO: &str = "Codice fiscale in attesa: la persona ha il codice provvisorio di 11 cifre dell'Agenzia delle Entrate.";

/// Out of school and out of work, with a lower-secondary licence.
fn dati_peculiari() -> DatiPeculiari {
    DatiPeculiari {
        classe: None,
        sezione: None,
        titolo_studio: Some(TitoloStudio::LicenzaMedia),
        condizione_occupazionale: Some(CondizioneOccupazionale::Disoccupato),
        disabilita: Some(false),
        condizione_abitativa: Some(CondizioneAbitativa::NessunDisagio),
        disperso: true,
    }
}

pub(super) fn fill(a: &mut Anno) -> Result<()> {
    let inizio = a.giorno(0, 9, 15);
    // Who goes on after the colloquio, and from which day.
    let mut prosegue = vec![];
    for n in 0..ARRIVI {
        let giorno = inizio + Days::new(n * 11);
        if giorno > a.ctx.oggi {
            break;
        }
        let provvisorio = (n == 4).then_some(PROVVISORIO);
        let persona = a.persona(a.ctx.oggi.year() - 17 - (n % 3) as i32, provvisorio)?;
        let incontri = 1 + n % 2;
        percorso(a, "OR2", None, persona, giorno, incontri)?;
        if n % 3 != 2 {
            prosegue.push((persona, giorno + Days::new(7 * incontri + 7)));
        }
    }
    prosegue.retain(|(_, giorno)| *giorno <= a.ctx.oggi);
    if prosegue.is_empty() {
        return Ok(());
    }
    let intervento = intervento(a)?;
    for (n, (persona, giorno)) in prosegue.into_iter().enumerate() {
        let codice = if n % 3 == 2 { "OR7" } else { "OR6" };
        percorso(a, codice, Some(intervento), persona, giorno, 4)?;
    }
    Ok(())
}

fn intervento(a: &mut Anno) -> Result<Id> {
    let cpi = a.scuole.cpi;
    let dati = InterventoDati {
        ente_attuatore_id: a.base.ente,
        titolo: "Consulenza orientativa allo sportello".into(),
        descrizione: Some(
            "Dopo il colloquio (OR2), la consulenza individuale per chi è fuori dalla scuola e dal lavoro."
                .into(),
        ),
        referente_id: Some(cpi.referente),
        modello_id: None,
        ente_ids: vec![cpi.id],
        target_ids: None,
        cms_ids: None,
        destinatario_ids: None,
    };
    let il = a.giorno(0, 9, 25);
    a.intervento(dati, il)
}

/// An individual servizio for one person, `incontri` weekly hours at the desk
/// in the afternoon (class seminars are in the morning).
fn percorso(
    a: &mut Anno,
    codice: &str,
    intervento: Option<Id>,
    persona: Id,
    dal: NaiveDate,
    incontri: u64,
) -> Result<()> {
    let servizio = a.servizio(Nuovo {
        codice,
        titolo: String::new(),
        intervento,
        individuale: true,
        sede: a.base.sedi[0],
        ore: incontri as u32,
        target: a.base.target_neet,
        enti: vec![],
        peculiari: dati_peculiari(),
        anno: a.anno,
        famiglie: None,
        iscritti: vec![Iscrizione {
            destinatario_id: persona,
            dati_peculiari: dati_peculiari(),
        }],
        il: dal,
    })?;
    for n in 0..incontri {
        a.seduta(Seduta {
            servizio,
            titolo: Some(
                if codice == "OR2" {
                    "Colloquio allo sportello"
                } else {
                    "Consulenza individuale"
                }
                .into(),
            ),
            data: dal + Days::new(n * 7),
            ora: 15,
            minuti: 60,
            orientatore: a.base.orientatori[3],
            luogo: presso(None, Some(a.base.sedi[0])),
            famiglie: None,
            presenti_su_10: 10,
        })?;
    }
    a.chiudi(servizio)
}
