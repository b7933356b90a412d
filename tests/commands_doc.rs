//! docs/commands.md lists every operation of the command surface; this keeps it in step.

#[test]
fn docs_commands_md_is_in_step_with_the_surface() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/commands.md");
    let expected = sportello::commands::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/commands.md is stale: run UPDATE_DOCS=1 cargo test --test commands_doc"
    );
}

#[test]
fn every_operation_is_reachable_by_name() {
    let store = sportello::Store::open_in_memory().unwrap();
    let ctx = sportello::Ctx::new(
        sportello::Source::Cli,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    for op in sportello::OPERATIONS {
        // An empty input is refused as bad data or runs; never "unknown operation".
        if let Err(e) = sportello::dispatch(&store, &ctx, op.name, serde_json::json!({})) {
            assert!(!e.to_string().contains("sconosciuta"), "{}: {e}", op.name);
        }
    }
    let e = sportello::dispatch(&store, &ctx, "nessuna", serde_json::json!({})).unwrap_err();
    assert_eq!(e.code(), "DATI");
}
