//! The encrypted part of an exchange file, past the signature the fuzzer
//! cannot forge: the input becomes the payload of a correctly signed file
//! encrypted to a fixed office identity, then `verifica` and `apri` read it
//! (age decryption, inflate, the records' JSON).
//!
//! First byte, bit 0: 1 = the rest is deflated here first (so the records'
//! JSON is fuzzed), 0 = the rest is the deflate stream itself.
#![no_main]

use age::x25519;
use ed25519_dalek::{Signer, SigningKey};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use sportello::scambio::formato::{self, Intestazione};
use std::io::Write;

thread_local! {
    static CHIAVI: (SigningKey, x25519::Identity) =
        (SigningKey::from_bytes(&[7u8; 32]), x25519::Identity::generate());
}

fn file(firma: &SigningKey, ufficio: &x25519::Recipient, carico: &[u8]) -> Vec<u8> {
    let enc = age::Encryptor::with_recipients(std::iter::once(ufficio as &dyn age::Recipient))
        .expect("encryptor");
    let mut cipher = Vec::new();
    let mut w = enc.wrap_output(&mut cipher).expect("age");
    w.write_all(carico).expect("age");
    w.finish().expect("age");
    let h = Intestazione {
        formato: formato::FORMATO.into(),
        versione: formato::VERSIONE,
        sportello: "fuzz".into(),
        chiave_pubblica: hex::encode(firma.verifying_key().to_bytes()),
        ente_attuatore_id: None,
        ente_nome: None,
        destinazione: "ufficio-regionale".into(),
        destinatario: ufficio.to_string(),
        completo: true,
        seq_da: 0,
        seq_a: 1,
        voci: 0,
        cancellazioni: 0,
        creato_il: "2026-01-20T00:00:00Z".into(),
        lunghezza: cipher.len() as u64,
        sha256: hex::encode(Sha256::digest(&cipher)),
    };
    let header = serde_json::to_vec(&h).expect("header");
    let sig = firma.sign(&header);
    let mut out = b"SPORTELLO-SCAMBIO\n".to_vec();
    out.extend_from_slice(&header);
    out.push(b'\n');
    out.extend_from_slice(hex::encode(sig.to_bytes()).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&cipher);
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&modo, resto)) = data.split_first() else {
        return;
    };
    CHIAVI.with(|(firma, identita)| {
        let carico = if modo & 1 == 1 {
            let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            d.write_all(resto).expect("deflate");
            d.finish().expect("deflate")
        } else {
            resto.to_vec()
        };
        let bytes = file(firma, &identita.to_public(), &carico);
        let f = formato::verifica(&bytes).expect("a file signed here verifies");
        if let Ok(c) = f.apri(identita) {
            std::hint::black_box(c.voci.len());
        }
    });
});
