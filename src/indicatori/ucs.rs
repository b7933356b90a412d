//! Standard unit costs (UCS) recognised, as seed 004 states them: «€ 33/h (se
//! gruppo diviso n. componenti ad operatore)». One operator's hour costs the
//! UCS whether one person or a group is in front of them; in a group each
//! participant's share is that hour divided by the members present. So for
//! an incontro of `h` hours with `n` present:
//!
//!   costo dell'incontro = UCS × h        quota di ciascuno = UCS × h / n
//!
//! Counted: closed incontri of the period (closed = coinciding with the
//! signed register) with at least one person present; one signing
//! orientatore per incontro, so `n` is the number present. The seed sets no
//! minimum of participants and no attendance threshold; it sets a maximum
//! group size (`partecipanti_max` in the catalogue), and larger groups are
//! counted and flagged, not cut. The €34,40/h UCS is recognised only after a
//! job placement, which Sportello does not record: shown, not recognised.

use super::ore;
use crate::catalogo;
use crate::domain::Modalita;
use crate::domain::Vocabolario;
use crate::store::indicatori::RigaIncontro;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CostoUcs {
    pub catalogo: String,
    pub codice_azione: String,
    pub modalita: Modalita,
    pub ucs_euro_ora: f64,
    /// False for a UCS the data cannot support (recognised only after a placement).
    pub riconosciuto: bool,
    /// Closed incontri with someone present.
    pub incontri: u32,
    pub minuti: u32,
    pub ore: f64,
    /// People present, summed over those incontri.
    pub partecipazioni: u32,
    /// Euro: Σ UCS × hours of each incontro.
    pub costo: f64,
    /// Euro: `costo / partecipazioni`, each participant's share on average.
    pub costo_per_partecipazione: f64,
    /// Groups larger than the catalogue's maximum (counted, flagged).
    pub incontri_oltre_numerosita: u32,
    /// Incontri of the period left out: still open, or nobody present.
    pub incontri_esclusi: u32,
    pub fonte: String,
}

/// Rounded to the cent.
pub fn euro(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The costs of the incontri of the period, per action and modality with a UCS.
pub fn costi(incontri: &[RigaIncontro]) -> Vec<CostoUcs> {
    let mut out: BTreeMap<(String, String, &'static str), CostoUcs> = BTreeMap::new();
    for i in incontri {
        let Some(limiti) = catalogo::get(&i.catalogo)
            .and_then(|c| c.azione(&i.codice_azione))
            .and_then(|a| a.limiti(i.modalita))
        else {
            continue;
        };
        let Some(ucs) = limiti.ucs_euro_ora else {
            continue;
        };
        let c = out
            .entry((
                i.catalogo.clone(),
                i.codice_azione.clone(),
                i.modalita.code(),
            ))
            .or_insert_with(|| CostoUcs {
                catalogo: i.catalogo.clone(),
                codice_azione: i.codice_azione.clone(),
                modalita: i.modalita,
                ucs_euro_ora: ucs,
                riconosciuto: !limiti.ucs_solo_con_inserimento,
                incontri: 0,
                minuti: 0,
                ore: 0.0,
                partecipazioni: 0,
                costo: 0.0,
                costo_per_partecipazione: 0.0,
                incontri_oltre_numerosita: 0,
                incontri_esclusi: 0,
                fonte: limiti.fonte.clone().unwrap_or_default(),
            });
        if !i.chiuso || i.presenti == 0 {
            c.incontri_esclusi += 1;
            continue;
        }
        c.incontri += 1;
        c.minuti += i.durata_minuti;
        c.partecipazioni += i.presenti;
        c.costo += ucs * i.durata_minuti as f64 / 60.0;
        if limiti.partecipanti_max.is_some_and(|m| i.presenti > m) {
            c.incontri_oltre_numerosita += 1;
        }
    }
    out.into_values()
        .map(|mut c| {
            c.ore = ore(c.minuti);
            if c.partecipazioni > 0 {
                c.costo_per_partecipazione = euro(c.costo / c.partecipazioni as f64);
            }
            c.costo = euro(c.costo);
            c
        })
        .collect()
}
