use super::*;

#[test]
fn each_code_is_in_the_table_once_well_formed() {
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code.as_str()).collect();
    assert!(codes.iter().all(|c| c.len() == 6
        && c.as_bytes()[3] == b'-'
        && c[..3].chars().all(|ch| ch.is_ascii_uppercase())
        && c[4..].chars().all(|ch| ch.is_ascii_digit())));
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len());
    assert_eq!(RULES.len(), 51, "domain.md §4 has 51 codes");
}

#[test]
fn one_row_per_code_in_order() {
    assert_eq!(RULES.len(), Code::ALL.len());
    for (i, (row, code)) in RULES.iter().zip(Code::ALL).enumerate() {
        assert_eq!(row.code, *code, "row {i}");
        assert_eq!(*code as usize, i);
    }
}
