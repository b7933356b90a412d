//! Dati peculiari: per-participant data that the regional and ESF+ indicators
//! require [000 §8]. The closed lists live here, once: the store, the rules,
//! the Excel template's drop-downs and the import all read them.

use super::vocabolario::vocabolario;
use serde::{Deserialize, Serialize};

vocabolario! {
    /// Highest qualification held (ISCED levels, as the ESF+ indicators count them).
    TitoloStudio {
        Nessuno = "nessuno", "Nessun titolo";
        LicenzaElementare = "licenza_elementare", "Licenza elementare (ISCED 1)";
        LicenzaMedia = "licenza_media", "Licenza media (ISCED 2)";
        Qualifica = "qualifica", "Qualifica professionale (ISCED 3)";
        Diploma = "diploma", "Diploma di scuola secondaria superiore (ISCED 3)";
        PostDiploma = "post_diploma", "Post-diploma, IFTS (ISCED 4)";
        Terziario = "terziario", "ITS, laurea o superiore (ISCED 5-8)";
    }
}

vocabolario! {
    /// Labour-market status at the start of the service.
    CondizioneOccupazionale {
        Studente = "studente", "Studente";
        InCercaPrimaOccupazione = "in_cerca_prima_occupazione", "In cerca di prima occupazione";
        Disoccupato = "disoccupato", "Disoccupato";
        Occupato = "occupato", "Occupato";
        Inattivo = "inattivo", "Inattivo diverso da studente";
    }
}

vocabolario! {
    /// Housing condition (ESF+: homelessness or housing exclusion).
    CondizioneAbitativa {
        NessunDisagio = "nessun_disagio", "Nessun disagio abitativo";
        EsclusioneAbitativa = "esclusione_abitativa", "Senza dimora o in esclusione abitativa";
    }
}

/// The dati peculiari of one destinatario in one servizio, or the servizio's
/// defaults copied onto each destinatario enrolled afterwards [000 §8].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DatiPeculiari {
    /// A number 1–5 (DES-04); empty for dispersi.
    pub classe: Option<u8>,
    pub sezione: Option<String>,
    pub titolo_studio: Option<TitoloStudio>,
    pub condizione_occupazionale: Option<CondizioneOccupazionale>,
    /// `None` when not said: the servizio's default applies, else no (DES-07).
    /// A value given for the person wins over the servizio's.
    #[serde(default)]
    pub disabilita: Option<bool>,
    pub condizione_abitativa: Option<CondizioneAbitativa>,
    /// Out of school: no classe, no sezione.
    #[serde(default)]
    pub disperso: bool,
}

impl DatiPeculiari {
    /// Fills each empty field from `defaults` (the servizio's general dati peculiari).
    pub fn with_defaults(mut self, defaults: &DatiPeculiari) -> Self {
        // A servizio for dispersi (out of school) makes its participants dispersi.
        self.disperso = self.disperso || defaults.disperso;
        if !self.disperso {
            self.classe = self.classe.or(defaults.classe);
            self.sezione = self.sezione.or_else(|| defaults.sezione.clone());
        }
        self.titolo_studio = self.titolo_studio.or(defaults.titolo_studio);
        self.condizione_occupazionale = self
            .condizione_occupazionale
            .or(defaults.condizione_occupazionale);
        self.condizione_abitativa = self.condizione_abitativa.or(defaults.condizione_abitativa);
        // Stored resolved: an enrolment always says yes or no (DES-07).
        self.disabilita = Some(self.disabilita.or(defaults.disabilita).unwrap_or(false));
        self
    }

    /// The fields still missing before an incontro can close (INC-05), by Italian name.
    /// Classe and sezione are asked only of school pupils (`alunno`): not of
    /// dispersi, university students or adults [000 §8, §9.3].
    pub fn missing(&self, alunno: bool) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if alunno && !self.disperso {
            if self.classe.is_none() {
                missing.push("classe");
            }
            if self.sezione.as_deref().is_none_or(|s| s.trim().is_empty()) {
                missing.push("sezione");
            }
        }
        if self.titolo_studio.is_none() {
            missing.push("titolo di studio");
        }
        if self.condizione_occupazionale.is_none() {
            missing.push("condizione occupazionale");
        }
        if self.condizione_abitativa.is_none() {
            missing.push("condizione abitativa");
        }
        missing
    }
}

/// Reads a classe written the ways schools write it: `2`, `II`, `2ª`, `2°`,
/// `seconda`, `2A` (the letter is the sezione and is ignored here). Returns the
/// number when it is 1–5 (DES-04).
pub fn parse_classe(text: &str) -> Option<u8> {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(['ª', 'º', '°', '^', '.']);
    if t.is_empty() {
        return None;
    }
    let words = [
        ("prima", 1),
        ("seconda", 2),
        ("terza", 3),
        ("quarta", 4),
        ("quinta", 5),
        ("primo", 1),
        ("secondo", 2),
        ("terzo", 3),
        ("quarto", 4),
        ("quinto", 5),
    ];
    if let Some((_, n)) = words.iter().find(|(w, _)| *w == t) {
        return Some(*n);
    }
    let roman = [("i", 1), ("ii", 2), ("iii", 3), ("iv", 4), ("v", 5)];
    if let Some((_, n)) = roman.iter().find(|(r, _)| *r == t) {
        return Some(*n);
    }
    // "2", "2a" (classe and sezione together), "2.0" from a spreadsheet number.
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &t[digits.len()..];
    let n: u8 = digits.parse().ok()?;
    let rest_ok = rest.is_empty()
        || rest == ".0"
        || (rest.chars().all(|c| c.is_alphabetic()) && rest.chars().count() <= 2);
    (rest_ok && (1..=5).contains(&n)).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Vocabolario;

    #[test]
    fn classe_in_the_forms_schools_write() {
        for (text, n) in [
            ("2", 2),
            ("II", 2),
            ("2ª", 2),
            ("2°", 2),
            ("seconda", 2),
            (" Terza ", 3),
            ("V", 5),
            ("4A", 4),
            ("1.0", 1),
        ] {
            assert_eq!(parse_classe(text), Some(n), "{text}");
        }
        for text in ["", "6", "0", "VI", "sesta", "due classi", "12"] {
            assert_eq!(parse_classe(text), None, "{text}");
        }
    }

    #[test]
    fn defaults_fill_only_empty_fields_and_skip_classe_for_dispersi() {
        let defaults = DatiPeculiari {
            classe: Some(3),
            sezione: Some("B".into()),
            titolo_studio: Some(TitoloStudio::LicenzaElementare),
            ..Default::default()
        };
        let own = DatiPeculiari {
            sezione: Some("A".into()),
            ..Default::default()
        };
        let merged = own.with_defaults(&defaults);
        assert_eq!(merged.classe, Some(3));
        assert_eq!(merged.sezione.as_deref(), Some("A"));
        let disperso = DatiPeculiari {
            disperso: true,
            ..Default::default()
        }
        .with_defaults(&defaults);
        assert_eq!(disperso.classe, None);
        assert_eq!(
            disperso.missing(true),
            vec!["condizione occupazionale", "condizione abitativa"]
        );
    }

    #[test]
    fn vocabularies_parse_codes_and_labels() {
        assert_eq!(
            TitoloStudio::parse("licenza media (isced 2)"),
            Some(TitoloStudio::LicenzaMedia)
        );
        // What schools write (issue: 9,983 rows refused for these).
        assert_eq!(
            CondizioneAbitativa::parse("Nessun disagio"),
            Some(CondizioneAbitativa::NessunDisagio)
        );
        assert_eq!(
            TitoloStudio::parse("Licenza media"),
            Some(TitoloStudio::LicenzaMedia)
        );
        assert_eq!(
            TitoloStudio::parse("LICENZA MEDIA"),
            Some(TitoloStudio::LicenzaMedia)
        );
        assert_eq!(TitoloStudio::parse("Diploma"), Some(TitoloStudio::Diploma));
        assert_eq!(TitoloStudio::parse("Laurea"), Some(TitoloStudio::Terziario));
        assert_eq!(
            TitoloStudio::parse("ISCED 2"),
            Some(TitoloStudio::LicenzaMedia)
        );
        assert_eq!(
            CondizioneOccupazionale::parse("Disoccupata"),
            Some(CondizioneOccupazionale::Disoccupato)
        );
        assert_eq!(
            CondizioneAbitativa::parse("senza dimora"),
            Some(CondizioneAbitativa::EsclusioneAbitativa)
        );
        // Ambiguous or unknown: no guess.
        assert_eq!(TitoloStudio::parse("Licenza"), None);
        assert_eq!(TitoloStudio::parse("ISCED 3"), None);
        assert_eq!(TitoloStudio::parse("boh"), None);
        assert_eq!(TitoloStudio::parse(""), None);
        assert_eq!(
            TitoloStudio::parse("licenza media (isced 2)"),
            Some(TitoloStudio::LicenzaMedia)
        );
        assert_eq!(
            CondizioneOccupazionale::parse("studente"),
            Some(CondizioneOccupazionale::Studente)
        );
        assert_eq!(
            CondizioneAbitativa::from_code("nessun_disagio"),
            Some(CondizioneAbitativa::NessunDisagio)
        );
    }
}
