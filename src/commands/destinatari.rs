//! Operations on destinatari: anagrafica with the CF checks and forzatura, search.

use super::{Modifica, Nulla, PerId};
use crate::codice_fiscale;
use crate::context::Ctx;
use crate::domain::{Destinatario, DestinatarioDati, Servizio};
use crate::error::{Error, Outcome, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::Code;
use crate::rules::{self, Findings};
use crate::store::{self, Store, destinatari as db};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchedaDestinatario {
    pub destinatario: Destinatario,
    pub servizi: Vec<Servizio>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cerca {
    pub testo: String,
    #[serde(default)]
    pub limite: Option<u32>,
}

fn normalize(d: &mut DestinatarioDati, oggi: chrono::NaiveDate) -> Result<()> {
    crate::limiti::data_nascita(d.data_nascita, oggi)?;
    d.codice_fiscale = codice_fiscale::normalize(&d.codice_fiscale);
    d.cognome = d.cognome.trim().to_string();
    d.nome = d.nome.trim().to_string();
    if d.codice_fiscale.is_empty() || d.cognome.is_empty() || d.nome.is_empty() {
        return Err(Error::dati_campo(
            "codice_fiscale",
            "Indica codice fiscale, cognome e nome.",
        ));
    }
    Ok(())
}

/// DES-01 passes with a forzatura: record it (who, when, why). Only a known,
/// active user can force a codice fiscale.
fn record_forzatura(tx: &store::Tx, ctx: &Ctx, d: &DestinatarioDati, id: Id) -> Result<()> {
    if db::forzato(d).is_some() {
        rules::utente_noto(
            tx,
            ctx,
            Code::DES_01,
            Some(RecordRef::new(RecordKind::Destinatario, id)),
        )?;
    }
    db::scrivi_forzatura(tx, d, id)
}

pub fn create_destinatario(
    store: &Store,
    ctx: &Ctx,
    mut d: DestinatarioDati,
) -> Result<Outcome<Destinatario>> {
    normalize(&mut d, ctx.oggi)?;
    let id = Id::new();
    // Checked inside the transaction: two desks creating one CF at once get DES-05, not a crash.
    let warnings = store.write(ctx, "create_destinatario", |tx| {
        let warnings = rules::destinatario::check(tx, &d, None)?.into_result()?;
        db::insert(tx, id, &d)?;
        record_forzatura(tx, ctx, &d, id)?;
        tx.log(RecordKind::Destinatario, id, "")?;
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), id)?, warnings))
}

pub fn update_destinatario(
    store: &Store,
    ctx: &Ctx,
    mut m: Modifica<DestinatarioDati>,
) -> Result<Outcome<Destinatario>> {
    normalize(&mut m.dati, ctx.oggi)?;
    let warnings = store.write(ctx, "update_destinatario", |tx| {
        let before = db::get(tx, m.id)?;
        if before.cf_forzato
            && before.dati.codice_fiscale == m.dati.codice_fiscale
            && m.dati.forzatura.is_none()
        {
            // The same forced CF stays accepted: the forzatura is already on record.
            m.dati.forzatura = Some(crate::domain::Forzatura {
                motivo: "forzatura già registrata".into(),
            });
        }
        let warnings = rules::destinatario::check(tx, &m.dati, Some(m.id))?.into_result()?;
        db::update(tx, m.id, &m.dati)?;
        if before.dati.codice_fiscale != m.dati.codice_fiscale {
            // A valid CF ends the forzatura (cf_forzato follows the value); the history stays.
            record_forzatura(tx, ctx, &m.dati, m.id)?;
        }
        // The forzatura has its own record (record_forzatura); the log shows the fields.
        let senza = |d: &DestinatarioDati| DestinatarioDati {
            forzatura: None,
            ..d.clone()
        };
        tx.log_modifica(
            RecordKind::Destinatario,
            m.id,
            &senza(&before.dati),
            &senza(&m.dati),
        )?;
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), m.id)?, warnings))
}

pub fn delete_destinatario(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    store.write(ctx, "delete_destinatario", |tx| {
        let d = db::get(tx, p.id)?;
        if db::in_closed_incontro(tx, p.id)? {
            let mut f = Findings::default();
            f.add(
                Code::GEN_01,
                Some(RecordRef::new(RecordKind::Destinatario, p.id)),
                None,
                format!(
                    "{} compare in incontri chiusi: non si può cancellare.",
                    d.nome_completo()
                ),
            );
            f.errors_only()?;
        }
        db::delete(tx, p.id)?;
        tx.log(RecordKind::Destinatario, p.id, "")
    })?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn get_destinatario(store: &Store, _: &Ctx, p: PerId) -> Result<Outcome<SchedaDestinatario>> {
    let conn = store.read();
    let destinatario = db::get(conn, p.id)?;
    let servizi = db::servizi_of(conn, p.id)?
        .into_iter()
        .map(|s| store::servizi::get(conn, s))
        .collect::<Result<Vec<_>>>()?;
    Ok(Outcome::plain(SchedaDestinatario {
        destinatario,
        servizi,
    }))
}

pub fn search_destinatari(store: &Store, _: &Ctx, c: Cerca) -> Result<Outcome<Vec<Destinatario>>> {
    Ok(Outcome::plain(db::search(
        store.read(),
        &c.testo,
        c.limite.unwrap_or(50),
    )?))
}
