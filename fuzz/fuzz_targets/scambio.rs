//! The exchange-file reader: `scambio::formato::verifica` (magic line, header,
//! signature, length and checksum) on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(f) = sportello::scambio::formato::verifica(data) {
        std::hint::black_box(&f.intestazione);
    }
});
