//! Monitoring indicators for a period, a body, a territory [domain.md §7;
//! seed 002 «Indicatori fisici»; seed 004 indicators and UCS]. The store
//! reads what happened (`store::indicatori`); here it is counted. Lateness
//! comes from the flags the close operations stored (INC-06, SER-11) and,
//! for what is still open, from `rules::scadenze`; unit costs from the
//! catalogues (`ucs`). `docs/indicatori.md` says what each figure means.

mod azioni;
pub mod fisici;
mod partecipanti;
pub mod ucs;
pub mod xlsx;

use crate::error::Result;
use crate::ids::Id;
use crate::store::Store;
use crate::store::ambito::Ambito;
use crate::store::indicatori::{self as sql, RigaIncontro, RigaServizio};
use chrono::NaiveDate;
use partecipanti::{Distinti, Partecipanti};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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

pub(crate) fn ore(minuti: u32) -> f64 {
    (minuti as f64 / 60.0 * 100.0).round() / 100.0
}

/// Every indicator for `ambito`, with "today" for what is still open.
pub fn calcola(store: &Store, ambito: &Ambito, oggi: NaiveDate) -> Result<Indicatori> {
    let conn = store.read();
    let servizi = sql::servizi(conn, ambito)?;
    let mut incontri = sql::incontri(conn, ambito, &servizi)?;
    let partecipanti = partecipanti::leggi(store, &servizi, &mut incontri)?;
    let target = sql::target(conn, ambito)?;

    let (azioni, famiglie) = azioni::per_azione(&incontri, &servizi, &partecipanti, ambito, oggi);
    let destinatari = destinatari(&partecipanti, &servizi, &target);
    let mut totale = azioni::somma(&azioni);
    // A person reached by two actions is one person in the total.
    totale.destinatari = destinatari.totale;
    let (costi, costo_riconosciuto) = costi(&incontri);
    let fisici = fisici::calcola(&servizi, &partecipanti);
    Ok(Indicatori {
        ambito: ambito.clone(),
        oggi,
        destinatari,
        famiglie,
        azioni,
        totale,
        costi,
        costo_riconosciuto,
        fisici,
    })
}

/// The unit costs of the incontri (seed 004) and the sum of those recognised.
fn costi(incontri: &[RigaIncontro]) -> (Vec<CostoUcs>, f64) {
    let costi = ucs::costi(incontri);
    let costo_riconosciuto = ucs::euro(
        costi
            .iter()
            .filter(|c| c.riconosciuto)
            .fold(0.0, |a, c| a + c.costo),
    );
    (costi, costo_riconosciuto)
}

fn destinatari(
    partecipanti: &Partecipanti,
    servizi: &[RigaServizio],
    target: &[(Id, String)],
) -> Destinatari {
    Destinatari {
        totale: partecipanti.conta(|_| true),
        femmine: partecipanti.conta(|p| p.femmina),
        maschi: partecipanti.conta(|p| !p.femmina),
        con_disabilita: partecipanti.conta(|p| p.disabilita),
        dispersi: partecipanti.conta(|p| p.disperso),
        per_target: per_target(partecipanti, servizi, target),
        per_classe: per_classe(partecipanti),
    }
}

/// Distinct destinatari per target of the servizi that reached them.
fn per_target(
    partecipanti: &Partecipanti,
    servizi: &[RigaServizio],
    target: &[(Id, String)],
) -> Vec<Conteggio> {
    let indice: HashMap<Id, usize> = servizi.iter().enumerate().map(|(k, s)| (s.id, k)).collect();
    let mut target_di: Vec<Vec<&str>> = vec![Vec::new(); servizi.len()];
    for (s, t) in target {
        if let Some(&k) = indice.get(s) {
            target_di[k].push(t);
        }
    }
    let mut per: BTreeMap<&str, Distinti> = BTreeMap::new();
    for p in &partecipanti.righe {
        for t in &target_di[p.servizio] {
            per.entry(t)
                .or_insert_with(|| partecipanti.distinti())
                .insert(p.destinatario);
        }
    }
    conteggi(per.iter().map(|(t, d)| (*t, d.len())))
}

/// Distinct destinatari per classe of their enrolment, `dispersi` apart.
fn per_classe(partecipanti: &Partecipanti) -> Vec<Conteggio> {
    // Keyed by (disperso, classe) while counting: a label per row cost an allocation.
    let mut per: HashMap<Option<Option<u8>>, Distinti> = HashMap::new();
    for p in &partecipanti.righe {
        let classe = (!p.disperso).then_some(p.classe);
        per.entry(classe)
            .or_insert_with(|| partecipanti.distinti())
            .insert(p.destinatario);
    }
    let per: BTreeMap<String, u32> = per
        .iter()
        .map(|(classe, d)| {
            let voce = match classe {
                None => "dispersi".to_string(),
                Some(Some(c)) => c.to_string(),
                Some(None) => "non indicata".to_string(),
            };
            (voce, d.len())
        })
        .collect();
    conteggi(per.iter().map(|(voce, n)| (voce.as_str(), *n)))
}

fn conteggi<'a>(voci: impl Iterator<Item = (&'a str, u32)>) -> Vec<Conteggio> {
    voci.map(|(voce, destinatari)| Conteggio {
        voce: voce.into(),
        destinatari,
    })
    .collect()
}
