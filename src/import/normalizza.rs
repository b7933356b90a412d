//! Turning what schools type into Sportello's values: dates, sex, yes/no, classe
//! and "Cognome e nome" in one cell. Each returns None when it cannot tell.

use crate::codice_fiscale::Sesso;
use chrono::NaiveDate;

/// An Excel serial day number (1900 system) as a date.
pub fn data_da_seriale(serial: f64) -> Option<NaiveDate> {
    // Excel counts from 1899-12-30, having believed 1900 a leap year.
    let days = serial.floor() as i64;
    (1..=2_958_465).contains(&days).then(|| {
        NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch") + chrono::Duration::days(days)
    })
}

/// `15/04/2012`, `15-4-12`, `15.04.2012`, `2012-04-15`, or an Excel serial (`41014`).
pub fn data(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // A date-time from a spreadsheet: keep the date.
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    if !t.is_empty() && t.len() <= 6 && t.chars().all(|c| c.is_ascii_digit()) {
        return data_da_seriale(t.parse().ok()?);
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [g, m, a] = parts[..] else { return None };
    let (g, m, a_num): (u32, u32, i32) = (g.parse().ok()?, m.parse().ok()?, a.parse().ok()?);
    // Two-digit years: participants are born in this century or the last.
    let a = match (a_num, a.trim().len()) {
        (a, 2) if a <= 30 => 2000 + a,
        (a, 2) => 1900 + a,
        (a, 4) => a,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(a, m, g)
}

pub fn sesso(text: &str) -> Option<Sesso> {
    match text.trim().to_lowercase().as_str() {
        "m" | "maschio" | "maschile" | "uomo" | "ragazzo" => Some(Sesso::M),
        "f" | "femmina" | "femminile" | "donna" | "ragazza" => Some(Sesso::F),
        _ => None,
    }
}

/// Yes/no as schools write it; empty is no (DES-07).
pub fn si_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "0" | "false" | "falso" | "-" => Some(false),
        "sì" | "si" | "s" | "x" | "1" | "true" | "vero" | "yes" => Some(true),
        _ => None,
    }
}

/// A classe and, when written together (`3A`, `3^ B`, `III C`), its sezione.
pub fn classe_sezione(text: &str) -> (Option<u8>, Option<String>) {
    let t = text.trim();
    if let Some(c) = crate::domain::dati_peculiari::parse_classe(t) {
        let sezione: String = t
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['ª', 'º', '°', '^', '.', ' '])
            .to_string();
        let sezione = (t.starts_with(|c: char| c.is_ascii_digit())
            && sezione.chars().count() <= 2
            && sezione.chars().all(char::is_alphabetic)
            && !sezione.is_empty())
        .then(|| sezione.to_uppercase());
        return (Some(c), sezione);
    }
    // "III C", "2 A": classe then a separate letter.
    if let Some((c, s)) = t.rsplit_once([' ', '^', '-'])
        && let Some(n) = crate::domain::dati_peculiari::parse_classe(c)
        && (1..=2).contains(&s.trim().chars().count())
        && s.trim().chars().all(char::is_alphabetic)
    {
        return (Some(n), Some(s.trim().to_uppercase()));
    }
    (None, None)
}

/// Splits "Cognome Nome" when it is unambiguous: exactly two words, or the
/// surname in capitals followed by the name in mixed case ("DE LUCA Maria Rosa").
pub fn cognome_nome(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == 2 {
        return Some((words[0].to_string(), words[1].to_string()));
    }
    let is_upper =
        |w: &str| w.chars().any(char::is_alphabetic) && w.chars().all(|c| !c.is_lowercase());
    let n_upper = words.iter().take_while(|w| is_upper(w)).count();
    (words.len() > 2
        && n_upper > 0
        && n_upper < words.len()
        && !words[n_upper..].iter().any(|w| is_upper(w)))
    .then(|| (words[..n_upper].join(" "), words[n_upper..].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, g: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, g).unwrap()
    }

    #[test]
    fn dates_in_the_forms_schools_use() {
        for t in [
            "15/04/2012",
            "15-4-2012",
            "15.04.2012",
            "2012-04-15",
            "15/04/12",
            "41014",
            "2012-04-15 00:00:00",
        ] {
            assert_eq!(data(t), Some(d(2012, 4, 15)), "{t}");
        }
        assert_eq!(data("31/02/2012"), None);
        assert_eq!(data("ieri"), None);
        assert_eq!(data(""), None);
    }

    #[test]
    fn classe_and_sezione_together() {
        assert_eq!(classe_sezione("3A"), (Some(3), Some("A".into())));
        assert_eq!(classe_sezione("3^ B"), (Some(3), Some("B".into())));
        assert_eq!(classe_sezione("III C"), (Some(3), Some("C".into())));
        assert_eq!(classe_sezione("seconda"), (Some(2), None));
        assert_eq!(classe_sezione("2ª"), (Some(2), None));
        assert_eq!(classe_sezione("7"), (None, None));
        assert_eq!(classe_sezione("IV"), (Some(4), None));
    }

    #[test]
    fn names_split_only_when_unambiguous() {
        assert_eq!(
            cognome_nome("Rossi Anna"),
            Some(("Rossi".into(), "Anna".into()))
        );
        assert_eq!(
            cognome_nome("DE LUCA Maria Rosa"),
            Some(("DE LUCA".into(), "Maria Rosa".into()))
        );
        assert_eq!(cognome_nome("De Luca Maria Rosa"), None);
        assert_eq!(cognome_nome("Anna"), None);
    }

    proptest! {
        #[test]
        fn any_date_round_trips_through_its_written_forms(days in 0i64..40_000) {
            let date = d(1930, 1, 1) + chrono::Duration::days(days);
            prop_assert_eq!(data(&date.format("%d/%m/%Y").to_string()), Some(date));
            prop_assert_eq!(data(&date.format("%-d-%-m-%Y").to_string()), Some(date));
            prop_assert_eq!(data(&date.format("%Y-%m-%d").to_string()), Some(date));
            let serial = (date - d(1899, 12, 30)).num_days();
            prop_assert_eq!(data(&serial.to_string()), Some(date));
        }

        #[test]
        fn classe_forms_agree(n in 1u8..=5, sez in "[A-H]") {
            let roman = ["I", "II", "III", "IV", "V"][n as usize - 1];
            let word = ["prima", "seconda", "terza", "quarta", "quinta"][n as usize - 1];
            for t in [n.to_string(), format!("{n}ª"), roman.to_string(), word.to_string(), word.to_uppercase()] {
                prop_assert_eq!(classe_sezione(&t).0, Some(n), "{}", t);
            }
            prop_assert_eq!(classe_sezione(&format!("{n}{sez}")), (Some(n), Some(sez.clone())));
        }

        #[test]
        fn nonsense_is_never_a_date_or_classe(t in "[a-z]{3,10}") {
            prop_assert_eq!(data(&t), None);
            prop_assume!(!["prima", "seconda", "terza", "quarta", "quinta", "primo", "secondo", "terzo", "quarto", "quinto"].contains(&t.as_str()));
            prop_assume!(!t.chars().all(|c| "iv".contains(c)));
            prop_assert_eq!(classe_sezione(&t).0, None);
        }
    }
}
