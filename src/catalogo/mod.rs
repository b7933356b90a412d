//! Catalogues of actions (`domain.md` §5): data files under `catalogues/`,
//! embedded in the binary, read by SER-02, SER-03, SER-09, SER-12 and INC-07.

use crate::domain::Modalita;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The shipped catalogues, by file.
const FILES: &[(&str, &str)] = &[
    (
        "piemonte-oop.toml",
        include_str!("../../catalogues/piemonte-oop.toml"),
    ),
    (
        "piemonte-lavoro-2012.toml",
        include_str!("../../catalogues/piemonte-lavoro-2012.toml"),
    ),
    (
        "toscana-lep.toml",
        include_str!("../../catalogues/toscana-lep.toml"),
    ),
    ("trento.toml", include_str!("../../catalogues/trento.toml")),
    ("umbria.toml", include_str!("../../catalogues/umbria.toml")),
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Catalogo {
    #[serde(rename = "catalogo")]
    pub testata: Testata,
    #[serde(rename = "azione")]
    pub azioni: Vec<Azione>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Testata {
    pub codice: String,
    pub nome: String,
    pub versione: String,
    pub fonte: String,
    #[serde(default)]
    pub provvisorio: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Azione {
    pub codice: String,
    pub nome: String,
    pub fonte: String,
    #[serde(default)]
    pub provvisorio: bool,
    /// Numero famiglie is mandatory (SER-03).
    #[serde(default)]
    pub famiglie: bool,
    /// Company visits: the company is an ente coinvolto beside the school (SER-06).
    #[serde(default)]
    pub richiede_azienda: bool,
    /// Exists only under an intervento (SER-17: OR6, OR7).
    #[serde(default)]
    pub solo_intervento: bool,
    /// Hangs under the intervento of this earlier action (SER-09).
    #[serde(default)]
    pub continua: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub individuale: Option<Limiti>,
    #[serde(default)]
    pub gruppo: Option<Limiti>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Limiti {
    #[serde(default)]
    pub minuti_incontro: Option<Intervallo>,
    #[serde(default)]
    pub minuti_percorso: Option<Intervallo>,
    #[serde(default)]
    pub incontri: Option<Intervallo>,
    #[serde(default)]
    pub partecipanti_max: Option<u32>,
    #[serde(default)]
    pub ucs_euro_ora: Option<f64>,
    /// The UCS is recognised only when the person was placed in work (seed 004,
    /// €34,40/h): the recorded data cannot tell, so the indicators do not count it.
    #[serde(default)]
    pub ucs_solo_con_inserimento: bool,
    #[serde(default)]
    pub fonte: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Intervallo {
    #[serde(default)]
    pub min: Option<u32>,
    #[serde(default)]
    pub max: Option<u32>,
}

impl Intervallo {
    pub fn contains(&self, value: u32) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }

    /// "tra 3 e 8 incontri", "almeno 2 incontri", for counts.
    pub fn describe_count(&self, what: &str) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => format!("{a} {what}"),
            (Some(a), Some(b)) => format!("tra {a} e {b} {what}"),
            (Some(a), None) => format!("almeno {a} {what}"),
            (None, Some(b)) => format!("al massimo {b} {what}"),
            (None, None) => format!("{what} senza limiti"),
        }
    }

    /// "tra 1 h e 4 h", "almeno 30 min", "al massimo 1 h 30 min", for durations in minutes.
    pub fn describe_minutes(&self) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) => format!("tra {} e {}", minutes(a), minutes(b)),
            (Some(a), None) => format!("almeno {}", minutes(a)),
            (None, Some(b)) => format!("al massimo {}", minutes(b)),
            (None, None) => "senza limiti".into(),
        }
    }
}

/// Minutes as Italians write durations: "45 min", "2 h", "1 h 30 min".
pub fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, r) => format!("{r} min"),
        (h, 0) => format!("{h} h"),
        (h, r) => format!("{h} h {r} min"),
    }
}

impl Azione {
    pub fn limiti(&self, modalita: Modalita) -> Option<&Limiti> {
        match modalita {
            Modalita::Individuale => self.individuale.as_ref(),
            Modalita::Gruppo => self.gruppo.as_ref(),
        }
    }

    /// The modalities the catalogue allows for this action.
    pub fn modalita(&self) -> Vec<Modalita> {
        let mut m = Vec::new();
        if self.individuale.is_some() {
            m.push(Modalita::Individuale);
        }
        if self.gruppo.is_some() {
            m.push(Modalita::Gruppo);
        }
        m
    }

    /// The only modality, when there is one (used when a servizio does not say).
    pub fn modalita_unica(&self) -> Option<Modalita> {
        match self.modalita().as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

impl Catalogo {
    pub fn azione(&self, codice: &str) -> Option<&Azione> {
        self.azioni
            .iter()
            .find(|a| a.codice.eq_ignore_ascii_case(codice.trim()))
    }
}

static CATALOGHI: LazyLock<Vec<Catalogo>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(file, text)| {
            let mut c: Catalogo = toml::from_str(text)
                .unwrap_or_else(|e| panic!("catalogue {file} is malformed: {e}"));
            // A provisional catalogue makes every bound in it provisional (SER-12, SER-19 warn).
            for a in &mut c.azioni {
                a.provvisorio |= c.testata.provvisorio;
            }
            c
        })
        .collect()
});

/// Every shipped catalogue.
pub fn all() -> &'static [Catalogo] {
    &CATALOGHI
}

pub fn get(codice: &str) -> Option<&'static Catalogo> {
    all().iter().find(|c| c.testata.codice == codice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_catalogue_parses_with_sources_and_consistent_bounds() {
        assert_eq!(all().len(), FILES.len());
        for c in all() {
            let mut codes = HashSet::new();
            assert!(!c.azioni.is_empty(), "{}", c.testata.codice);
            for a in &c.azioni {
                assert!(
                    codes.insert(a.codice.clone()),
                    "duplicate {} in {}",
                    a.codice,
                    c.testata.codice
                );
                assert!(!a.fonte.trim().is_empty(), "{} without fonte", a.codice);
                assert!(!a.modalita().is_empty(), "{} has no modality", a.codice);
                for l in [&a.individuale, &a.gruppo].into_iter().flatten() {
                    for i in [l.minuti_incontro, l.minuti_percorso, l.incontri]
                        .into_iter()
                        .flatten()
                    {
                        if let (Some(lo), Some(hi)) = (i.min, i.max) {
                            assert!(lo <= hi, "{}: min > max", a.codice);
                        }
                    }
                }
                if let Some(prev) = &a.continua {
                    assert!(
                        c.azione(prev).is_some(),
                        "{} continues unknown {prev}",
                        a.codice
                    );
                }
            }
        }
    }

    #[test]
    fn piemonte_oop_is_provisional_and_knows_families_and_continuations() {
        let c = get("piemonte-oop").unwrap();
        assert!(c.testata.provvisorio);
        assert!(c.azione("OR3").unwrap().famiglie);
        assert_eq!(c.azione("or4-2a").unwrap().continua.as_deref(), Some("OR4"));
        assert!(!c.azione("OR2").unwrap().famiglie);
    }

    #[test]
    fn durations_read_as_italians_write_them() {
        assert_eq!(minutes(45), "45 min");
        assert_eq!(minutes(120), "2 h");
        assert_eq!(minutes(90), "1 h 30 min");
        let i = Intervallo {
            min: Some(60),
            max: Some(240),
        };
        assert!(i.contains(60) && i.contains(240) && !i.contains(59) && !i.contains(241));
        assert_eq!(i.describe_minutes(), "tra 1 h e 4 h");
    }
}
