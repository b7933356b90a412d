//! Monitoring indicators for a period, a body, a territory [domain.md §7;
//! seed 002 «Indicatori fisici»; seed 004 indicators and UCS]. The store
//! reads what happened (`store::indicatori`); here it is counted. Lateness
//! comes from the flags the close operations stored (INC-06, SER-11) and,
//! for what is still open, from `rules::scadenze`; unit costs from the
//! catalogues (`ucs`). `docs/indicatori.md` says what each figure means.

pub mod fisici;
pub mod ucs;
pub mod xlsx;

use crate::catalogo;
use crate::error::Result;
use crate::ids::Id;
use crate::rules::scadenze;
use crate::store::Store;
use crate::store::indicatori::{self as sql, Ambito, RigaIncontro};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

pub use fisici::IndicatoreFisico;
pub use ucs::CostoUcs;

/// A count under a label (a target, a classe).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conteggio {
    pub voce: String,
    pub destinatari: u32,
}

/// Destinatari reached: present at least once at an incontro of the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Destinatari {
    /// Distinct persons.
    pub totale: u32,
    pub femmine: u32,
    pub maschi: u32,
    /// With disabilità in at least one of the servizi that reached them.
    pub con_disabilita: u32,
    pub dispersi: u32,
    /// Per target of the servizi that reached them; a person reached by servizi
    /// of two targets counts under both.
    pub per_target: Vec<Conteggio>,
    /// Per classe (1–5, `dispersi`, `non indicata`) of their enrolment; a person
    /// enrolled in two classi in two servizi counts under both.
    pub per_classe: Vec<Conteggio>,
}

/// Families, for the actions with families (OR3) [000 §4, §9.4].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Famiglie {
    /// Servizi with families active in the period.
    pub servizi: u32,
    /// Sum of their numero famiglie (SER-03).
    pub numero_famiglie: u32,
    /// Sum of the families present at their incontri of the period (the register's field).
    pub presenze_famiglie: u32,
}

/// One codice azione of one catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PerAzione {
    pub catalogo: String,
    pub codice_azione: String,
    pub nome: String,
    /// With an incontro in the period.
    pub servizi_attivi: u32,
    /// Whose first incontro falls in the period.
    pub servizi_avviati: u32,
    /// Closed in the period.
    pub servizi_chiusi: u32,
    /// Closed in the period more than 15 days after their last incontro (SER-11).
    pub servizi_chiusi_in_ritardo: u32,
    pub incontri: u32,
    pub incontri_individuali: u32,
    pub incontri_di_gruppo: u32,
    pub incontri_chiusi: u32,
    /// Dated in the period, closed more than 15 days after (INC-06).
    pub incontri_chiusi_in_ritardo: u32,
    /// Dated in the period, still open more than 15 days after, as of today (INC-06).
    pub incontri_aperti_in_ritardo: u32,
    /// Minutes delivered: the durations of the incontri of the period.
    pub minuti: u32,
    pub ore: f64,
    /// Distinct destinatari present at least once.
    pub destinatari: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Indicatori {
    pub ambito: Ambito,
    /// The day the "still open and late" counts refer to.
    pub oggi: NaiveDate,
    pub destinatari: Destinatari,
    pub famiglie: Famiglie,
    /// Per catalogue and codice azione, sorted.
    pub azioni: Vec<PerAzione>,
    /// The sum of `azioni`, under `codice_azione` "Totale".
    pub totale: PerAzione,
    /// Unit costs recognised (seed 004), per action and modality that has a UCS.
    pub costi: Vec<CostoUcs>,
    /// Euro, the sum of the recognised `costi`.
    pub costo_riconosciuto: f64,
    /// The physical indicators of seed 002, supported or not.
    pub fisici: Vec<IndicatoreFisico>,
}

fn nel_periodo(d: Option<NaiveDate>, a: &Ambito) -> bool {
    d.is_some_and(|d| a.dal.is_none_or(|x| d >= x) && a.al.is_none_or(|x| d <= x))
}

pub(crate) fn ore(minuti: u32) -> f64 {
    (minuti as f64 / 60.0 * 100.0).round() / 100.0
}

fn nome_azione(catalogo: &str, codice: &str) -> String {
    catalogo::get(catalogo)
        .and_then(|c| c.azione(codice))
        .map(|a| a.nome.clone())
        .unwrap_or_default()
}

fn ha_famiglie(catalogo: &str, codice: &str) -> bool {
    catalogo::get(catalogo)
        .and_then(|c| c.azione(codice))
        .is_some_and(|a| a.famiglie)
}

/// Every indicator for `ambito`, with "today" for what is still open.
pub fn calcola(store: &Store, ambito: &Ambito, oggi: NaiveDate) -> Result<Indicatori> {
    let conn = store.read();
    let incontri = sql::incontri(conn, ambito)?;
    let servizi = sql::servizi(conn, ambito)?;
    let partecipanti = sql::partecipanti(conn, ambito)?;
    let target = sql::target(conn, ambito)?;

    type Chiave = (String, String);
    let mut azioni: BTreeMap<Chiave, PerAzione> = BTreeMap::new();
    // One row per (catalogue, codice azione): codes repeat across catalogues (A.1).
    let mut get = |cat: &str, cod: &str| -> Chiave {
        let k = (cat.to_string(), cod.to_string());
        azioni.entry(k.clone()).or_insert_with(|| PerAzione {
            catalogo: cat.into(),
            codice_azione: cod.into(),
            nome: nome_azione(cat, cod),
            ..Default::default()
        });
        k
    };
    let mut keys_incontri: Vec<Chiave> = Vec::with_capacity(incontri.len());
    for i in &incontri {
        keys_incontri.push(get(&i.catalogo, &i.codice_azione));
    }
    let keys_servizi: Vec<Chiave> = servizi
        .iter()
        .map(|s| get(&s.catalogo, &s.codice_azione))
        .collect();

    let mut attivi: HashSet<Id> = HashSet::new();
    let mut famiglie = Famiglie::default();
    for (i, k) in incontri.iter().zip(&keys_incontri) {
        let a = azioni.get_mut(k).expect("key inserted");
        conta_incontro(a, i, oggi);
        attivi.insert(i.servizio_id);
        if ha_famiglie(&i.catalogo, &i.codice_azione) {
            famiglie.presenze_famiglie += i.famiglie_presenti.unwrap_or(0);
        }
    }
    for (s, k) in servizi.iter().zip(&keys_servizi) {
        let a = azioni.get_mut(k).expect("key inserted");
        if attivi.contains(&s.id) {
            a.servizi_attivi += 1;
            if ha_famiglie(&s.catalogo, &s.codice_azione) {
                famiglie.servizi += 1;
                famiglie.numero_famiglie += s.numero_famiglie.unwrap_or(0);
            }
        }
        if nel_periodo(s.primo_incontro, ambito) {
            a.servizi_avviati += 1;
        }
        if nel_periodo(s.chiuso_il, ambito) {
            a.servizi_chiusi += 1;
            a.servizi_chiusi_in_ritardo += s.chiuso_in_ritardo as u32;
        }
    }

    // Destinatari per action: a servizio's action is known from its row.
    let azione_di: HashMap<Id, &Chiave> = servizi.iter().map(|s| s.id).zip(&keys_servizi).collect();
    let mut per_azione: HashMap<&Chiave, HashSet<Id>> = HashMap::new();
    for p in &partecipanti {
        if let Some(k) = azione_di.get(&p.servizio_id) {
            per_azione.entry(k).or_default().insert(p.destinatario_id);
        }
    }
    for (k, set) in &per_azione {
        if let Some(a) = azioni.get_mut(*k) {
            a.destinatari = set.len() as u32;
        }
    }

    let mut azioni: Vec<PerAzione> = azioni
        .into_values()
        .filter(|a| a.servizi_attivi + a.servizi_avviati + a.servizi_chiusi + a.incontri > 0)
        .collect();
    for a in &mut azioni {
        a.ore = ore(a.minuti);
    }
    let mut totale = somma(&azioni);
    totale.destinatari = partecipanti
        .iter()
        .map(|p| p.destinatario_id)
        .collect::<HashSet<_>>()
        .len() as u32;

    let costi = ucs::costi(&incontri);
    let costo_riconosciuto = ucs::euro(
        costi
            .iter()
            .filter(|c| c.riconosciuto)
            .fold(0.0, |a, c| a + c.costo),
    );
    let fisici = fisici::calcola(&servizi, &partecipanti);
    Ok(Indicatori {
        ambito: ambito.clone(),
        oggi,
        destinatari: destinatari(&partecipanti, &target),
        famiglie,
        azioni,
        totale,
        costi,
        costo_riconosciuto,
        fisici,
    })
}

fn conta_incontro(a: &mut PerAzione, i: &RigaIncontro, oggi: NaiveDate) {
    a.incontri += 1;
    match i.modalita {
        crate::domain::Modalita::Individuale => a.incontri_individuali += 1,
        crate::domain::Modalita::Gruppo => a.incontri_di_gruppo += 1,
    }
    a.minuti += i.durata_minuti;
    if i.chiuso {
        a.incontri_chiusi += 1;
        a.incontri_chiusi_in_ritardo += i.chiuso_in_ritardo as u32;
    } else if scadenze::in_ritardo(i.data, oggi) {
        a.incontri_aperti_in_ritardo += 1;
    }
}

fn somma(azioni: &[PerAzione]) -> PerAzione {
    let mut t = PerAzione {
        codice_azione: "Totale".into(),
        ..Default::default()
    };
    for a in azioni {
        t.servizi_attivi += a.servizi_attivi;
        t.servizi_avviati += a.servizi_avviati;
        t.servizi_chiusi += a.servizi_chiusi;
        t.servizi_chiusi_in_ritardo += a.servizi_chiusi_in_ritardo;
        t.incontri += a.incontri;
        t.incontri_individuali += a.incontri_individuali;
        t.incontri_di_gruppo += a.incontri_di_gruppo;
        t.incontri_chiusi += a.incontri_chiusi;
        t.incontri_chiusi_in_ritardo += a.incontri_chiusi_in_ritardo;
        t.incontri_aperti_in_ritardo += a.incontri_aperti_in_ritardo;
        t.minuti += a.minuti;
    }
    t.ore = ore(t.minuti);
    t
}

fn destinatari(partecipanti: &[sql::RigaPartecipante], target: &[(Id, String)]) -> Destinatari {
    let mut target_di: HashMap<Id, Vec<&str>> = HashMap::new();
    for (s, t) in target {
        target_di.entry(*s).or_default().push(t);
    }
    let mut tutti = HashSet::new();
    let (mut f, mut m, mut dis, mut disp) = (
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
    );
    let mut per_target: BTreeMap<&str, HashSet<Id>> = BTreeMap::new();
    let mut per_classe: BTreeMap<String, HashSet<Id>> = BTreeMap::new();
    for p in partecipanti {
        let d = p.destinatario_id;
        tutti.insert(d);
        if p.sesso == "F" {
            f.insert(d);
        } else {
            m.insert(d);
        }
        if p.disabilita {
            dis.insert(d);
        }
        if p.disperso {
            disp.insert(d);
        }
        for t in target_di.get(&p.servizio_id).into_iter().flatten() {
            per_target.entry(t).or_default().insert(d);
        }
        let classe = match (p.disperso, p.classe) {
            (true, _) => "dispersi".to_string(),
            (false, Some(c)) => c.to_string(),
            (false, None) => "non indicata".to_string(),
        };
        per_classe.entry(classe).or_default().insert(d);
    }
    let conta = |voce: &str, s: &HashSet<Id>| Conteggio {
        voce: voce.into(),
        destinatari: s.len() as u32,
    };
    Destinatari {
        totale: tutti.len() as u32,
        femmine: f.len() as u32,
        maschi: m.len() as u32,
        con_disabilita: dis.len() as u32,
        dispersi: disp.len() as u32,
        per_target: per_target.iter().map(|(k, s)| conta(k, s)).collect(),
        per_classe: per_classe.iter().map(|(k, s)| conta(k, s)).collect(),
    }
}
