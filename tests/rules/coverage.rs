use sportello::rules::{Kind, RULES};

const SOURCES: &[&str] = &[
    include_str!("destinatario.rs"),
    include_str!("incontro.rs"),
    include_str!("intervento.rs"),
    include_str!("modello.rs"),
    include_str!("scadenze.rs"),
    include_str!("servizio.rs"),
];

#[test]
fn every_rule_has_a_test_that_fires_it_and_one_that_passes() {
    let has = |name: &str| SOURCES.iter().any(|s| s.contains(&format!("fn {name}()")));
    let mut missing = Vec::new();
    for rule in RULES {
        let base = rule.code.to_lowercase().replace('-', "_");
        let wanted: &[&str] = if rule.kind == Kind::Nota {
            &["applies"]
        } else {
            &["fires", "passes"]
        };
        for suffix in wanted {
            let name = format!("{base}_{suffix}");
            if !has(&name) {
                missing.push(name);
            }
        }
    }
    assert!(missing.is_empty(), "rule tests missing: {missing:?}");
}
