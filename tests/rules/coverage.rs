use sportello::rules::{Kind, RULES};

const SOURCES: &[&str] = &[
    include_str!("destinatario.rs"),
    include_str!("incontro.rs"),
    include_str!("intervento.rs"),
    include_str!("modello.rs"),
    include_str!("scadenze.rs"),
    include_str!("servizio.rs"),
];

/// The body of the test `fn name()`, up to the next item at column 0.
fn body(name: &str) -> Option<&'static str> {
    let head = format!("fn {name}()");
    SOURCES.iter().find_map(|s| {
        let start = s.find(&head)?;
        let rest = &s[start + head.len()..];
        let end = rest.find("\n}").map_or(rest.len(), |e| e + 2);
        Some(&rest[..end])
    })
}

#[test]
fn every_rule_has_a_test_that_fires_it_and_one_that_passes() {
    let mut missing = Vec::new();
    let mut not_asserted = Vec::new();
    for rule in RULES {
        let base = rule.code.as_str().to_lowercase().replace('-', "_");
        let wanted: &[&str] = if rule.kind == Kind::Nota {
            &["applies"]
        } else {
            &["fires", "passes"]
        };
        for suffix in wanted {
            let name = format!("{base}_{suffix}");
            match body(&name) {
                None => missing.push(name),
                // A firing test names the code it expects, so it cannot pass on another rule's finding.
                Some(b)
                    if *suffix == "fires"
                        && !b.contains(&format!("\"{}\"", rule.code))
                        && !b.contains(&format!("Code::{:?}", rule.code)) =>
                {
                    not_asserted.push(name)
                }
                Some(_) => {}
            }
        }
    }
    assert!(missing.is_empty(), "rule tests missing: {missing:?}");
    assert!(
        not_asserted.is_empty(),
        "these tests do not assert their own code: {not_asserted:?}"
    );
}

#[test]
fn passing_tests_are_not_copies_of_one_another() {
    let mut seen = std::collections::HashMap::new();
    for rule in RULES.iter().filter(|r| r.kind != Kind::Nota) {
        let name = format!(
            "{}_passes",
            rule.code.as_str().to_lowercase().replace('-', "_")
        );
        if let Some(b) = body(&name)
            && let Some(other) = seen.insert(b.trim().to_string(), name.clone())
        {
            panic!("{name} has the same body as {other}: test what this rule allows");
        }
    }
}

#[test]
fn docs_regole_md_is_in_step_with_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/regole.md");
    let expected = sportello::rules::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/regole.md is stale: run UPDATE_DOCS=1 cargo test --test rules"
    );
    assert_eq!(
        expected
            .lines()
            .filter(|l| l.starts_with("| ") && l.as_bytes().get(5) == Some(&b'-'))
            .count(),
        51
    );
}
