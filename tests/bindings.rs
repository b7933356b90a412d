//! The TypeScript bindings in `ui/src/bindings/` are generated from the Rust
//! types of the command surface; this test fails when they drift.
//! `UPDATE_BINDINGS=1 cargo test --features ts --test bindings` rewrites them.
#![cfg(feature = "ts")]

use std::collections::BTreeMap;
use std::path::Path;

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn bindings_are_in_step_with_the_rust_types() {
    let fresh = tempfile::tempdir().unwrap();
    let cfg = ts_rs::Config::new()
        .with_out_dir(fresh.path())
        .with_large_int("number");
    sportello::commands::typescript(&cfg).unwrap();
    let generated = read_dir(fresh.path());
    assert!(generated.contains_key("operazioni.ts"));

    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
    }
    let committed = read_dir(&committed_dir);
    let stale: Vec<_> = committed
        .keys()
        .filter(|k| generated.get(*k) != committed.get(*k))
        .chain(generated.keys().filter(|k| !committed.contains_key(*k)))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of step with the Rust types ({stale:?}); \
         run UPDATE_BINDINGS=1 cargo test --features ts --test bindings"
    );
}
