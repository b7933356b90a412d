//! The CSV reader of the imports (`leggi_csv`) and its text decoding (`decode`)
//! on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sportello::import::lettura;

fuzz_target!(|data: &[u8]| {
    let text = lettura::decode(data);
    std::hint::black_box(&text);
    let griglia = lettura::leggi_csv(data);
    // Walk the grid the way the importers do.
    let righe = griglia.righe.len();
    let colonne = griglia.righe.iter().map(Vec::len).max().unwrap_or(0);
    for r in 0..righe.min(64) {
        for c in 0..colonne.min(64) + 1 {
            std::hint::black_box(griglia.cella(r, c));
        }
    }
});
