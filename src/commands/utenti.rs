//! Operations on the users of a desk's database: who may log in, with which
//! role. A user's password is a slot in the key file beside the database
//! (`accesso::chiavi`), written in the same step as the user's row.

use super::{Modifica, Nulla};
use crate::accesso::chiavi::{self, MotivoAccesso, Portachiavi};
use crate::accesso::{NuovoUtente, nome_utente_valido};
use crate::context::Ctx;
use crate::domain::{Ruolo, Utente, UtenteDati};
use crate::error::{Error, Outcome, RecordKind, Result};
use crate::ids::Id;
use crate::store::{self, Store, utenti as db};
use serde::{Deserialize, Serialize};

/// A new password for a user: their own, or anyone's for a coordinatore.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NuovaPassword {
    pub utente_id: Id,
    pub password: String,
}

pub fn list_utenti(store: &Store, _: &Ctx, _: Nulla) -> Result<Outcome<Vec<Utente>>> {
    Ok(Outcome::plain(db::list(store.read())?))
}

pub fn create_utente(store: &Store, ctx: &Ctx, n: NuovoUtente) -> Result<Outcome<Utente>> {
    chiavi::controlla_password(&n.password)?;
    let u = inserisci(store, ctx, n.dati, |d| {
        if !d.attivo {
            return Ok(());
        }
        cambia_slot(store, |slots, chiave| {
            slots.imposta(chiave, &d.nome_utente, &n.password)
        })
    })?;
    Ok(Outcome::plain(u))
}

/// A user's row, checked; `dopo` runs inside the same write (the password's
/// slot of `create_utente`), so either both happen or neither.
pub(crate) fn inserisci(
    store: &Store,
    ctx: &Ctx,
    mut d: UtenteDati,
    dopo: impl FnOnce(&UtenteDati) -> Result<()>,
) -> Result<Utente> {
    d.nome_utente = nome_utente_valido(&d.nome_utente)?;
    controlla(store, &d, None)?;
    if db::per_nome(store.read(), &d.nome_utente)?.is_some() {
        return Err(Error::dati_campo(
            "nome_utente",
            format!("Il nome utente «{}» è già in uso.", d.nome_utente),
        ));
    }
    let id = Id::new();
    store.write(ctx, "create_utente", |tx| {
        db::insert(tx, id, &d)?;
        tx.log(RecordKind::Utente, id, &d.nome)?;
        dopo(&d)
    })?;
    db::get(store.read(), id)
}

/// Gives these users one password, in one rewrite of the key file.
pub(crate) fn stessa_password(store: &Store, nomi: &[String], password: &str) -> Result<()> {
    cambia_slot(store, |slots, chiave| {
        nomi.iter()
            .try_for_each(|n| slots.imposta(chiave, n, password))
    })
}

/// Changes a user's name, role, orientatore or activity. The login name
/// stays (the password's slot is bound to it); a deactivated user loses
/// their slot, and the last active coordinatore cannot stop being one.
pub fn update_utente(store: &Store, ctx: &Ctx, m: Modifica<UtenteDati>) -> Result<Outcome<Utente>> {
    let before = db::get(store.read(), m.id)?;
    let mut d = m.dati;
    if nome_utente_valido(&d.nome_utente)? != before.dati.nome_utente {
        return Err(Error::dati_campo(
            "nome_utente",
            "Il nome utente non si cambia: crea un nuovo utente e disattiva questo.",
        ));
    }
    d.nome_utente = before.dati.nome_utente.clone();
    controlla(store, &d, Some(m.id))?;
    let resta_coordinatore = d.attivo && d.ruolo == Ruolo::Coordinatore;
    if before.dati.ruolo == Ruolo::Coordinatore
        && !resta_coordinatore
        && db::altri_coordinatori(store.read(), m.id)? == 0
    {
        return Err(Error::dati(format!(
            "{} è l'ultimo coordinatore attivo: nomina prima un altro coordinatore.",
            before.dati.nome
        )));
    }
    store.write(ctx, "update_utente", |tx| {
        db::update(tx, m.id, &d)?;
        tx.log_modifica(RecordKind::Utente, m.id, &before.dati, &d)?;
        if before.dati.attivo && !d.attivo {
            cambia_slot(store, |slots, _| {
                slots.togli(&d.nome_utente);
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(Outcome::plain(db::get(store.read(), m.id)?))
}

/// Sets a user's password: one's own, or (a coordinatore) anyone's. A
/// reactivated user gets their slot back this way.
pub fn imposta_password(store: &Store, ctx: &Ctx, p: NuovaPassword) -> Result<Outcome<Nulla>> {
    let u = db::get(store.read(), p.utente_id)?;
    if ctx.actor.is_some_and(|a| a != u.id) {
        crate::accesso::controlla(
            store,
            ctx,
            crate::domain::Permesso::Coordinare,
            "cambiare la password di un altro utente",
        )?;
    }
    if !u.dati.attivo {
        return Err(Error::dati(format!(
            "L'utente {} è disattivato: riattivalo prima.",
            u.dati.nome
        )));
    }
    chiavi::controlla_password(&p.password)?;
    store.write(ctx, "imposta_password", |tx| {
        tx.log(RecordKind::Utente, u.id, "password cambiata")?;
        cambia_slot(store, |slots, chiave| {
            slots.imposta(chiave, &u.dati.nome_utente, &p.password)
        })
    })?;
    Ok(Outcome::plain(Nulla {}))
}

/// `id`: the user being changed (none for a new one).
fn controlla(store: &Store, d: &UtenteDati, id: Option<Id>) -> Result<()> {
    if d.nome.trim().is_empty() {
        return Err(Error::dati_campo("nome", "Indica il nome della persona."));
    }
    if let Some(o) = d.orientatore_id {
        let or = store::organizzazione::get_orientatore(store.read(), o)?;
        // One login per person: the history names who acted, not which of their logins.
        if d.attivo
            && let Some(altro) = db::per_orientatore(store.read(), o, id)?
        {
            return Err(Error::dati_campo(
                "orientatore_id",
                format!(
                    "{} {} accede già come «{}»: un orientatore ha un solo utente.",
                    or.dati.nome, or.dati.cognome, altro.dati.nome_utente
                ),
            ));
        }
    }
    Ok(())
}

/// Rewrites the key file beside a database on a file; an in-memory database
/// (tests) has none.
fn cambia_slot(
    store: &Store,
    f: impl FnOnce(&mut Portachiavi, &chiavi::Chiave) -> Result<()>,
) -> Result<()> {
    let (Some(db), Some(chiave)) = (store.path(), store.chiave()) else {
        return Ok(());
    };
    let mut slots = Portachiavi::leggi(db).map_err(|_| Error::Accesso {
        motivo: MotivoAccesso::Chiavi,
        message: format!(
            "Non trovo il file delle chiavi di {}: senza, nessuno potrebbe più aprire il database.",
            db.display()
        ),
    })?;
    f(&mut slots, chiave)?;
    slots.scrivi(db)
}
