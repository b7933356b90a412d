//! The implementing body of the demo: its RT, two sedi, four orientatori,
//! the desk's settings, and the coordinatrice who signs the corrections.

use crate::commands::{self, organizzazione as org};
use crate::context::Ctx;
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use crate::store::Store;
use crate::store::organizzazione::Lista;

/// What every step of the year refers to.
pub(super) struct Base {
    pub ente: Id,
    pub sedi: Vec<Id>,
    pub orientatori: Vec<Id>,
    pub target_medie: Id,
    pub target_superiori: Id,
    pub target_neet: Id,
    pub cms: Vec<Id>,
}

impl Base {
    /// The target a class's servizi are for: lower or upper secondary.
    pub fn target_di(&self, superiori: bool) -> Id {
        if superiori {
            self.target_superiori
        } else {
            self.target_medie
        }
    }
}

pub(super) fn base(store: &Store, ctx: &Ctx) -> Result<Base> {
    let rt = org::create_rt(
        store,
        ctx,
        RtDati {
            nome: "RT Orientamento Biella".into(),
            territorio: "Biella".into(),
        },
    )?
    .value;
    let ente = org::create_ente_attuatore(
        store,
        ctx,
        EnteAttuatoreDati {
            nome: "Centro di Formazione Esempio".into(),
            codice: Some("CFE".into()),
            rt_id: Some(rt.id),
            catalogo: "piemonte-oop".into(),
        },
    )?
    .value
    .id;
    let sedi = sedi(store, ctx, ente)?;
    let orientatori = orientatori(store, ctx, ente)?;
    org::set_impostazioni(
        store,
        ctx,
        org::Impostazioni {
            ente_attuatore_id: Some(ente),
            orientatore_id: Some(orientatori[0]),
            database: None,
        },
    )?;
    let voci = |lista| {
        Ok::<_, crate::error::Error>(org::list_voci(store, ctx, org::DiLista { lista })?.value)
    };
    let targets = voci(Lista::Target)?;
    let target = |s: &str| {
        targets
            .iter()
            .find(|t| t.nome.contains(s))
            .map(|t| t.id)
            .expect("a shipped target")
    };
    Ok(Base {
        ente,
        sedi,
        orientatori,
        target_medie: target("I grado"),
        target_superiori: target("II grado"),
        target_neet: target("NEET"),
        cms: voci(Lista::Cms)?.iter().take(3).map(|v| v.id).collect(),
    })
}

fn sedi(store: &Store, ctx: &Ctx, ente: Id) -> Result<Vec<Id>> {
    let mut sedi = vec![];
    for (nome, via, comune) in [
        ("Sede di Biella", "Via Italia 5", "Biella"),
        ("Sede di Cossato", "Piazza Croce Rossa 2", "Cossato"),
    ] {
        let dati = SedeDati {
            ente_attuatore_id: ente,
            nome: nome.into(),
            indirizzo: Some(via.into()),
            comune: Some(comune.into()),
            provincia: Some("BI".into()),
            territorio: Some("Biella".into()),
            attivo: true,
        };
        sedi.push(org::create_sede(store, ctx, dati)?.value.id);
    }
    Ok(sedi)
}

fn orientatori(store: &Store, ctx: &Ctx, ente: Id) -> Result<Vec<Id>> {
    let mut orientatori = vec![];
    for (cognome, nome) in [
        ("Rossetti", "Giulia"),
        ("Bianco", "Marco"),
        ("Ferraris", "Chiara"),
        ("Gallina", "Luca"),
    ] {
        let dati = OrientatoreDati {
            ente_attuatore_id: ente,
            cognome: cognome.into(),
            nome: nome.into(),
            email: Some(format!(
                "{}.{}@esempio.it",
                nome.to_lowercase(),
                cognome.to_lowercase()
            )),
            telefono: None,
            attivo: true,
        };
        orientatori.push(org::create_orientatore(store, ctx, dati)?.value.id);
    }
    Ok(orientatori)
}

/// The coordinatrice who forces a pending codice fiscale and reopens an
/// incontro (both record a known user: DES-01, INC-09). She has no password:
/// the demo's logins are the orientatori's, and a coordinatore can give her one.
pub(super) fn coordinatrice(store: &Store, ctx: &Ctx) -> Result<Ctx> {
    let dati = UtenteDati {
        nome_utente: "elisa.martini".into(),
        nome: "Elisa Martini".into(),
        ruolo: Ruolo::Coordinatore,
        orientatore_id: None,
        attivo: true,
    };
    let utente = commands::utenti::inserisci(store, ctx, dati, |_| Ok(()))?;
    Ok(Ctx {
        actor: Some(utente.id),
        ..ctx.clone()
    })
}
