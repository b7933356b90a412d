//! Key slots: the database is encrypted (SQLCipher) with one random 256-bit
//! key, which is never stored in clear. Beside the database, `NOME.db.chiavi`
//! holds that key wrapped once per user by a key derived from the user's
//! password (argon2id), and once by the recovery code shown at set-up, like
//! the key slots of an encrypted disk. Several orientatori share one database
//! with their own passwords; changing a password rewrites one slot.
//!
//! A slot is XChaCha20-Poly1305 over the key, authenticated with the database's
//! identity and the user's name: a slot moved to another name or another
//! database does not open.

use crate::error::{Error, Result};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use zeroize::{Zeroize, Zeroizing};

/// The database key. Wiped from memory when dropped.
#[derive(Clone)]
pub struct Chiave([u8; 32]);

impl Drop for Chiave {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl Chiave {
    /// A new random key.
    pub fn nuova() -> Result<Chiave> {
        Ok(Chiave(casuali::<32>()?))
    }

    /// SQLCipher's raw-key form, `x'…'`: the key is used as is, without
    /// SQLCipher's own (slow) derivation, since it is already random.
    pub fn pragma(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0)))
    }
}

/// Passwords shorter than this are refused.
pub const PASSWORD_MINIMA: usize = 8;

/// argon2id with 64 MiB and 3 passes (RFC 9106's second recommendation):
/// about a third of a second here, the same for whoever guesses.
const ARGON2_M_KIB: u32 = 64 * 1024;
const ARGON2_T: u32 = 3;
const ARGON2_P: u32 = 1;

/// The recovery code: 160 random bits, written as 8 groups of 4 characters
/// of Crockford's base32 (no I, L, O, U), to print and keep.
const RECUPERO_BYTE: usize = 20;
const BASE32: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Argon2Parametri {
    m: u32,
    t: u32,
    p: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Slot {
    /// Whose slot: a keyed hash of the login name (`etichetta`), so the file
    /// names nobody; empty for the recovery slot.
    utente: String,
    sale: String,
    nonce: String,
    chiave: String,
}

/// The contents of `NOME.db.chiavi`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Portachiavi {
    formato: u32,
    avviso: String,
    /// A random identity of this database, bound into every slot.
    database: String,
    argon2: Argon2Parametri,
    slot: Vec<Slot>,
    recupero: Slot,
}

/// Where the key slots of the database at `db` live.
pub fn percorso(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".chiavi");
    PathBuf::from(s)
}

/// The limit on a key file's size: a few slots, never megabytes.
const MAX_FILE: u64 = 1 << 20;

impl Portachiavi {
    /// New slots for `chiave`, with the first user's; returns them and the
    /// recovery code (to show once).
    pub fn nuovo(chiave: &Chiave, utente: &str, password: &str) -> Result<(Portachiavi, String)> {
        let codice = Zeroizing::new(casuali::<RECUPERO_BYTE>()?);
        let testo = codice_in_testo(&codice[..]);
        let mut p = Portachiavi {
            formato: 1,
            avviso: "Chiavi del database di Sportello: senza questo file, e senza una password \
                     o il codice di recupero, il database non si apre. Non modificarlo."
                .into(),
            database: hex::encode(casuali::<16>()?),
            argon2: Argon2Parametri {
                m: ARGON2_M_KIB,
                t: ARGON2_T,
                p: ARGON2_P,
            },
            slot: Vec::new(),
            recupero: Slot {
                utente: String::new(),
                sale: String::new(),
                nonce: String::new(),
                chiave: String::new(),
            },
        };
        p.recupero = p.avvolgi(chiave, "", normalizza_codice(&testo)?.as_bytes())?;
        p.imposta(chiave, utente, password)?;
        Ok((p, testo))
    }

    pub fn leggi(db: &Path) -> Result<Portachiavi> {
        let file = percorso(db);
        let manca = || Error::Accesso {
            motivo: MotivoAccesso::Chiavi,
            message: format!(
                "Manca il file delle chiavi {} accanto al database: senza, il database non si apre. \
                 Rimettilo accanto al database (è nelle copie di sicurezza).",
                file.display()
            ),
        };
        let meta = std::fs::metadata(&file).map_err(|_| manca())?;
        if meta.len() > MAX_FILE {
            return Err(danneggiato(&file));
        }
        let testo = std::fs::read_to_string(&file).map_err(|_| manca())?;
        let p: Portachiavi = serde_json::from_str(&testo).map_err(|_| danneggiato(&file))?;
        if p.formato != 1 || p.argon2.m > 1 << 21 || p.argon2.t > 20 || p.argon2.p > 8 {
            return Err(danneggiato(&file));
        }
        Ok(p)
    }

    /// Writes the slots beside the database at `db`, whole or not at all.
    pub fn scrivi(&self, db: &Path) -> Result<()> {
        let file = percorso(db);
        let dir = file
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut tmp = tempfile::Builder::new()
            .prefix(".chiavi-")
            .suffix(".parziale")
            .tempfile_in(dir)
            .map_err(|e| crate::uscita::non_scrivo(&file, e))?;
        use std::io::Write;
        let testo = serde_json::to_string_pretty(self)?;
        tmp.write_all(testo.as_bytes())
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| crate::uscita::non_scrivo(&file, e))?;
        tmp.persist(&file)
            .map_err(|e| crate::uscita::non_scrivo(&file, e.error))?;
        Ok(())
    }

    /// The database key, from a user's password.
    pub fn apri(&self, utente: &str, password: &str) -> Result<Chiave> {
        let etichetta = self.etichetta(utente);
        let sbagliata = || Error::Accesso {
            motivo: MotivoAccesso::Credenziali,
            message: "Nome utente o password non corretti.".into(),
        };
        let Some(slot) = self.slot.iter().find(|s| s.utente == etichetta) else {
            // As slow as a wrong password, so timing does not tell who has an account.
            let _ = self.deriva(password.as_bytes(), &[0u8; 16]);
            return Err(sbagliata());
        };
        self.svolgi(slot, password.as_bytes()).ok_or_else(sbagliata)
    }

    /// The database key, from the recovery code.
    pub fn apri_con_recupero(&self, codice: &str) -> Result<Chiave> {
        let sbagliato = || Error::Accesso {
            motivo: MotivoAccesso::Credenziali,
            message: "Il codice di recupero non è corretto.".into(),
        };
        let codice = normalizza_codice(codice).map_err(|_| sbagliato())?;
        self.svolgi(&self.recupero, codice.as_bytes())
            .ok_or_else(sbagliato)
    }

    /// Sets (adds or replaces) a user's slot.
    pub fn imposta(&mut self, chiave: &Chiave, utente: &str, password: &str) -> Result<()> {
        controlla_password(password)?;
        let etichetta = self.etichetta(utente);
        let slot = self.avvolgi(chiave, &etichetta, password.as_bytes())?;
        self.slot.retain(|s| s.utente != etichetta);
        self.slot.push(slot);
        Ok(())
    }

    /// Removes a user's slot (a deactivated user).
    pub fn togli(&mut self, utente: &str) {
        let etichetta = self.etichetta(utente);
        self.slot.retain(|s| s.utente != etichetta);
    }

    /// A slot's label: the login name hashed with this database's identity.
    fn etichetta(&self, utente: &str) -> String {
        use blake2::{Blake2b, Digest, digest::consts::U16};
        let h = Blake2b::<U16>::new()
            .chain_update(b"sportello/utente/1/")
            .chain_update(self.database.as_bytes())
            .chain_update(b"/")
            .chain_update(utente.trim().to_lowercase().as_bytes())
            .finalize();
        hex::encode(h)
    }

    fn aad(&self, utente: &str) -> Vec<u8> {
        format!("sportello/chiavi/1/{}/{utente}", self.database).into_bytes()
    }

    fn deriva(&self, segreto: &[u8], sale: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        let params = Params::new(self.argon2.m, self.argon2.t, self.argon2.p, Some(32))
            .map_err(|_| Error::dati("Parametri di derivazione della chiave non validi."))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(segreto, sale, out.as_mut())
            .map_err(|_| Error::dati("Derivazione della chiave non riuscita."))?;
        Ok(out)
    }

    fn avvolgi(&self, chiave: &Chiave, utente: &str, segreto: &[u8]) -> Result<Slot> {
        let sale = casuali::<16>()?;
        let nonce = casuali::<24>()?;
        let kek = self.deriva(segreto, &sale)?;
        let cifrata = XChaCha20Poly1305::new(kek.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &chiave.0,
                    aad: &self.aad(utente),
                },
            )
            .map_err(|_| Error::dati("Cifratura della chiave non riuscita."))?;
        Ok(Slot {
            utente: utente.to_string(),
            sale: hex::encode(sale),
            nonce: hex::encode(nonce),
            chiave: hex::encode(cifrata),
        })
    }

    fn svolgi(&self, slot: &Slot, segreto: &[u8]) -> Option<Chiave> {
        let sale = hex::decode(&slot.sale).ok()?;
        let nonce = hex::decode(&slot.nonce).ok()?;
        let cifrata = hex::decode(&slot.chiave).ok()?;
        if nonce.len() != 24 || sale.len() < 8 {
            return None;
        }
        let kek = self.deriva(segreto, &sale).ok()?;
        let chiaro = Zeroizing::new(
            XChaCha20Poly1305::new(kek.as_ref().into())
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &cifrata,
                        aad: &self.aad(&slot.utente),
                    },
                )
                .ok()?,
        );
        let k: [u8; 32] = chiaro.as_slice().try_into().ok()?;
        Some(Chiave(k))
    }
}

/// Why a database did not open: the window shows the login, the set-up or a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MotivoAccesso {
    /// Wrong user name, password or recovery code.
    Credenziali,
    /// The key file is missing or damaged.
    Chiavi,
    /// The user is deactivated, or has no role for the action.
    Permesso,
    /// The database is not encrypted yet: it must be protected first.
    NonProtetto,
    /// Nobody is logged in (the window is locked): log in again.
    Bloccato,
}

fn danneggiato(file: &Path) -> Error {
    Error::Accesso {
        motivo: MotivoAccesso::Chiavi,
        message: format!(
            "Il file delle chiavi {} è danneggiato: rimettilo dalle copie di sicurezza.",
            file.display()
        ),
    }
}

/// A password long enough, without control characters.
pub fn controlla_password(password: &str) -> Result<()> {
    if password.chars().count() < PASSWORD_MINIMA {
        return Err(Error::dati(format!(
            "La password deve avere almeno {PASSWORD_MINIMA} caratteri."
        )));
    }
    if password.chars().count() > 200 || password.chars().any(char::is_control) {
        return Err(Error::dati(
            "La password può avere al più 200 caratteri, senza caratteri di controllo.",
        ));
    }
    Ok(())
}

fn casuali<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|_| Error::Database {
        message: "Il sistema non dà numeri casuali per le chiavi.".into(),
    })?;
    Ok(b)
}

fn codice_in_testo(b: &[u8]) -> String {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = String::new();
    for &byte in b {
        bits = (bits << 8) | u32::from(byte);
        n += 8;
        while n >= 5 {
            n -= 5;
            out.push(BASE32[((bits >> n) & 31) as usize] as char);
        }
    }
    out.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code as typed back: case, spaces and dashes do not matter, and the
/// letters Crockford's alphabet leaves out read as the digits they resemble.
fn normalizza_codice(s: &str) -> Result<Zeroizing<String>> {
    let c: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if c.len() != RECUPERO_BYTE * 8 / 5 || !c.bytes().all(|b| BASE32.contains(&b)) {
        return Err(Error::dati("Codice di recupero non valido."));
    }
    Ok(Zeroizing::new(c))
}

#[cfg(test)]
mod tests;
