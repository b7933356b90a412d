//! The decrypted records read as a stream: the JSON of a `Carico` walked
//! with serde's visitors, each record handed on as soon as it is parsed, so
//! no list of records is ever held.

use super::{Destinazione, VoceScambio, refuse};
use crate::error::{Error, Result};
use crate::store::scambio::voci::Colonne;
use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::Read;

/// Reads `json` to its end into `dest`.
pub(super) fn leggi(json: impl Read, dest: &mut dyn Destinazione) -> Result<()> {
    let mut errore = None;
    let mut de = serde_json::Deserializer::from_reader(json);
    let letto = (&mut de)
        .deserialize_map(Carico {
            dest,
            errore: &mut errore,
        })
        .and_then(|()| de.end());
    if let Some(e) = errore {
        return Err(e);
    }
    letto.map_err(|e| {
        if e.is_io() {
            refuse("il contenuto cifrato non è integro: il file è stato alterato.")
        } else {
            refuse("il contenuto è illeggibile.")
        }
    })
}

/// Where `dest`'s own error waits while serde unwinds.
type Errore<'e> = &'e mut Option<Error>;

fn passa<E: de::Error>(r: Result<()>, errore: Errore) -> std::result::Result<(), E> {
    r.map_err(|e| {
        *errore = Some(e);
        E::custom("interrotto")
    })
}

struct Carico<'d, 'e> {
    dest: &'d mut dyn Destinazione,
    errore: Errore<'e>,
}

impl<'de> Visitor<'de> for Carico<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("il contenuto di un file di scambio")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<(), A::Error> {
        let Carico { dest, errore } = self;
        while let Some(chiave) = m.next_key::<String>()? {
            match chiave.as_str() {
                "colonne" => {
                    let c: Colonne = m.next_value()?;
                    passa(dest.colonne(c), errore)?;
                }
                "voci" => m.next_value_seed(Voci {
                    dest: &mut *dest,
                    errore: &mut *errore,
                })?,
                _ => {
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Voci<'d, 'e> {
    dest: &'d mut dyn Destinazione,
    errore: Errore<'e>,
}

impl<'de> DeserializeSeed<'de> for Voci<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Voci<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("l'elenco dei record")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> std::result::Result<(), S::Error> {
        while let Some(v) = s.next_element::<VoceScambio>()? {
            passa(self.dest.voce(v), &mut *self.errore)?;
        }
        Ok(())
    }
}
