//! Keys of the exchange, kept in the database's settings:
//! - every installation has an id and an Ed25519 key that signs its files,
//!   made the first time they are needed and never changed (the office pins
//!   the public key at the first file);
//! - the regional office has an age X25519 identity; desks are given its
//!   public recipient (`age1…`) and encrypt their files to it.
//!
//! Secrets are as safe as the database file they live in.

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::ids::Id;
use crate::store::{Store, scambio as db};
use age::secrecy::ExposeSecret;
use age::x25519;
use ed25519_dalek::SigningKey;

const SPORTELLO: &str = "scambio.sportello";
const FIRMA: &str = "scambio.chiave_firma";
const UFFICIO_IDENTITA: &str = "scambio.ufficio_identita";
const UFFICIO_DESTINATARIO: &str = "scambio.ufficio_destinatario";

/// This installation's id and signing key, made once.
pub fn sportello(store: &Store, ctx: &Ctx) -> Result<(String, SigningKey)> {
    let conn = store.read();
    if let (Some(id), Some(key)) = (db::setting(conn, SPORTELLO)?, db::setting(conn, FIRMA)?) {
        return Ok((id, chiave_firma(&key)?));
    }
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed)
        .map_err(|_| Error::dati("Il generatore di numeri casuali del sistema non è disponibile: nessuna chiave è stata creata."))?;
    store.write(ctx, "genera_chiavi_sportello", |tx| {
        db::setting_once(tx, SPORTELLO, &Id::new().to_string())?;
        db::setting_once(tx, FIRMA, &hex::encode(seed))
    })?;
    let id = db::setting(conn, SPORTELLO)?.unwrap_or_default();
    let key = db::setting(conn, FIRMA)?.unwrap_or_default();
    Ok((id, chiave_firma(&key)?))
}

fn chiave_firma(hex_key: &str) -> Result<SigningKey> {
    let bytes: [u8; 32] = hex::decode(hex_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::dati("La chiave di firma di questa installazione è danneggiata."))?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// The office's identity, made the first time; returns its public recipient.
pub fn genera_ufficio(store: &Store, ctx: &Ctx) -> Result<x25519::Recipient> {
    if let Some(id) = identita_ufficio(store)? {
        return Ok(id.to_public());
    }
    let id = x25519::Identity::generate();
    store.write(ctx, "genera_chiavi_ufficio", |tx| {
        db::setting_once(tx, UFFICIO_IDENTITA, id.to_string().expose_secret())
    })?;
    Ok(identita_ufficio(store)?.expect("just written").to_public())
}

/// The office's identity, if this installation is an office.
pub fn identita_ufficio(store: &Store) -> Result<Option<x25519::Identity>> {
    db::setting(store.read(), UFFICIO_IDENTITA)?
        .map(|s| {
            s.parse::<x25519::Identity>().map_err(|_| {
                Error::dati("L'identità dell'ufficio regionale salvata è danneggiata.")
            })
        })
        .transpose()
}

pub fn leggi_destinatario(s: &str) -> Result<x25519::Recipient> {
    s.trim().parse().map_err(|_| {
        Error::dati_campo(
            "destinatario",
            "La chiave dell'ufficio regionale non è valida: deve iniziare con «age1» (è la chiave pubblica che l'ufficio ti ha dato).",
        )
    })
}

/// Sets the office this desk encrypts to.
pub fn imposta_ufficio(store: &Store, ctx: &Ctx, destinatario: &str) -> Result<x25519::Recipient> {
    let r = leggi_destinatario(destinatario)?;
    store.write(ctx, "imposta_ufficio", |tx| {
        db::set_setting(tx, UFFICIO_DESTINATARIO, &r.to_string())
    })?;
    Ok(r)
}

pub fn ufficio(store: &Store) -> Result<x25519::Recipient> {
    let s = db::setting(store.read(), UFFICIO_DESTINATARIO)?.ok_or_else(|| {
        Error::dati(
            "Manca la chiave dell'ufficio regionale: chiedila all'ufficio e incollala in \
             «Scambio dati › Chiave dell'ufficio regionale» (age1…).",
        )
    })?;
    leggi_destinatario(&s)
}

pub fn pubblica(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().to_bytes())
}
