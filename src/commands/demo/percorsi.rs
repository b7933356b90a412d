//! The demo's other group actions, one class each at the IIS's plessi, so the
//! year shows more than seminars: an accoglienza (OR1), the two paths over the
//! year (OR4, OR5), and a visit to a company (OR8, the company beside the
//! school as ente coinvolto [000 §6]).

use super::{Base, Dado, Riepilogo, destinatario, ente, referente};
use crate::commands::{self, PerId};
use crate::context::Ctx;
use crate::domain::dati_peculiari::{CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio};
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use crate::store::Store;
use chrono::{Days, NaiveDate, NaiveTime};

/// (action, title, class, section, minutes planned, weeks after the start of the year)
const PERCORSI: &[(&str, &str, u8, &str, u32, u64)] = &[
    ("OR1", "Accoglienza delle classi prime – 1A", 1, "A", 120, 1),
    ("OR4", "Educazione alla scelta – 2A", 2, "A", 360, 4),
    (
        "OR5",
        "Orientamento alla professionalità – 4A",
        4,
        "A",
        360,
        6,
    ),
    ("OR8", "Visita al maglificio – 4B", 4, "B", 240, 8),
];

pub(super) fn fill(
    store: &Store,
    ctx: &Ctx,
    base: &Base,
    scuola: Id,
    dado: &mut Dado,
    r: &mut Riepilogo,
) -> Result<()> {
    let azienda = ente(
        store,
        ctx,
        TipoEnte::Azienda,
        "Maglificio Biellese S.r.l.",
        None,
        None,
    )?;
    referente(store, ctx, azienda, "Ferrero", "Marta", "Tutor aziendale")?;
    let anno = AnnoScolastico::of(ctx.oggi);
    let inizio = NaiveDate::from_ymd_opt(anno.0, 9, 22).expect("date");
    for &(codice, titolo, classe, sezione, minuti, settimane) in PERCORSI {
        let giorno = inizio + Days::new(settimane * 7);
        if giorno > ctx.oggi {
            break;
        }
        let enti = if codice == "OR8" {
            vec![scuola, azienda]
        } else {
            vec![scuola]
        };
        let s = commands::servizi::create_servizio(
            store,
            ctx,
            ServizioDati {
                ente_attuatore_id: base.ente,
                intervento_id: None,
                codice_azione: codice.into(),
                modalita: Some(Modalita::Gruppo),
                titolo: titolo.into(),
                sede_id: base.sedi[1],
                durata_prevista_minuti: minuti,
                numero_destinatari: 12,
                numero_famiglie: None,
                referente_id: None,
                anno_scolastico: None,
                target_ids: vec![base.target_superiori],
                cms_ids: base.cms.clone(),
                ente_ids: enti,
                dati_peculiari: DatiPeculiari {
                    classe: Some(classe),
                    sezione: Some(sezione.into()),
                    titolo_studio: Some(TitoloStudio::LicenzaMedia),
                    condizione_occupazionale: Some(CondizioneOccupazionale::Studente),
                    disabilita: Some(false),
                    condizione_abitativa: Some(CondizioneAbitativa::NessunDisagio),
                    disperso: false,
                },
            },
        )?
        .value;
        r.servizi += 1;
        let nascita = NaiveDate::from_ymd_opt(anno.0 - (classe as i32 + 13), 1, 1).expect("date");
        let mut iscritti = vec![];
        for _ in 0..12 {
            iscritti.push(Iscrizione {
                destinatario_id: destinatario(store, ctx, dado, nascita)?,
                dati_peculiari: DatiPeculiari::default(),
            });
            r.destinatari += 1;
        }
        commands::servizi::enrol_destinatari(
            store,
            ctx,
            commands::servizi::Iscrivi {
                servizio_id: s.id,
                iscrizioni: iscritti.clone(),
            },
        )?;
        let presenze = iscritti
            .iter()
            .map(|i| Presenza {
                destinatario_id: i.destinatario_id,
                presente: dado.next(8) > 0,
            })
            .collect();
        let inc = commands::incontri::create_incontro(
            store,
            ctx,
            IncontroDati {
                servizio_id: s.id,
                titolo: None,
                data: giorno,
                ora_inizio: NaiveTime::from_hms_opt(14, 0, 0).expect("time"),
                ora_fine: NaiveTime::from_hms_opt(16, 0, 0).expect("time"),
                durata_minuti: None,
                note: None,
                orientatore_id: Some(base.orientatori[1]),
                luogo: Luogo {
                    ente_id: Some(if codice == "OR8" { azienda } else { scuola }),
                    sede_id: None,
                    descrizione: None,
                },
                famiglie_presenti: None,
                presenze,
            },
        )?
        .value;
        r.incontri += 1;
        // The older ones closed in time; the paths over the year stay open.
        if (ctx.oggi - giorno).num_days() > 20 {
            let chiusura = Ctx {
                oggi: giorno + Days::new(4),
                ..ctx.clone()
            };
            commands::incontri::close_incontro(store, &chiusura, PerId { id: inc.id })?;
            if !matches!(codice, "OR4" | "OR5") {
                commands::servizi::close_servizio(store, &chiusura, PerId { id: s.id })?;
            }
        }
    }
    Ok(())
}
