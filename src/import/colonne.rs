//! The columns of a participants file: what each field is called in Sportello's
//! template, the synonyms schools use, and finding the header row.

use super::lettura::{Griglia, nome_colonna};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Campo {
    CodiceFiscale,
    Cognome,
    Nome,
    /// "Cognome e nome" in one cell, split where unambiguous.
    CognomeNome,
    Sesso,
    DataNascita,
    ComuneNascita,
    StatoEsteroNascita,
    CittaEsteraNascita,
    Cittadinanza,
    Email,
    Telefono,
    Classe,
    Sezione,
    /// "3A" in one cell.
    ClasseSezione,
    TitoloStudio,
    CondizioneOccupazionale,
    Disabilita,
    CondizioneAbitativa,
}

impl Campo {
    /// The columns of Sportello's template, in order: every field but the
    /// combined ones a school may write instead.
    pub fn modello() -> impl Iterator<Item = Campo> {
        Campo::ALL
            .into_iter()
            .filter(|c| !matches!(c, Campo::CognomeNome | Campo::ClasseSezione))
    }

    /// The header Sportello's template writes.
    pub fn intestazione(self) -> &'static str {
        self.sinonimi()[0]
    }

    /// Header texts that mean this field; compared after [`chiave`].
    fn sinonimi(self) -> &'static [&'static str] {
        match self {
            Campo::CodiceFiscale => &["Codice fiscale", "CF", "Cod. fiscale", "Cod fisc", "C.F."],
            Campo::Cognome => &["Cognome", "Cognome alunno", "Cognome studente"],
            Campo::Nome => &["Nome", "Nome alunno", "Nome studente"],
            Campo::CognomeNome => &[
                "Cognome e nome",
                "Cognome nome",
                "Alunno",
                "Studente",
                "Nominativo",
            ],
            Campo::Sesso => &["Sesso", "Genere", "M/F"],
            Campo::DataNascita => &[
                "Data di nascita",
                "Data nascita",
                "Nato il",
                "Nata il",
                "Nascita",
                "Data nas.",
            ],
            Campo::ComuneNascita => &[
                "Comune di nascita",
                "Comune nascita",
                "Luogo di nascita",
                "Luogo nascita",
                "Nato a",
            ],
            Campo::StatoEsteroNascita => &[
                "Stato estero di nascita",
                "Stato di nascita",
                "Paese di nascita",
                "Stato estero",
            ],
            Campo::CittaEsteraNascita => &[
                "Città estera di nascita",
                "Città estera",
                "Citta estera di nascita",
            ],
            Campo::Cittadinanza => &["Cittadinanza", "Nazionalità"],
            Campo::Email => &[
                "E-mail",
                "Email",
                "Mail",
                "Posta elettronica",
                "Indirizzo e-mail",
            ],
            Campo::Telefono => &[
                "Telefono",
                "Tel",
                "Tel.",
                "Cellulare",
                "Cell",
                "Recapito telefonico",
            ],
            Campo::Classe => &["Classe", "Anno di corso", "Anno", "Classe frequentata"],
            Campo::Sezione => &["Sezione", "Sez", "Sez."],
            Campo::ClasseSezione => &["Classe e sezione", "Classe/sezione", "Classe sezione"],
            Campo::TitoloStudio => &["Titolo di studio", "Titolo studio"],
            Campo::CondizioneOccupazionale => {
                &["Condizione occupazionale", "Condizione professionale"]
            }
            Campo::Disabilita => &["Disabilità", "Disabile", "Alunno con disabilità", "L.104"],
            Campo::CondizioneAbitativa => &["Condizione abitativa"],
        }
    }

    const ALL: [Campo; 19] = [
        Campo::CodiceFiscale,
        Campo::Cognome,
        Campo::Nome,
        Campo::CognomeNome,
        Campo::Sesso,
        Campo::DataNascita,
        Campo::ComuneNascita,
        Campo::StatoEsteroNascita,
        Campo::CittaEsteraNascita,
        Campo::Cittadinanza,
        Campo::Email,
        Campo::Telefono,
        Campo::Classe,
        Campo::Sezione,
        Campo::ClasseSezione,
        Campo::TitoloStudio,
        Campo::CondizioneOccupazionale,
        Campo::Disabilita,
        Campo::CondizioneAbitativa,
    ];

    pub fn da_intestazione(text: &str) -> Option<Campo> {
        let k = chiave(text);
        if k.is_empty() {
            return None;
        }
        Campo::ALL
            .into_iter()
            .find(|c| c.sinonimi().iter().any(|s| chiave(s) == k))
    }
}

/// A header reduced to lowercase letters and digits, accents folded.
fn chiave(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(crate::testo::senza_accento)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// One column of the file and what it was read as.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Colonna {
    /// Spreadsheet letter (`C`).
    pub colonna: String,
    pub intestazione: String,
    /// None: ignored (reported to the user).
    pub campo: Option<Campo>,
}

/// The header row (0-based) and its columns: the row among the first 20 that
/// names the most known fields, at least three of them.
pub fn trova_intestazione(g: &Griglia) -> Option<(usize, Vec<Colonna>)> {
    let (riga, n) = g
        .righe
        .iter()
        .take(20)
        .enumerate()
        .map(|(i, r)| {
            (
                i,
                r.iter()
                    .filter(|c| Campo::da_intestazione(c).is_some())
                    .count(),
            )
        })
        .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))?;
    if n < 3 {
        return None;
    }
    let mut visti = Vec::new();
    let colonne = g.righe[riga]
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.trim().is_empty())
        .map(|(i, h)| {
            // A field named twice: the first column wins, the other is ignored.
            let campo = Campo::da_intestazione(h).filter(|c| !visti.contains(c));
            visti.extend(campo);
            Colonna {
                colonna: nome_colonna(i),
                intestazione: h.trim().to_string(),
                campo,
            }
        })
        .collect();
    Some((riga, colonne))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_match_whatever_the_spelling() {
        assert_eq!(
            Campo::da_intestazione("COD. FISCALE"),
            Some(Campo::CodiceFiscale)
        );
        assert_eq!(
            Campo::da_intestazione(" data di nascita "),
            Some(Campo::DataNascita)
        );
        assert_eq!(
            Campo::da_intestazione("Disabilita'"),
            Some(Campo::Disabilita)
        );
        assert_eq!(
            Campo::da_intestazione("Cognome e Nome"),
            Some(Campo::CognomeNome)
        );
        assert_eq!(Campo::da_intestazione("Note"), None);
    }

    #[test]
    fn the_header_is_found_below_a_title() {
        let g = Griglia {
            righe: vec![
                vec!["Elenco alunni classe 3A".into()],
                vec![],
                vec![
                    "N.".into(),
                    "Cognome".into(),
                    "Nome".into(),
                    "C.F.".into(),
                    "Note".into(),
                ],
            ],
            foglio: String::new(),
        };
        let (riga, colonne) = trova_intestazione(&g).unwrap();
        assert_eq!(riga, 2);
        assert_eq!(colonne[3].campo, Some(Campo::CodiceFiscale));
        assert_eq!(colonne[4].campo, None);
    }
}
