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
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

mod lettura;

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

pub(super) fn refuse(why: &str) -> Error {
    Error::rifiutato(format!(
        "File di scambio rifiutato: {why} Non è stato importato nulla."
    ))
}

/// The records being written, one at a time, as the JSON of a [`Carico`]
/// deflated and encrypted for the office into `cifrato` (a temporary file
/// beside the target): memory holds one record however many there are.
pub struct Scrittore {
    /// Buffered: serde writes a record in many small pieces, each a call
    /// into the compressor otherwise.
    json: BufWriter<
        flate2::write::DeflateEncoder<age::stream::StreamWriter<Impronta<BufWriter<File>>>>,
    >,
    pub voci: usize,
    pub cancellazioni: usize,
}

impl Scrittore {
    pub fn nuovo(cifrato: File, ufficio: &x25519::Recipient, colonne: &Colonne) -> Result<Self> {
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(ufficio as &dyn age::Recipient))
                .map_err(|_| Error::dati("Cifratura del file di scambio non riuscita: controlla la chiave dell'ufficio regionale."))?;
        let cifra = encryptor
            .wrap_output(Impronta::new(BufWriter::new(cifrato)))
            .map_err(io)?;
        let mut json = BufWriter::with_capacity(
            1 << 16,
            flate2::write::DeflateEncoder::new(cifra, Compression::fast()),
        );
        // The same bytes serde writes for a `Carico`, its list left open.
        json.write_all(b"{\"colonne\":").map_err(io)?;
        serde_json::to_writer(&mut json, colonne)?;
        json.write_all(b",\"voci\":[").map_err(io)?;
        Ok(Scrittore {
            json,
            voci: 0,
            cancellazioni: 0,
        })
    }

    pub fn voce(&mut self, v: &VoceScambio) -> Result<()> {
        if self.voci > 0 {
            self.json.write_all(b",").map_err(io)?;
        }
        serde_json::to_writer(&mut self.json, v)?;
        self.voci += 1;
        self.cancellazioni += usize::from(v.contenuto.is_none());
        Ok(())
    }

    /// Closes the list and the encryption; `h` gets the records' counts and
    /// the encrypted part's length and checksum.
    fn finisci(mut self, h: &mut Intestazione) -> Result<File> {
        self.json.write_all(b"]}").map_err(io)?;
        let deflate = self.json.into_inner().map_err(|e| io(e.into_error()))?;
        let cifrato = deflate.finish().map_err(io)?.finish().map_err(io)?;
        h.voci = self.voci;
        h.cancellazioni = self.cancellazioni;
        h.lunghezza = cifrato.lunghezza;
        h.sha256 = hex::encode(cifrato.sha.finalize());
        let mut file = cifrato.file.into_inner().map_err(|e| io(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        Ok(file)
    }
}

/// The encrypted part on its way to `file`, measured and hashed as it goes.
struct Impronta<W> {
    file: W,
    lunghezza: u64,
    sha: Sha256,
}

impl<W: Write> Impronta<W> {
    fn new(file: W) -> Self {
        Impronta {
            file,
            lunghezza: 0,
            sha: Sha256::new(),
        }
    }
}

impl<W: Write> Write for Impronta<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.sha.update(&buf[..n]);
        self.lunghezza += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Signs the header `h` (completed from the records written) and writes the
/// whole file to `out`: magic line, header, signature, encrypted part.
pub fn scrivi(
    out: &mut impl Write,
    mut h: Intestazione,
    record: Scrittore,
    firma: &SigningKey,
) -> Result<Intestazione> {
    let mut cifrato = record.finisci(&mut h)?;
    let header = serde_json::to_vec(&h)?;
    let sig = firma.sign(&header);
    out.write_all(MAGIC).map_err(io)?;
    out.write_all(&header).map_err(io)?;
    out.write_all(b"\n").map_err(io)?;
    out.write_all(hex::encode(sig.to_bytes()).as_bytes())
        .map_err(io)?;
    out.write_all(b"\n").map_err(io)?;
    std::io::copy(&mut cifrato, out).map_err(io)?;
    Ok(h)
}

fn io(e: std::io::Error) -> Error {
    Error::dati(format!(
        "Scrittura del file di scambio non riuscita: {}.",
        crate::error::io_it(&e)
    ))
}

/// A file whose header is read and whose signature and checksum hold; the
/// payload is still encrypted.
pub struct FileVerificato {
    pub intestazione: Intestazione,
    file: File,
    /// Where the encrypted part begins.
    inizio: u64,
}

/// What reads the records of a file as they are decrypted, one at a time:
/// first the columns, then each record.
pub trait Destinazione {
    fn colonne(&mut self, colonne: Colonne) -> Result<()>;
    fn voce(&mut self, voce: VoceScambio) -> Result<()>;
}

/// The longest clear header read (it is a few hundred bytes).
const INTESTAZIONE_MAX: u64 = 64 * 1024;

/// Reads the header and checks the signature, the length and the checksum,
/// reading the encrypted part once without keeping it. Whether the signing
/// key is the one known for this desk is the caller's check (it needs the
/// database).
pub fn verifica(percorso: &Path) -> Result<FileVerificato> {
    let file = File::open(percorso).map_err(|e| non_leggo(percorso, e))?;
    let mut r = BufReader::new(file);
    let mut magic = [0u8; MAGIC.len()];
    if r.read_exact(&mut magic).is_err() || magic != MAGIC {
        return Err(refuse("non è un file di scambio di Sportello."));
    }
    let header = riga(&mut r, INTESTAZIONE_MAX)?
        .ok_or_else(|| refuse("il file è troncato (manca l'intestazione)."))?;
    let sig = riga(&mut r, 256)?.ok_or_else(|| refuse("il file è troncato (manca la firma)."))?;
    let h = intestazione_firmata(&header, &sig)?;
    let mut impronta = Impronta::new(std::io::sink());
    let lunghezza = std::io::copy(&mut r, &mut impronta).map_err(|e| non_leggo(percorso, e))?;
    if lunghezza != h.lunghezza {
        return Err(refuse(&format!(
            "il contenuto è lungo {lunghezza} byte invece di {}: il file è troncato o alterato.",
            h.lunghezza
        )));
    }
    if hex::encode(impronta.sha.finalize()) != h.sha256 {
        return Err(refuse(
            "il contenuto non corrisponde all'impronta firmata: il file è stato alterato.",
        ));
    }
    Ok(FileVerificato {
        intestazione: h,
        file: r.into_inner(),
        inizio: (MAGIC.len() + header.len() + sig.len() + 2) as u64,
    })
}

/// The header, once its signature holds.
fn intestazione_firmata(header: &[u8], sig: &[u8]) -> Result<Intestazione> {
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
    Ok(h)
}

/// One line of at most `max` bytes, without its newline; None when the file
/// ends first or the line is longer.
fn riga(r: &mut impl BufRead, max: u64) -> Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(max)
        .read_until(b'\n', &mut buf)
        .map_err(|_| refuse("il file è illeggibile."))?;
    Ok(buf.pop().filter(|&c| c == b'\n').map(|_| buf))
}

fn non_leggo(percorso: &Path, e: std::io::Error) -> Error {
    Error::dati(format!(
        "Non riesco a leggere {}: {}.",
        percorso.display(),
        crate::error::io_it(&e)
    ))
}

impl FileVerificato {
    /// Decrypts with the office's identity and hands the records to `dest`
    /// as they come; stops at the first error `dest` returns, and returns it.
    pub fn apri(&self, identita: &x25519::Identity, dest: &mut dyn Destinazione) -> Result<()> {
        if self.intestazione.destinatario != identita.to_public().to_string() {
            return Err(refuse(&format!(
                "è cifrato per un altro ufficio (chiave {}), non per questo.",
                self.intestazione.destinatario
            )));
        }
        let mut file = self.file.try_clone().map_err(io)?;
        file.seek(SeekFrom::Start(self.inizio)).map_err(io)?;
        let decryptor = age::Decryptor::new_buffered(BufReader::new(file))
            .map_err(|_| refuse("il contenuto cifrato è illeggibile: il file è stato alterato."))?;
        let reader = decryptor
            .decrypt(std::iter::once(identita as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => refuse("è cifrato per un altro ufficio."),
                _ => refuse("la decifratura non è riuscita (controllo di integrità fallito): il file è stato alterato."),
            })?;
        let json = BufReader::new(flate2::read::DeflateDecoder::new(reader));
        lettura::leggi(json, dest)
    }
}
