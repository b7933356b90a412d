//! `codice_fiscale::parse` and `normalize` on arbitrary UTF-8 text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sportello::codice_fiscale;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let n = codice_fiscale::normalize(s);
    // Normalizing is idempotent and yields ASCII alphanumerics only.
    assert_eq!(codice_fiscale::normalize(&n), n);
    assert!(n.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
    match codice_fiscale::parse(s) {
        Ok(info) => {
            let _ = format!("{info:?}");
        }
        Err(e) => {
            let _ = e.message_it();
        }
    }
    if let Err(e) = codice_fiscale::parse(&n) {
        let _ = e.message_it();
    }
});
