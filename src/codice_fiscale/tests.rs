use super::*;
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_known_code_is_valid_and_read() {
    let info = parse("RSSMRA85T10A562S").unwrap();
    assert_eq!(
        (info.anno, info.mese, info.giorno, info.sesso),
        (85, 12, 10, Sesso::M)
    );
    assert_eq!(info.luogo, "A562");
    assert!(!info.omocodico);
    assert_eq!(
        compute("Rossi", "Mario", Sesso::M, date(1985, 12, 10), "A562"),
        "RSSMRA85T10A562S"
    );
}

#[test]
fn spaces_and_lowercase_are_tolerated() {
    assert!(parse(" rssmra 85t10 a562s ").is_ok());
}

#[test]
fn a_wrong_check_character_is_named() {
    assert_eq!(
        parse("RSSMRA85T10A562T"),
        Err(CfError::Controllo {
            atteso: 'S',
            trovato: 'T'
        })
    );
    assert!(
        parse("RSSMRA85T10A562T")
            .unwrap_err()
            .message_it()
            .contains("dovrebbe essere S")
    );
}

#[test]
fn malformed_codes_are_refused_with_the_reason() {
    assert_eq!(parse(""), Err(CfError::Vuoto));
    assert_eq!(parse("12345678901"), Err(CfError::Numerico));
    assert_eq!(parse("RSSMRA85T10A562"), Err(CfError::Lunghezza(15)));
    assert!(matches!(parse("RSSMRA85Z10A562S"), Err(CfError::Mese('Z'))));
    assert!(matches!(
        parse("RSSMRA85T32A562S"),
        Err(CfError::Giorno(32))
    ));
    assert!(matches!(
        parse("RSSMRA85B30A562S"),
        Err(CfError::Giorno(30))
    ));
    assert!(matches!(
        parse("RSSMRA8AT10A562S"),
        Err(CfError::Carattere { posizione: 8, .. })
    ));
    assert!(matches!(
        parse("R1SMRA85T10A562S"),
        Err(CfError::Carattere { posizione: 2, .. })
    ));
}

#[test]
fn omocodic_codes_are_valid_and_decode_to_the_same_person() {
    let base = compute("Bianchi", "Giulia", Sesso::F, date(2010, 2, 28), "L219");
    for level in 1..=7 {
        let cf = omocode(&base, level);
        let info = parse(&cf).unwrap_or_else(|e| panic!("{cf}: {e}"));
        assert!(info.omocodico);
        assert_eq!(
            (info.anno, info.mese, info.giorno, info.sesso),
            (10, 2, 28, Sesso::F)
        );
        assert_eq!(info.luogo, "L219");
    }
    assert_eq!(&omocode(&base, 1)[14..15], "V"); // 9 → V
}

#[test]
fn names_follow_the_consonant_rules() {
    // Four consonants in the name: 1st, 3rd, 4th. Short surname: padded with X.
    assert!(compute("Fo", "Gianfranco", Sesso::M, date(2009, 1, 1), "A859").starts_with("FOXGFR"));
    assert!(compute("D'Angelò", "Eà", Sesso::M, date(2009, 1, 1), "A859").starts_with("DNGEAX"));
}

#[test]
fn disagreements_name_sex_and_date() {
    let info = parse(&compute(
        "Verdi",
        "Anna",
        Sesso::F,
        date(2011, 5, 3),
        "D094",
    ))
    .unwrap();
    assert!(disagreements(&info, Some(Sesso::F), Some(date(2011, 5, 3))).is_empty());
    let found = disagreements(&info, Some(Sesso::M), Some(date(2011, 5, 4)));
    assert_eq!(found.len(), 2, "{found:?}");
}

proptest! {
    #[test]
    fn computed_codes_parse_back(
        cognome in "[A-Za-z' ]{1,12}",
        nome in "[A-Za-z ]{1,12}",
        female in any::<bool>(),
        days in 0i64..40_000,
        luogo in "[A-Z][0-9]{3}",
        level in 0usize..=7,
    ) {
        let sesso = if female { Sesso::F } else { Sesso::M };
        let nascita = date(1920, 1, 1) + chrono::Duration::days(days);
        let mut cf = compute(&cognome, &nome, sesso, nascita, &luogo);
        if level > 0 { cf = omocode(&cf, level); }
        let info = parse(&cf).unwrap();
        prop_assert!(disagreements(&info, Some(sesso), Some(nascita)).is_empty());
        prop_assert_eq!(info.luogo, luogo);
    }

    #[test]
    fn one_changed_character_is_caught(pos in 0usize..16, c in "[A-Z0-9]") {
        let cf = "RSSMRA85T10A562S";
        let mut b = cf.as_bytes().to_vec();
        let c = c.as_bytes()[0];
        prop_assume!(b[pos] != c);
        b[pos] = c;
        let changed = String::from_utf8(b).unwrap();
        // Position rules plus the check character catch every single substitution,
        // including a digit swapped for an omocodia letter.
        prop_assert!(parse(&changed).is_err(), "{} accepted", changed);
    }
}
