//! The guided first start of a real desk: the implementing body with its
//! catalogue, a sede and the first orientatore, written together, so a desk
//! that starts from nothing is ready in one step (the schools from the
//! ministry's file come after, with `importa_scuole`).

use super::organizzazione::{check_catalogo, required};
use crate::context::Ctx;
use crate::domain::{
    EnteAttuatore, EnteAttuatoreDati, Orientatore, OrientatoreDati, Sede, SedeDati,
};
use crate::error::{Error, Outcome, RecordKind, Result};
use crate::ids::Id;
use crate::store::Store;
use crate::store::organizzazione as db;
use serde::{Deserialize, Serialize};

/// A sede or an orientatore before the body they belong to exists.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrimaSede {
    pub nome: String,
    #[serde(default)]
    pub indirizzo: Option<String>,
    #[serde(default)]
    pub comune: Option<String>,
    #[serde(default)]
    pub provincia: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrimoOrientatore {
    pub cognome: String,
    pub nome: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub telefono: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrimoAvvio {
    pub ente_attuatore: EnteAttuatoreDati,
    pub sede: PrimaSede,
    pub orientatore: PrimoOrientatore,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Avviato {
    pub ente_attuatore: EnteAttuatore,
    pub sede: Sede,
    pub orientatore: Orientatore,
}

/// Writes the three records and makes them this desk's settings, all or
/// nothing; refused on a database that already has an implementing body.
pub fn avvia_sportello(store: &Store, ctx: &Ctx, p: PrimoAvvio) -> Result<Outcome<Avviato>> {
    required(
        "ente_attuatore.nome",
        &p.ente_attuatore.nome,
        "il nome dell'ente attuatore",
    )?;
    check_catalogo("ente_attuatore.catalogo", &p.ente_attuatore.catalogo)?;
    required("sede.nome", &p.sede.nome, "il nome della sede")?;
    required(
        "orientatore.cognome",
        &p.orientatore.cognome,
        "il cognome dell'orientatore",
    )?;
    required(
        "orientatore.nome",
        &p.orientatore.nome,
        "il nome dell'orientatore",
    )?;
    let (ente, sede, orientatore) = (Id::new(), Id::new(), Id::new());
    store.write(ctx, "avvia_sportello", |tx| {
        if !db::list_enti_attuatori(tx)?.is_empty() {
            return Err(Error::dati(
                "Questo database ha già un ente attuatore: sedi e orientatori si aggiungono in Impostazioni.",
            ));
        }
        db::insert_ente_attuatore(tx, ente, &p.ente_attuatore)?;
        tx.log(RecordKind::EnteAttuatore, ente, "")?;
        let s = &p.sede;
        let sede_dati = SedeDati {
            ente_attuatore_id: ente,
            nome: s.nome.trim().into(),
            indirizzo: s.indirizzo.clone(),
            comune: s.comune.clone(),
            provincia: s.provincia.as_ref().map(|p| p.trim().to_uppercase()),
            territorio: None,
            attivo: true,
        };
        db::insert_sede(tx, sede, &sede_dati)?;
        tx.log(RecordKind::Sede, sede, "")?;
        let o = &p.orientatore;
        let orientatore_dati = OrientatoreDati {
            ente_attuatore_id: ente,
            cognome: o.cognome.trim().into(),
            nome: o.nome.trim().into(),
            email: o.email.clone(),
            telefono: o.telefono.clone(),
            attivo: true,
        };
        db::insert_orientatore(tx, orientatore, &orientatore_dati)?;
        tx.log(RecordKind::Orientatore, orientatore, "")?;
        db::set_setting(tx, "ente_attuatore_id", Some(&ente.to_string()))?;
        db::set_setting(tx, "orientatore_id", Some(&orientatore.to_string()))
    })?;
    let conn = store.read();
    Ok(Outcome::plain(Avviato {
        ente_attuatore: db::get_ente_attuatore(conn, ente)?,
        sede: db::get_sede(conn, sede)?,
        orientatore: db::get_orientatore(conn, orientatore)?,
    }))
}
