//! A realistic school year of one implementing body, for a newcomer to see
//! something real (`sportello demo`, and the desktop window's first start).
//! Everything goes through the command surface, so the demo obeys the rules.

use crate::codice_fiscale::{self, Sesso};
use crate::commands::{self, Nulla, PerId};
use crate::context::Ctx;
use crate::domain::dati_peculiari::{CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio};
use crate::domain::*;
use crate::error::{Error, Result};
use crate::ids::Id;
use crate::store::Store;
use crate::store::organizzazione::Lista;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use serde::Serialize;

mod percorsi;
mod sportello;

#[derive(Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Riepilogo {
    pub interventi: u32,
    pub servizi: u32,
    pub incontri: u32,
    pub destinatari: u32,
    /// The orientatori's login names; their password is `DEMO_PASSWORD`.
    pub utenti: Vec<String>,
}

/// The demo's orientatori log in with this password (the README says so):
/// a demo database holds invented people only.
pub const DEMO_PASSWORD: &str = "sportello-demo";

const COGNOMI: &[&str] = &[
    "Rossi",
    "Bianchi",
    "Ferrari",
    "Russo",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "D'Angelo",
    "Serra",
    "Coppola",
    "Sala",
    "Bellini",
    "Pellegrino",
    "Fabbri",
    "Cattaneo",
];
const NOMI_M: &[&str] = &[
    "Leonardo",
    "Francesco",
    "Alessandro",
    "Lorenzo",
    "Mattia",
    "Andrea",
    "Gabriele",
    "Tommaso",
    "Riccardo",
    "Edoardo",
    "Matteo",
    "Giuseppe",
    "Niccolò",
    "Nicolò",
    "Davide",
    "Pietro",
    "Samuele",
    "Youssef",
    "Ahmed",
];
const NOMI_F: &[&str] = &[
    "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma", "Giorgia", "Greta", "Beatrice",
    "Anna", "Chiara", "Martina", "Vittoria", "Noemi", "Matilde", "Ludovica", "Irene", "Amira",
    "Elena",
];

/// A small deterministic generator: the same demo every time.
struct Dado(u64);
impl Dado {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

struct Base {
    ente: Id,
    sedi: Vec<Id>,
    orientatori: Vec<Id>,
    target_medie: Id,
    target_superiori: Id,
    cms: Vec<Id>,
}

fn ente(
    store: &Store,
    ctx: &Ctx,
    tipo: TipoEnte,
    nome: &str,
    codice: Option<&str>,
    principale: Option<Id>,
) -> Result<Id> {
    Ok(commands::enti::create_ente(
        store,
        ctx,
        EnteDati {
            tipo,
            nome: nome.into(),
            codice_meccanografico: codice.map(Into::into),
            istituto_principale_id: principale,
            grado: None,
            indirizzo: Some("Via Roma 10".into()),
            cap: Some("13900".into()),
            comune: Some("Biella".into()),
            provincia: Some("BI".into()),
            regione: Some("Piemonte".into()),
            email: codice.map(|c| format!("{}@istruzione.it", c.to_lowercase())),
            pec: None,
            telefono: Some("015 000000".into()),
        },
    )?
    .value
    .id)
}

fn referente(
    store: &Store,
    ctx: &Ctx,
    ente_id: Id,
    cognome: &str,
    nome: &str,
    ruolo: &str,
) -> Result<Id> {
    Ok(commands::enti::create_referente(
        store,
        ctx,
        ReferenteDati {
            ente_id: Some(ente_id),
            cognome: cognome.into(),
            nome: nome.into(),
            ruolo: Some(ruolo.into()),
            telefono: Some("015 111111".into()),
            email: None,
        },
    )?
    .value
    .id)
}

/// Fills an empty database, all or nothing. Refuses a database that already holds an implementing body.
/// The command-surface form of `fill`: the window offers it on first start.
pub fn riempi_demo(
    store: &Store,
    ctx: &Ctx,
    _: crate::commands::Nulla,
) -> Result<crate::error::Outcome<Riepilogo>> {
    let ctx = Ctx {
        source: crate::context::Source::Demo,
        ..ctx.clone()
    };
    Ok(crate::error::Outcome::plain(fill(store, &ctx)?))
}

pub fn fill(store: &Store, ctx: &Ctx) -> Result<Riepilogo> {
    // The orientatori's users are rows of the same transaction as the year;
    // their passwords' slots reach the key file only once it has committed,
    // so a demo killed or refused never leaves a slot with the public demo
    // password beside a database it did not fill (a kill after the commit
    // leaves users without a password, which a coordinatore can give).
    let r = store.atomically(ctx, "demo", || {
        let mut r = fill_inner(store, ctx)?;
        r.utenti = utenti(store, ctx)?;
        Ok(r)
    })?;
    commands::utenti::stessa_password(store, &r.utenti, DEMO_PASSWORD)?;
    Ok(r)
}

/// One orientatore user per demo counsellor: giulia.rossetti (ASCII, as login names are).
fn utenti(store: &Store, ctx: &Ctx) -> Result<Vec<String>> {
    let ascii = |s: &str| -> String {
        s.chars()
            .map(crate::codice_fiscale::piega)
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    let mut nomi = Vec::new();
    for o in crate::store::organizzazione::list_orientatori(store.read(), None)? {
        let dati = crate::domain::UtenteDati {
            nome_utente: format!("{}.{}", ascii(&o.dati.nome), ascii(&o.dati.cognome)),
            nome: format!("{} {}", o.dati.nome, o.dati.cognome),
            ruolo: crate::domain::Ruolo::Orientatore,
            orientatore_id: Some(o.id),
            attivo: true,
        };
        let u = commands::utenti::inserisci(store, ctx, dati, |_| Ok(()))?;
        nomi.push(u.dati.nome_utente);
    }
    Ok(nomi)
}

fn fill_inner(store: &Store, ctx: &Ctx) -> Result<Riepilogo> {
    if !commands::organizzazione::list_enti_attuatori(store, ctx, Nulla {})?
        .value
        .is_empty()
    {
        return Err(Error::dati(
            "Il database contiene già dati: i dati dimostrativi si caricano solo in un database vuoto.",
        ));
    }
    let mut r = Riepilogo::default();
    let rt = commands::organizzazione::create_rt(
        store,
        ctx,
        RtDati {
            nome: "RT Orientamento Biella".into(),
            territorio: "Biella".into(),
        },
    )?
    .value;
    let ente_attuatore = commands::organizzazione::create_ente_attuatore(
        store,
        ctx,
        EnteAttuatoreDati {
            nome: "Centro di Formazione Esempio".into(),
            codice: Some("CFE".into()),
            rt_id: Some(rt.id),
            catalogo: "piemonte-oop".into(),
        },
    )?
    .value;
    let mut sedi = vec![];
    for (nome, via, comune) in [
        ("Sede di Biella", "Via Italia 5", "Biella"),
        ("Sede di Cossato", "Piazza Croce Rossa 2", "Cossato"),
    ] {
        sedi.push(
            commands::organizzazione::create_sede(
                store,
                ctx,
                SedeDati {
                    ente_attuatore_id: ente_attuatore.id,
                    nome: nome.into(),
                    indirizzo: Some(via.into()),
                    comune: Some(comune.into()),
                    provincia: Some("BI".into()),
                    territorio: Some("Biella".into()),
                    attivo: true,
                },
            )?
            .value
            .id,
        );
    }
    let mut orientatori = vec![];
    for (c, n) in [
        ("Rossetti", "Giulia"),
        ("Bianco", "Marco"),
        ("Ferraris", "Chiara"),
        ("Gallina", "Luca"),
    ] {
        orientatori.push(
            commands::organizzazione::create_orientatore(
                store,
                ctx,
                OrientatoreDati {
                    ente_attuatore_id: ente_attuatore.id,
                    cognome: c.into(),
                    nome: n.into(),
                    email: Some(format!(
                        "{}.{}@esempio.it",
                        n.to_lowercase(),
                        c.to_lowercase()
                    )),
                    telefono: None,
                    attivo: true,
                },
            )?
            .value
            .id,
        );
    }
    commands::organizzazione::set_impostazioni(
        store,
        ctx,
        commands::organizzazione::Impostazioni {
            ente_attuatore_id: Some(ente_attuatore.id),
            orientatore_id: Some(orientatori[0]),
            database: None,
        },
    )?;
    let targets = commands::organizzazione::list_voci(
        store,
        ctx,
        commands::organizzazione::DiLista {
            lista: Lista::Target,
        },
    )?
    .value;
    let cms: Vec<Id> = commands::organizzazione::list_voci(
        store,
        ctx,
        commands::organizzazione::DiLista { lista: Lista::Cms },
    )?
    .value
    .iter()
    .map(|v| v.id)
    .collect();
    let find = |s: &str| {
        targets
            .iter()
            .find(|t| t.nome.contains(s))
            .map(|t| t.id)
            .expect("shipped target")
    };
    let base = Base {
        ente: ente_attuatore.id,
        sedi,
        orientatori,
        target_medie: find("I grado"),
        target_superiori: find("II grado"),
        cms: cms[..3].to_vec(),
    };

    // Schools [000 §6.1]: an IC with two plessi, an IIS with four indirizzi.
    let alfa = ente(
        store,
        ctx,
        TipoEnte::Scuola,
        "Istituto Comprensivo Alfa",
        Some("BIIC80000A"),
        None,
    )?;
    let beta = ente(
        store,
        ctx,
        TipoEnte::Scuola,
        "Scuola secondaria di I grado Beta",
        Some("BIMM80001B"),
        Some(alfa),
    )?;
    let gamma = ente(
        store,
        ctx,
        TipoEnte::Scuola,
        "Scuola secondaria di I grado Gamma",
        Some("BIMM80002C"),
        Some(alfa),
    )?;
    let iis = ente(
        store,
        ctx,
        TipoEnte::Scuola,
        "IIS Pinco Pallino",
        Some("BIIS00700D"),
        None,
    )?;
    let itt = ente(
        store,
        ctx,
        TipoEnte::Scuola,
        "Pinco – Istituto tecnico tecnologico",
        Some("BITF00701E"),
        Some(iis),
    )?;
    let ite = ente(
        store,
        ctx,
        TipoEnte::Scuola,
        "Pinco – Istituto tecnico economico",
        Some("BITD00702F"),
        Some(iis),
    )?;
    let classico = ente(
        store,
        ctx,
        TipoEnte::Scuola,
        "Pallino – Liceo classico",
        Some("BIPC00703G"),
        Some(iis),
    )?;
    let cpi = ente(
        store,
        ctx,
        TipoEnte::Cpi,
        "Centro per l'Impiego di Biella",
        None,
        None,
    )?;
    let ref_beta = referente(store, ctx, beta, "Sella", "Paola", "Referente orientamento")?;
    let ref_gamma = referente(
        store,
        ctx,
        gamma,
        "Mosca",
        "Elena",
        "Referente orientamento",
    )?;
    let ref_itt = referente(store, ctx, itt, "Zegna", "Franco", "Referente orientamento")?;
    let ref_ite = referente(store, ctx, ite, "Cerruti", "Anna", "Referente orientamento")?;
    let ref_classico = referente(
        store,
        ctx,
        classico,
        "Botta",
        "Carlo",
        "Referente orientamento",
    )?;
    let ref_cpi = referente(store, ctx, cpi, "Fila", "Roberto", "Operatore CPI")?;

    let anno = AnnoScolastico::of(ctx.oggi);
    // A modello co-designed with the CPI [000 §2.1].
    let modello = commands::modelli::create_modello(
        store,
        ctx,
        ModelloDati {
            ente_attuatore_id: base.ente,
            titolo: "Verso la scelta – classi terze Beta".into(),
            descrizione: Some("Seminari di orientamento e colloqui, con l'intervento del CPI sui servizi per il lavoro.".into()),
            anno_scolastico: anno,
            orientatore_id: Some(base.orientatori[0]),
            target_ids: vec![base.target_medie],
            cms_ids: base.cms.clone(),
            enti: vec![
                ModelloEnte { ente_id: beta, ruolo: RuoloEnte::Destinatario, referente_id: Some(ref_beta) },
                ModelloEnte { ente_id: cpi, ruolo: RuoloEnte::Coprogettatore, referente_id: Some(ref_cpi) },
            ],
            azioni: vec!["OR3".into(), "OR2".into()],
            servizi_esterni: vec![ServizioEsterno {
                ente_id: Some(cpi),
                titolo: "I servizi del Centro per l'Impiego".into(),
                descrizione: None,
                durata_minuti: Some(120),
                referente_id: Some(ref_cpi),
            }],
        },
    )?
    .value;

    let mut dado = Dado(2025);
    let start = NaiveDate::from_ymd_opt(anno.0, 10, 6).expect("date");
    // (titolo, modello, school, referente, classe, sezioni)
    type Piano<'a> = (&'a str, Option<Id>, Id, Option<Id>, u8, &'a [&'a str]);
    let plan: [Piano; 5] = [
        (
            "Classi terze – Beta",
            Some(modello.id),
            beta,
            None,
            3,
            &["A", "B"],
        ),
        (
            "Classi terze – Gamma",
            None,
            gamma,
            Some(ref_gamma),
            3,
            &["A"],
        ),
        (
            "Classi quinte – Tecnico tecnologico",
            None,
            itt,
            Some(ref_itt),
            5,
            &["A"],
        ),
        (
            "Classi quinte – Tecnico economico",
            None,
            ite,
            Some(ref_ite),
            5,
            &["B"],
        ),
        (
            "Classi quinte – Liceo classico",
            None,
            classico,
            Some(ref_classico),
            5,
            &["A"],
        ),
    ];
    let mut giorno = 0u64;
    for (titolo, modello_id, scuola, referente_id, classe, sezioni) in plan {
        let intervento = commands::interventi::create_intervento(
            store,
            ctx,
            InterventoDati {
                ente_attuatore_id: base.ente,
                titolo: titolo.into(),
                descrizione: None,
                referente_id,
                modello_id,
                ente_ids: if modello_id.is_some() {
                    vec![]
                } else {
                    vec![scuola]
                },
                target_ids: None,
                cms_ids: None,
                destinatario_ids: None,
            },
        )?
        .value;
        commands::interventi::activate_intervento(store, ctx, PerId { id: intervento.id })?;
        r.interventi += 1;
        for sezione in sezioni {
            let target = if classe == 3 {
                base.target_medie
            } else {
                base.target_superiori
            };
            let titolo_studio = if classe == 3 {
                TitoloStudio::LicenzaElementare
            } else {
                TitoloStudio::LicenzaMedia
            };
            let s = commands::servizi::create_servizio(
                store,
                ctx,
                ServizioDati {
                    ente_attuatore_id: base.ente,
                    intervento_id: Some(intervento.id),
                    codice_azione: "OR3".into(),
                    modalita: None,
                    titolo: format!("Seminario di orientamento {classe}{sezione}"),
                    sede_id: base.sedi[0],
                    durata_prevista_minuti: 240,
                    numero_destinatari: 18,
                    numero_famiglie: Some(0),
                    referente_id: None,
                    anno_scolastico: Some(anno),
                    target_ids: vec![target],
                    cms_ids: base.cms.clone(),
                    ente_ids: vec![],
                    dati_peculiari: DatiPeculiari {
                        classe: Some(classe),
                        sezione: Some(sezione.to_string()),
                        titolo_studio: Some(titolo_studio),
                        condizione_occupazionale: Some(CondizioneOccupazionale::Studente),
                        disabilita: Some(false),
                        condizione_abitativa: Some(CondizioneAbitativa::NessunDisagio),
                        disperso: false,
                    },
                },
            )?
            .value;
            r.servizi += 1;
            let nascita =
                NaiveDate::from_ymd_opt(anno.0 - (classe as i32 + 10), 1, 1).expect("date");
            let mut iscritti = vec![];
            for _ in 0..18 {
                let id = destinatario(store, ctx, &mut dado, nascita)?;
                r.destinatari += 1;
                iscritti.push(Iscrizione {
                    destinatario_id: id,
                    dati_peculiari: DatiPeculiari::default(),
                });
            }
            commands::servizi::enrol_destinatari(
                store,
                ctx,
                commands::servizi::Iscrivi {
                    servizio_id: s.id,
                    iscrizioni: iscritti.clone(),
                },
            )?;
            // Two incontri of two hours; the latest ones land near today, so deadlines
            // show. Those still in the future are not recorded yet.
            for n in 0..2u64 {
                let data = start + Days::new(giorno * 7 + n * 14);
                if data > ctx.oggi {
                    break;
                }
                let presenze = iscritti
                    .iter()
                    .map(|i| Presenza {
                        destinatario_id: i.destinatario_id,
                        presente: dado.next(10) > 0,
                    })
                    .collect();
                let inc = commands::incontri::create_incontro(
                    store,
                    ctx,
                    IncontroDati {
                        servizio_id: s.id,
                        titolo: Some(if n == 0 {
                            "Conoscere se stessi".into()
                        } else {
                            "Le scelte dopo la scuola".into()
                        }),
                        data,
                        ora_inizio: NaiveTime::from_hms_opt(9 + (giorno % 2) as u32 * 2, 0, 0)
                            .expect("time"),
                        ora_fine: NaiveTime::from_hms_opt(11 + (giorno % 2) as u32 * 2, 0, 0)
                            .expect("time"),
                        durata_minuti: None,
                        note: None,
                        orientatore_id: Some(base.orientatori[(giorno % 4) as usize]),
                        luogo: Luogo {
                            ente_id: Some(scuola),
                            sede_id: None,
                            descrizione: None,
                        },
                        famiglie_presenti: Some(0), // pupils only, as numero_famiglie says (INC-12)
                        presenze,
                    },
                )?
                .value;
                r.incontri += 1;
                // Recent incontri stay open: the Oggi screen has something to show.
                if (ctx.oggi - data).num_days() > 12 {
                    let late = Ctx {
                        oggi: data + Days::new(3 + dado.next(14) as u64),
                        ..ctx.clone()
                    };
                    commands::incontri::close_incontro(store, &late, PerId { id: inc.id })?;
                }
            }
            let after = commands::servizi::get_servizio(store, ctx, PerId { id: s.id })?.value;
            if after
                .incontri
                .iter()
                .all(|i| i.stato == StatoIncontro::Chiuso)
                && after
                    .servizio
                    .ultimo_incontro
                    .is_some_and(|d| (ctx.oggi - d).num_days() > 20)
            {
                let oggi = after.servizio.ultimo_incontro.expect("has incontri") + Days::new(5);
                commands::servizi::close_servizio(
                    store,
                    &Ctx {
                        oggi,
                        ..ctx.clone()
                    },
                    PerId { id: s.id },
                )?;
            }
            giorno += 3;
        }
    }
    sportello::fill(store, ctx, &base, (cpi, ref_cpi), &mut dado, &mut r)?;
    percorsi::fill(store, ctx, &base, itt, &mut dado, &mut r)?;
    Ok(r)
}

fn destinatario(store: &Store, ctx: &Ctx, dado: &mut Dado, anno_nascita: NaiveDate) -> Result<Id> {
    let sesso = if dado.next(2) == 0 {
        Sesso::M
    } else {
        Sesso::F
    };
    let nomi = if sesso == Sesso::M { NOMI_M } else { NOMI_F };
    let cognome = COGNOMI[dado.next(COGNOMI.len())];
    let nome = nomi[dado.next(nomi.len())];
    let nascita = NaiveDate::from_ymd_opt(
        anno_nascita.year(),
        1 + dado.next(12) as u32,
        1 + dado.next(28) as u32,
    )
    .expect("date");
    let estero = dado.next(12) == 0;
    // The place of birth and its code inside the CF agree (DES-02).
    let (catastale, comune) = if estero {
        ("Z330", None)
    } else {
        let luoghi = [("A859", "Biella"), ("D094", "Cossato"), ("L219", "Torino")];
        let (codice, comune) = luoghi[dado.next(3)];
        (codice, Some(comune))
    };
    let mut cf = codice_fiscale::compute(cognome, nome, sesso, nascita, catastale);
    // Homonyms born the same day get an omocodic code, as the tax office does.
    let mut level = 0;
    while crate::store::destinatari::by_cf(store.read(), &cf)?.is_some() {
        level += 1;
        cf = codice_fiscale::omocode(
            &codice_fiscale::compute(cognome, nome, sesso, nascita, catastale),
            level,
        );
    }
    let out = commands::destinatari::create_destinatario(
        store,
        ctx,
        DestinatarioDati {
            codice_fiscale: cf,
            cognome: cognome.into(),
            nome: nome.into(),
            sesso,
            data_nascita: nascita,
            comune_nascita: comune.map(Into::into),
            stato_estero_nascita: estero.then(|| "Marocco".into()),
            citta_estera_nascita: None,
            cittadinanza: Some(if estero { "Marocco" } else { "Italia" }.into()),
            email: None,
            telefono: Some(format!(
                "3{:02} {:07}",
                dado.next(50) + 20,
                dado.next(9_999_999)
            )),
            forzatura: None,
        },
    )?;
    Ok(out.value.id)
}
