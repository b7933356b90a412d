//! The demo's walk-ins: young people out of school and work who come to the
//! desk on their own, not with a class. Each has a colloquio (OR2, standalone,
//! with no ente coinvolto: only the school attended could be one, SER-07); the
//! first two go on with a consulenza (OR6) and a tutor (OR7), which need an
//! intervento, here with the CPI that sent them [000 §9.3, SER-17].

use super::{Base, Dado, Riepilogo, destinatario};
use crate::commands::{self, PerId};
use crate::context::Ctx;
use crate::domain::dati_peculiari::{CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio};
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use crate::store::Store;
use crate::store::organizzazione::Lista;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};

/// Who walked in: out of school and out of work, with a lower-secondary licence.
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

pub(super) fn fill(
    store: &Store,
    ctx: &Ctx,
    base: &Base,
    (cpi, ref_cpi): (Id, Id),
    dado: &mut Dado,
    r: &mut Riepilogo,
) -> Result<()> {
    let neet = commands::organizzazione::list_voci(
        store,
        ctx,
        commands::organizzazione::DiLista {
            lista: Lista::Target,
        },
    )?
    .value
    .into_iter()
    .find(|v| v.nome.contains("NEET"))
    .map_or(base.target_superiori, |v| v.id);
    let anno = AnnoScolastico::of(ctx.oggi);
    let inizio = NaiveDate::from_ymd_opt(anno.0, 9, 15).expect("date");
    let orientatore = base.orientatori[3];
    // Who goes on after the colloquio, and from which day.
    let mut prosegue = vec![];
    for n in 0..3u64 {
        let giorno = inizio + Days::new(n * 21);
        if giorno > ctx.oggi {
            break;
        }
        let nascita = NaiveDate::from_ymd_opt(ctx.oggi.year() - 17, 1, 1).expect("date");
        let persona = destinatario(store, ctx, dado, nascita)?;
        r.destinatari += 1;
        let servizio = servizio(store, ctx, base, "OR2", None, neet, persona)?;
        r.servizi += 1;
        incontro(store, ctx, servizio, orientatore, base.sedi[0], giorno, r)?;
        prosegue.push((persona, giorno + Days::new(14)));
    }
    // The first with a consulenza (OR6), the second with a tutor (OR7).
    prosegue.retain(|(_, giorno)| *giorno <= ctx.oggi);
    prosegue.truncate(2);
    if prosegue.is_empty() {
        return Ok(());
    }
    let intervento = commands::interventi::create_intervento(
        store,
        ctx,
        InterventoDati {
            ente_attuatore_id: base.ente,
            titolo: "Consulenza orientativa allo sportello".into(),
            descrizione: Some("Dopo il colloquio (OR2), la consulenza individuale per chi è fuori dalla scuola e dal lavoro.".into()),
            referente_id: Some(ref_cpi),
            modello_id: None,
            ente_ids: vec![cpi],
            target_ids: None,
            cms_ids: None,
            destinatario_ids: None,
        },
    )?
    .value;
    commands::interventi::activate_intervento(store, ctx, PerId { id: intervento.id })?;
    r.interventi += 1;
    for ((persona, giorno), codice) in prosegue.into_iter().zip(["OR6", "OR7"]) {
        let servizio = servizio(store, ctx, base, codice, Some(intervento.id), neet, persona)?;
        r.servizi += 1;
        incontro(store, ctx, servizio, orientatore, base.sedi[0], giorno, r)?;
    }
    Ok(())
}

/// An individual servizio for one person, enrolled (an OR6 inherits the
/// intervento's enti; a standalone OR2 of someone out of school has none).
fn servizio(
    store: &Store,
    ctx: &Ctx,
    base: &Base,
    codice: &str,
    intervento: Option<Id>,
    target: Id,
    persona: Id,
) -> Result<Id> {
    let s = commands::servizi::create_servizio(
        store,
        ctx,
        ServizioDati {
            ente_attuatore_id: base.ente,
            intervento_id: intervento,
            codice_azione: codice.into(),
            modalita: Some(Modalita::Individuale),
            titolo: String::new(), // the action's name
            sede_id: base.sedi[0],
            durata_prevista_minuti: 60,
            numero_destinatari: 1,
            numero_famiglie: None,
            referente_id: None,
            anno_scolastico: None,
            target_ids: vec![target],
            cms_ids: base.cms.iter().take(2).copied().collect(),
            ente_ids: vec![],
            dati_peculiari: dati_peculiari(),
        },
    )?
    .value;
    commands::servizi::enrol_destinatari(
        store,
        ctx,
        commands::servizi::Iscrivi {
            servizio_id: s.id,
            iscrizioni: vec![Iscrizione {
                destinatario_id: persona,
                dati_peculiari: DatiPeculiari::default(),
            }],
        },
    )?;
    Ok(s.id)
}

/// One hour at the desk in the afternoon (class seminars are in the morning),
/// closed, and the servizio closed, once the 15 days have long passed.
fn incontro(
    store: &Store,
    ctx: &Ctx,
    servizio: Id,
    orientatore: Id,
    sede: Id,
    data: NaiveDate,
    r: &mut Riepilogo,
) -> Result<()> {
    let scheda = commands::servizi::get_servizio(store, ctx, PerId { id: servizio })?.value;
    let presenze = scheda
        .iscritti
        .iter()
        .map(|i| Presenza {
            destinatario_id: i.destinatario.id,
            presente: true,
        })
        .collect();
    let inc = commands::incontri::create_incontro(
        store,
        ctx,
        IncontroDati {
            servizio_id: servizio,
            titolo: Some("Colloquio allo sportello".into()),
            data,
            ora_inizio: NaiveTime::from_hms_opt(15, 0, 0).expect("time"),
            ora_fine: NaiveTime::from_hms_opt(16, 0, 0).expect("time"),
            durata_minuti: None,
            note: None,
            orientatore_id: Some(orientatore),
            luogo: Luogo {
                ente_id: None,
                sede_id: Some(sede),
                descrizione: None,
            },
            famiglie_presenti: None,
            presenze,
        },
    )?
    .value;
    r.incontri += 1;
    if (ctx.oggi - data).num_days() > 20 {
        let chiusura = Ctx {
            oggi: data + Days::new(2),
            ..ctx.clone()
        };
        commands::incontri::close_incontro(store, &chiusura, PerId { id: inc.id })?;
        commands::servizi::close_servizio(store, &chiusura, PerId { id: servizio })?;
    }
    Ok(())
}
