//! The spreadsheet reader of the imports: the bytes are written to `x.xlsx` in
//! a private temporary folder and read with `import::lettura::leggi` (archive
//! measurement, then calamine's cell reader). Errors are fine; panics and
//! aborts are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

thread_local! {
    static DIR: (tempfile::TempDir, PathBuf) = {
        let dir = tempfile::Builder::new().prefix("sportello-fuzz-foglio").tempdir().expect("temp dir");
        let path = dir.path().join("x.xlsx");
        (dir, path)
    };
}

fuzz_target!(|data: &[u8]| {
    DIR.with(|(_, path)| {
        std::fs::write(path, data).expect("write the input");
        match sportello::import::lettura::leggi(path) {
            Ok(g) => {
                if std::env::var_os("SPORTELLO_FUZZ_TRACE").is_some() {
                    eprintln!("[foglio] sheet {:?}, {} rows: {:?}", g.foglio, g.righe.len(), g.righe.first());
                }
                std::hint::black_box((&g.foglio, g.righe.len()));
            }
            Err(e) => {
                if std::env::var_os("SPORTELLO_FUZZ_TRACE").is_some() {
                    eprintln!("[foglio] error: {e}");
                }
            }
        }
    });
});
