//! The exchange file. Three parts:
//!
//! ```text
//! SPORTELLO-SCAMBIO\n          magic line
//! {"formato":…}\n              clear header, one line of JSON (Intestazione)
//! <128 hex digits>\n           Ed25519 signature of the header line's bytes
//! <age file>                   the records: JSON, deflated, encrypted with age
//! ```
//!
//! The header says who wrote the file and what it carries, and holds the
//! length and SHA-256 of the encrypted part, so one signature covers all:
//! a changed header breaks the signature, a changed or cut payload breaks
//! the checksum (and age's own MAC). Everything after the header is
//! encrypted, since it holds minors' personal data and disability (§8).

use crate::error::{Error, Result};
use crate::store::scambio::voci::{Colonne, Contenuto};
use age::x25519;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use flate2::Compression;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

const MAGIC: &[u8] = b"SPORTELLO-SCAMBIO\n";
pub const FORMATO: &str = "sportello-scambio";
pub const VERSIONE: u32 = 1;

/// The clear, signed header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Intestazione {
    pub formato: String,
    pub versione: u32,
    /// The desk's installation id.
    pub sportello: String,
    /// The desk's Ed25519 public key (hex) that signed this header.
    pub chiave_pubblica: String,
    pub ente_attuatore_id: Option<String>,
    pub ente_nome: Option<String>,
    /// The destination's name at the desk, and the age recipient it is encrypted to.
    pub destinazione: String,
    pub destinatario: String,
    /// Everything (true) or only what changed since the last export (false).
    pub completo: bool,
    /// The desk's change_log seqs it covers: (seq_da, seq_a].
    pub seq_da: i64,
    pub seq_a: i64,
    /// Records carried, and of them deletions.
    pub voci: usize,
    pub cancellazioni: usize,
    pub creato_il: String,
    /// Length and SHA-256 (hex) of the encrypted part.
    pub lunghezza: u64,
    pub sha256: String,
}

/// One record in the file: its whole content, or None for a deletion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoceScambio {
    pub tipo: String,
    pub id: String,
    /// The desk's change_log seq of the record's last change (its version there).
    pub seq: i64,
    #[serde(default)]
    pub contenuto: Option<Contenuto>,
}

/// What is encrypted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Carico {
    pub colonne: Colonne,
    pub voci: Vec<VoceScambio>,
}

fn refuse(why: &str) -> Error {
    Error::rifiutato(format!(
        "File di scambio rifiutato: {why} Non è stato importato nulla."
    ))
}

/// Encrypts the records for the office and signs the header (which gets the
/// length and checksum of the encrypted part). Returns the file's bytes.
pub fn scrivi(
    mut h: Intestazione,
    carico: &Carico,
    firma: &SigningKey,
    ufficio: &x25519::Recipient,
) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(carico)?;
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
    deflate.write_all(&json).map_err(io)?;
    let compressed = deflate.finish().map_err(io)?;
    drop(json);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(ufficio as &dyn age::Recipient))
            .map_err(|_| Error::dati("Cifratura del file di scambio non riuscita: controlla la chiave dell'ufficio regionale."))?;
    let mut cipher = Vec::with_capacity(compressed.len() + 1024);
    let mut w = encryptor.wrap_output(&mut cipher).map_err(io)?;
    w.write_all(&compressed).map_err(io)?;
    w.finish().map_err(io)?;
    h.lunghezza = cipher.len() as u64;
    h.sha256 = hex::encode(Sha256::digest(&cipher));
    let header = serde_json::to_vec(&h)?;
    let sig = firma.sign(&header);
    let mut out = Vec::with_capacity(cipher.len() + header.len() + 256);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&header);
    out.push(b'\n');
    out.extend_from_slice(hex::encode(sig.to_bytes()).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&cipher);
    Ok(out)
}

fn io(e: std::io::Error) -> Error {
    Error::dati(format!(
        "Scrittura del file di scambio non riuscita: {}.",
        crate::error::io_it(&e)
    ))
}

/// A file whose header is read and whose signature and checksum hold; the
/// payload is still encrypted.
pub struct FileVerificato<'a> {
    pub intestazione: Intestazione,
    cipher: &'a [u8],
}

/// Reads the header and checks the signature, the length and the checksum.
/// Whether the signing key is the one known for this desk is the caller's
/// check (it needs the database).
pub fn verifica(bytes: &[u8]) -> Result<FileVerificato<'_>> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| refuse("non è un file di scambio di Sportello."))?;
    let (header, rest) =
        split_line(rest).ok_or_else(|| refuse("il file è troncato (manca l'intestazione)."))?;
    let (sig, cipher) =
        split_line(rest).ok_or_else(|| refuse("il file è troncato (manca la firma)."))?;
    let h: Intestazione = serde_json::from_slice(header)
        .map_err(|_| refuse("l'intestazione è illeggibile: il file è stato alterato."))?;
    if h.formato != FORMATO || h.versione != VERSIONE {
        return Err(refuse(&format!(
            "formato «{} {}» sconosciuto a questa versione di Sportello (conosce «{FORMATO} {VERSIONE}»).",
            h.formato, h.versione
        )));
    }
    let key: [u8; 32] = hex::decode(&h.chiave_pubblica)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| refuse("la chiave pubblica dell'intestazione è illeggibile."))?;
    let key = VerifyingKey::from_bytes(&key)
        .map_err(|_| refuse("la chiave pubblica dell'intestazione non è valida."))?;
    let sig: [u8; 64] = std::str::from_utf8(sig)
        .ok()
        .and_then(|s| hex::decode(s).ok())
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| refuse("la firma è illeggibile: il file è stato alterato."))?;
    key.verify(header, &Signature::from_bytes(&sig)).map_err(|_| {
        refuse("la firma dell'intestazione non corrisponde: il file è stato alterato dopo l'esportazione.")
    })?;
    if cipher.len() as u64 != h.lunghezza {
        return Err(refuse(&format!(
            "il contenuto è lungo {} byte invece di {}: il file è troncato o alterato.",
            cipher.len(),
            h.lunghezza
        )));
    }
    if hex::encode(Sha256::digest(cipher)) != h.sha256 {
        return Err(refuse(
            "il contenuto non corrisponde all'impronta firmata: il file è stato alterato.",
        ));
    }
    Ok(FileVerificato {
        intestazione: h,
        cipher,
    })
}

fn split_line(b: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = b.iter().position(|&c| c == b'\n')?;
    Some((&b[..i], &b[i + 1..]))
}

impl FileVerificato<'_> {
    /// Decrypts with the office's identity and reads the records.
    pub fn apri(&self, identita: &x25519::Identity) -> Result<Carico> {
        if self.intestazione.destinatario != identita.to_public().to_string() {
            return Err(refuse(&format!(
                "è cifrato per un altro ufficio (chiave {}), non per questo.",
                self.intestazione.destinatario
            )));
        }
        let decryptor = age::Decryptor::new_buffered(self.cipher)
            .map_err(|_| refuse("il contenuto cifrato è illeggibile: il file è stato alterato."))?;
        let reader = decryptor
            .decrypt(std::iter::once(identita as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => refuse("è cifrato per un altro ufficio."),
                _ => refuse("la decifratura non è riuscita (controllo di integrità fallito): il file è stato alterato."),
            })?;
        let mut json = Vec::new();
        flate2::read::DeflateDecoder::new(reader)
            .read_to_end(&mut json)
            .map_err(|_| refuse("il contenuto cifrato non è integro: il file è stato alterato."))?;
        serde_json::from_slice(&json).map_err(|_| refuse("il contenuto è illeggibile."))
    }
}
