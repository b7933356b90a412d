//! The figures per action: one row per (catalogue, codice azione) with its
//! incontri, servizi and destinatari of the period, and their sum.

use super::partecipanti::{Distinti, Partecipanti};
use super::{Famiglie, PerAzione, ore};
use crate::catalogo;
use crate::ids::Id;
use crate::rules::scadenze;
use crate::store::ambito::Ambito;
use crate::store::indicatori::{RigaIncontro, RigaServizio};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The figures per action (those with something in the period, sorted) and
/// the families of the actions with families.
pub(super) fn per_azione(
    incontri: &[RigaIncontro],
    servizi: &[RigaServizio],
    partecipanti: &Partecipanti,
    ambito: &Ambito,
    oggi: NaiveDate,
) -> (Vec<PerAzione>, Famiglie) {
    let mut azioni = PerChiave::new();
    let chiavi_incontri: Vec<Chiave> = incontri
        .iter()
        .map(|i| riga_azione(&mut azioni, &i.catalogo, &i.codice_azione))
        .collect();
    let chiavi_servizi: Vec<Chiave> = servizi
        .iter()
        .map(|s| riga_azione(&mut azioni, &s.catalogo, &s.codice_azione))
        .collect();
    let mut famiglie = Famiglie::default();
    let attivi = conta_incontri(&mut azioni, incontri, &chiavi_incontri, oggi, &mut famiglie);
    conta_servizi(
        &mut azioni,
        servizi,
        &chiavi_servizi,
        &attivi,
        ambito,
        &mut famiglie,
    );
    conta_destinatari(&mut azioni, &chiavi_servizi, partecipanti);

    (azioni_del_periodo(azioni), famiglie)
}

/// One row per (catalogue, codice azione): codes repeat across catalogues (A.1).
type Chiave = (String, String);
type PerChiave = BTreeMap<Chiave, PerAzione>;

/// The key of an action's row, the row made (with the action's name) the
/// first time the action is met.
fn riga_azione(azioni: &mut PerChiave, cat: &str, cod: &str) -> Chiave {
    let k = (cat.to_string(), cod.to_string());
    azioni.entry(k.clone()).or_insert_with(|| PerAzione {
        catalogo: cat.into(),
        codice_azione: cod.into(),
        nome: nome_azione(cat, cod),
        ..Default::default()
    });
    k
}

/// Each incontro under its action, and the families present at those with
/// families; returns the servizi active in the period (with an incontro).
fn conta_incontri(
    azioni: &mut PerChiave,
    incontri: &[RigaIncontro],
    chiavi: &[Chiave],
    oggi: NaiveDate,
    famiglie: &mut Famiglie,
) -> HashSet<Id> {
    let mut attivi: HashSet<Id> = HashSet::new();
    for (i, k) in incontri.iter().zip(chiavi) {
        let a = azioni.get_mut(k).expect("key inserted");
        conta_incontro(a, i, oggi);
        attivi.insert(i.servizio_id);
        if ha_famiglie(&i.catalogo, &i.codice_azione) {
            famiglie.presenze_famiglie += i.famiglie_presenti.unwrap_or(0);
        }
    }
    attivi
}

/// Each servizio under its action: active, started or closed (late) in the
/// period; the active ones with families count their families.
fn conta_servizi(
    azioni: &mut PerChiave,
    servizi: &[RigaServizio],
    chiavi: &[Chiave],
    attivi: &HashSet<Id>,
    ambito: &Ambito,
    famiglie: &mut Famiglie,
) {
    for (s, k) in servizi.iter().zip(chiavi) {
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
}

/// Distinct destinatari per action: `chiavi` holds each servizio's, by its index.
fn conta_destinatari(azioni: &mut PerChiave, chiavi: &[Chiave], partecipanti: &Partecipanti) {
    let mut per_azione: HashMap<&Chiave, Distinti> = HashMap::new();
    for p in &partecipanti.righe {
        let k = &chiavi[p.servizio];
        per_azione
            .entry(k)
            .or_insert_with(|| partecipanti.distinti())
            .insert(p.destinatario);
    }
    for (k, set) in &per_azione {
        if let Some(a) = azioni.get_mut(*k) {
            a.destinatari = set.len();
        }
    }
}

/// The actions with something in the period, in key order, with their hours.
fn azioni_del_periodo(azioni: PerChiave) -> Vec<PerAzione> {
    let mut azioni: Vec<PerAzione> = azioni
        .into_values()
        .filter(|a| a.servizi_attivi + a.servizi_avviati + a.servizi_chiusi + a.incontri > 0)
        .collect();
    for a in &mut azioni {
        a.ore = ore(a.minuti);
    }
    azioni
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

/// The sum of every action, under `codice_azione` "Totale".
pub(super) fn somma(azioni: &[PerAzione]) -> PerAzione {
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

fn nel_periodo(d: Option<NaiveDate>, a: &Ambito) -> bool {
    d.is_some_and(|d| a.dal.is_none_or(|x| d >= x) && a.al.is_none_or(|x| d <= x))
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
