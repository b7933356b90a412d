//! The year's seminars in the final classes [000 §9.1, §9.4]: an OR3 per
//! class, three mornings each; an evening OR3 for the families of the IC's
//! third classes, where some pupils come and sign too; and the individual
//! colloqui (OR2) a few pupils ask for afterwards, with their school as ente
//! coinvolto (SER-07). The IC's seminars follow a modello co-designed with
//! the CPI [000 §2.1].

use super::calendario::{Nuovo, Seduta, presso};
use super::scuole::Ente;
use super::{Anno, Classe};
use crate::commands;
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use chrono::Days;

const TEMI: [&str; 3] = [
    "Conoscere se stessi",
    "Le scelte dopo la scuola",
    "Open day e iscrizioni",
];

pub(super) fn fill(a: &mut Anno, classico_5a: &Classe) -> Result<()> {
    let s = &a.scuole;
    let (beta, gamma, itt, ite, classico) = (s.beta, s.gamma, s.itt, s.ite, s.classico);
    let modello = modello(a, beta)?;
    let beta_3a = a.classe(beta.id, (3, "A"), false, 16)?;
    let beta_3b = a.classe(beta.id, (3, "B"), false, 15)?;
    let gamma_3a = a.classe(gamma.id, (3, "A"), false, 16)?;
    let gamma_3b = a.classe(gamma.id, (3, "B"), false, 15)?;
    let itt_5a = a.classe(itt.id, (5, "A"), true, 16)?;
    let ite_5b = a.classe(ite.id, (5, "B"), true, 16)?;
    // (intervento, school, modello, classes, whose pupils ask for a colloquio)
    type Piano<'c> = (
        &'static str,
        Ente,
        Option<Id>,
        Vec<&'c Classe>,
        Option<&'c Classe>,
    );
    let plan: [Piano; 5] = [
        (
            "Classi terze – Beta",
            beta,
            Some(modello),
            vec![&beta_3a, &beta_3b],
            Some(&beta_3a),
        ),
        (
            "Classi terze – Gamma",
            gamma,
            None,
            vec![&gamma_3a, &gamma_3b],
            None,
        ),
        (
            "Classi quinte – Tecnico tecnologico",
            itt,
            None,
            vec![&itt_5a],
            Some(&itt_5a),
        ),
        (
            "Classi quinte – Tecnico economico",
            ite,
            None,
            vec![&ite_5b],
            None,
        ),
        (
            "Classi quinte – Liceo classico",
            classico,
            None,
            vec![classico_5a],
            None,
        ),
    ];
    let mut settimana = 0;
    for (titolo, scuola, modello, classi, colloquio) in plan {
        let intervento = intervento(a, titolo, scuola, modello)?;
        for classe in &classi {
            seminario(a, intervento, classe, settimana)?;
            settimana += 1;
        }
        if modello.is_some() {
            famiglie(a, intervento, &classi)?;
        }
        if let Some(classe) = colloquio {
            colloqui(a, intervento, classe)?;
        }
    }
    Ok(())
}

/// The modello of the IC's third classes, with the CPI as coprogettatore
/// and its seminar on the services for work as an external service.
fn modello(a: &mut Anno, beta: Ente) -> Result<Id> {
    let cpi = a.scuole.cpi;
    let dati = ModelloDati {
        ente_attuatore_id: a.base.ente,
        titolo: "Verso la scelta – classi terze Beta".into(),
        descrizione: Some("Seminari di orientamento e colloqui, con l'intervento del CPI sui servizi per il lavoro.".into()),
        anno_scolastico: a.anno,
        orientatore_id: Some(a.base.orientatori[0]),
        target_ids: vec![a.base.target_medie],
        cms_ids: a.base.cms.clone(),
        enti: vec![
            ModelloEnte { ente_id: beta.id, ruolo: RuoloEnte::Destinatario, referente_id: Some(beta.referente) },
            ModelloEnte { ente_id: cpi.id, ruolo: RuoloEnte::Coprogettatore, referente_id: Some(cpi.referente) },
        ],
        azioni: vec!["OR3".into(), "OR2".into()],
        servizi_esterni: vec![ServizioEsterno {
            ente_id: Some(cpi.id),
            titolo: "I servizi del Centro per l'Impiego".into(),
            descrizione: None,
            durata_minuti: Some(120),
            referente_id: Some(cpi.referente),
        }],
    };
    let ctx = a.il(a.giorno(0, 9, 10));
    Ok(commands::modelli::create_modello(a.store, &ctx, dati)?
        .value
        .id)
}

/// An intervento on one school (or from the modello, which names it).
fn intervento(a: &mut Anno, titolo: &str, scuola: Ente, modello: Option<Id>) -> Result<Id> {
    let dati = InterventoDati {
        ente_attuatore_id: a.base.ente,
        titolo: titolo.into(),
        descrizione: None,
        referente_id: modello.is_none().then_some(scuola.referente),
        modello_id: modello,
        ente_ids: if modello.is_some() {
            vec![]
        } else {
            vec![scuola.id]
        },
        target_ids: None,
        cms_ids: None,
        destinatario_ids: None,
    };
    let il = a.giorno(0, 9, 20);
    a.intervento(dati, il)
}

/// Three mornings, a fortnight apart, from the class's week in October.
fn seminario(a: &mut Anno, intervento: Id, classe: &Classe, settimana: u64) -> Result<()> {
    let inizio = a.giorno(0, 10, 5) + Days::new(settimana * 7);
    let servizio = a.servizio(Nuovo {
        codice: "OR3",
        titolo: format!("Seminario di orientamento {}", classe.nome(0)),
        intervento: Some(intervento),
        individuale: false,
        sede: a.base.sedi[0],
        ore: 6,
        target: a.base.target_di(classe.superiori),
        enti: vec![],
        peculiari: classe.peculiari(0),
        anno: a.anno,
        famiglie: Some(0),
        iscritti: classe.iscrizioni(0),
        il: inizio - Days::new(7),
    })?;
    for (n, tema) in TEMI.iter().enumerate() {
        a.seduta(Seduta {
            servizio,
            titolo: Some((*tema).into()),
            data: inizio + Days::new(n as u64 * 14),
            ora: 9,
            minuti: 120,
            orientatore: a.base.orientatori[(settimana % 3) as usize],
            luogo: presso(Some(classe.scuola), None),
            famiglie: Some(0), // pupils only, as numero_famiglie says (INC-12)
            presenti_su_10: 9,
        })?;
    }
    a.chiudi(servizio)
}

/// An evening for the families in November; some pupils come and sign.
fn famiglie(a: &mut Anno, intervento: Id, classi: &[&Classe]) -> Result<()> {
    // Pupils of several classes: their dati peculiari are each their own.
    let iscritti = classi.iter().flat_map(|c| c.iscrizioni(0)).collect();
    let data = a.giorno(0, 11, 12);
    let servizio = a.servizio(Nuovo {
        codice: "OR3",
        titolo: "Serata per le famiglie – classi terze".into(),
        intervento: Some(intervento),
        individuale: false,
        sede: a.base.sedi[0],
        ore: 2,
        target: a.base.target_medie,
        enti: vec![],
        peculiari: classi[0].peculiari(0),
        anno: a.anno,
        famiglie: Some(24),
        iscritti,
        il: data - Days::new(10),
    })?;
    a.seduta(Seduta {
        servizio,
        titolo: Some("La scelta della scuola superiore".into()),
        data,
        ora: 18,
        minuti: 120,
        orientatore: a.base.orientatori[0],
        luogo: presso(Some(classi[0].scuola), None),
        famiglie: Some(21),
        presenti_su_10: 3,
    })?;
    a.chiudi(servizio)
}

/// Three pupils of the class ask for a colloquio after the seminars.
fn colloqui(a: &mut Anno, intervento: Id, classe: &Classe) -> Result<()> {
    for (n, &alunno) in classe.alunni.iter().take(3).enumerate() {
        let data = a.giorno(0, 11, 3) + Days::new(n as u64 * 9);
        let servizio = a.servizio(Nuovo {
            codice: "OR2",
            titolo: String::new(),
            intervento: Some(intervento),
            individuale: true,
            sede: a.base.sedi[0],
            ore: 1,
            target: a.base.target_di(classe.superiori),
            enti: vec![],
            peculiari: classe.peculiari(0),
            anno: a.anno,
            famiglie: None,
            iscritti: vec![classe.iscrizione(alunno, 0)],
            il: data,
        })?;
        a.seduta(Seduta {
            servizio,
            titolo: Some("Colloquio individuale".into()),
            data,
            ora: 11,
            minuti: 60,
            orientatore: a.base.orientatori[2],
            luogo: presso(Some(classe.scuola), None),
            famiglie: None,
            presenti_su_10: 10,
        })?;
        a.chiudi(servizio)?;
    }
    Ok(())
}
