//! Operations on servizi and their enrolled destinatari.

use super::chiusura::{Chiusura, chiudi, riapri};
use super::{ConMotivo, Modifica, Nulla, PerId};
use crate::catalogo::Azione;
use crate::context::Ctx;
use crate::domain::{
    AnnoScolastico, Incontro, Intervento, Iscrizione, Modalita, Servizio, ServizioDati,
    StatoServizio,
};
use crate::error::{Error, Finding, Outcome, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::Code;
use crate::rules::{self, Findings};
use crate::store::organizzazione::{Lista, missing_voci};
use crate::store::servizi::{self as db, FiltroServizi};
use crate::store::{self, Store};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchedaServizio {
    pub servizio: Servizio,
    pub iscritti: Vec<Iscritto>,
    pub incontri: Vec<Incontro>,
}

/// An enrolled destinatario with their name, for lists.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Iscritto {
    pub destinatario: crate::domain::Destinatario,
    pub iscrizione: Iscrizione,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Iscrivi {
    pub servizio_id: Id,
    pub iscrizioni: Vec<Iscrizione>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Togli {
    pub servizio_id: Id,
    pub destinatario_id: Id,
}

/// Resolves defaults and inheritance, then runs the rules; called inside the
/// write transaction, so what the rules read is what the write sees.
fn prepare(
    conn: &Connection,
    ctx: &Ctx,
    d: &mut ServizioDati,
    before: Option<&Servizio>,
) -> Result<Vec<Finding>> {
    let (azione, modalita) = resolve_azione(conn, d)?;
    refuse_closed_sede(conn, d, before)?;
    d.anno_scolastico = Some(
        d.anno_scolastico
            .unwrap_or_else(|| AnnoScolastico::of(ctx.oggi)),
    );
    let intervento = resolve_references(conn, d, modalita)?;
    let record = before.map(|b| RecordRef::new(RecordKind::Servizio, b.id));
    let c = rules::servizio::Contesto {
        azione,
        modalita,
        intervento: intervento.as_ref(),
        before,
        record,
    };
    let mut f = rules::servizio::check_input(conn, d, &c)?;
    rules::servizio::check_classe(&d.dati_peculiari, record, &mut f);
    if let Some(b) = before {
        let mut after = b.clone();
        after.dati.numero_destinatari = d.numero_destinatari;
        after.dati.modalita = d.modalita;
        f.extend(rules::servizio::check_numero(&after, b.iscritti));
        f.extend(rules::servizio::check_individuale(
            &after,
            b.iscritti as usize,
        ));
    }
    f.into_result()
}

/// The catalogue's action, which settles the code as the catalogue writes it,
/// a missing title, and the modality when the action has only one.
fn resolve_azione(conn: &Connection, d: &mut ServizioDati) -> Result<(&'static Azione, Modalita)> {
    let azione = rules::servizio::azione_of(conn, d.ente_attuatore_id, &d.codice_azione)?;
    d.codice_azione = azione.codice.clone();
    // A colloquio needs no name of its own: the action's name is the one the register prints.
    if d.titolo.trim().is_empty() {
        d.titolo = azione.nome.clone();
    }
    let modalita = match d.modalita.or_else(|| azione.modalita_unica()) {
        Some(m) => m,
        None => {
            return Err(Error::dati_campo(
                "modalita",
                format!(
                    "{} si eroga sia individualmente sia in gruppo: indica la modalità.",
                    azione.codice
                ),
            ));
        }
    };
    d.modalita = Some(modalita);
    Ok((azione, modalita))
}

/// A closed sede keeps its servizi, but no new one moves there.
fn refuse_closed_sede(
    conn: &Connection,
    d: &ServizioDati,
    before: Option<&Servizio>,
) -> Result<()> {
    let sede = store::organizzazione::get_sede(conn, d.sede_id)?;
    if !sede.dati.attivo && before.is_none_or(|b| b.dati.sede_id != d.sede_id) {
        return Err(Error::dati_campo(
            "sede_id",
            format!(
                "La sede «{}» non è più attiva: scegli un'altra sede, o riattivala in Impostazioni.",
                sede.dati.nome
            ),
        ));
    }
    Ok(())
}

/// Every target, CMS, intervento and ente named exists; under an intervento,
/// enti and referente left empty are the intervento's.
fn resolve_references(
    conn: &Connection,
    d: &mut ServizioDati,
    modalita: Modalita,
) -> Result<Option<Intervento>> {
    for (lista, ids) in [(Lista::Target, &d.target_ids), (Lista::Cms, &d.cms_ids)] {
        if let Some(bad) = missing_voci(conn, lista, ids)?.first() {
            return Err(Error::not_found(lista.kind(), *bad));
        }
    }
    let intervento = d
        .intervento_id
        .map(|i| store::interventi::get(conn, i))
        .transpose()?;
    if let Some(i) = &intervento {
        if d.ente_ids.is_empty() {
            d.ente_ids = rules::servizio::enti_ereditati(conn, i, modalita)?;
        }
        if d.referente_id.is_none() {
            d.referente_id = i.dati.referente_id;
        }
    }
    for e in &d.ente_ids {
        store::enti::get(conn, *e)?;
    }
    Ok(intervento)
}

pub fn create_servizio(store: &Store, ctx: &Ctx, mut d: ServizioDati) -> Result<Outcome<Servizio>> {
    let id = Id::new();
    let warnings = store.write(ctx, "create_servizio", |tx| {
        let warnings = prepare(tx, ctx, &mut d, None)?;
        db::insert(tx, id, &d)?;
        tx.log(RecordKind::Servizio, id, &d.titolo)?;
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), id)?, warnings))
}

pub fn update_servizio(
    store: &Store,
    ctx: &Ctx,
    mut m: Modifica<ServizioDati>,
) -> Result<Outcome<Servizio>> {
    let warnings = store.write(ctx, "update_servizio", |tx| {
        let before = db::get(tx, m.id)?;
        rules::servizio::refuse_if_closed(&before)?;
        let warnings = prepare(tx, ctx, &mut m.dati, Some(&before))?;
        db::update(tx, m.id, &m.dati)?;
        tx.log_modifica(RecordKind::Servizio, m.id, &before.dati, &m.dati)?;
        Ok(warnings)
    })?;
    Ok(Outcome::new(db::get(store.read(), m.id)?, warnings))
}

pub fn delete_servizio(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Nulla>> {
    store.write(ctx, "delete_servizio", |tx| {
        let s = db::get(tx, p.id)?;
        rules::servizio::refuse_delete_with_closed_incontri(tx, &s)?;
        db::delete(tx, p.id)?;
        tx.log(RecordKind::Servizio, p.id, &s.dati.titolo)
    })?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn get_servizio(store: &Store, _: &Ctx, p: PerId) -> Result<Outcome<SchedaServizio>> {
    let conn = store.read();
    let servizio = db::get(conn, p.id)?;
    let iscritti = db::iscrizioni(conn, p.id)?
        .into_iter()
        .map(|i| {
            Ok(Iscritto {
                destinatario: store::destinatari::get(conn, i.destinatario_id)?,
                iscrizione: i,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Outcome::plain(SchedaServizio {
        incontri: store::incontri::of_servizio(conn, p.id)?,
        servizio,
        iscritti,
    }))
}

pub fn list_servizi(store: &Store, _: &Ctx, f: FiltroServizi) -> Result<Outcome<Vec<Servizio>>> {
    Ok(Outcome::plain(db::list(store.read(), &f)?))
}

fn write_iscrizioni(
    store: &Store,
    ctx: &Ctx,
    op: &str,
    i: Iscrivi,
    fill_defaults: bool,
) -> Result<Outcome<Vec<Iscrizione>>> {
    let s = store.write(ctx, op, |tx| {
        let s = db::get(tx, i.servizio_id)?;
        rules::servizio::refuse_if_closed(&s)?;
        let mut f = Findings::default();
        let mut nuovi = 0;
        for mut row in i.iscrizioni {
            store::destinatari::get(tx, row.destinatario_id)?;
            let enrolled = db::is_enrolled(tx, s.id, row.destinatario_id)?;
            if fill_defaults {
                row.dati_peculiari = row.dati_peculiari.with_defaults(&s.dati.dati_peculiari);
                nuovi += usize::from(!enrolled);
            } else if !enrolled {
                return Err(Error::dati("Il destinatario non è iscritto al servizio."));
            }
            if enrolled {
                // Enrolling again must not rewrite what a closed register holds (INC-09).
                f.extend(rules::servizio::check_dati_peculiari_bloccati(
                    tx, &s, &row,
                )?);
            }
            f.extend(rules::servizio::check_enrolment(tx, &s, &row)?);
            db::enrol(tx, s.id, row.destinatario_id, &row.dati_peculiari)?;
            tx.log(
                RecordKind::Servizio,
                s.id,
                &format!("iscrizione {}", row.destinatario_id),
            )?;
        }
        f.extend(rules::servizio::check_individuale(
            &s,
            s.iscritti as usize + nuovi,
        ));
        Ok((s, f.into_result()?))
    })?;
    let (s, mut warnings) = s;
    let after = db::get(store.read(), s.id)?;
    warnings.extend(rules::servizio::check_numero(&after, after.iscritti).0);
    Ok(Outcome::new(db::iscrizioni(store.read(), s.id)?, warnings))
}

pub fn enrol_destinatari(store: &Store, ctx: &Ctx, i: Iscrivi) -> Result<Outcome<Vec<Iscrizione>>> {
    write_iscrizioni(store, ctx, "enrol_destinatari", i, true)
}

pub fn update_iscrizione(store: &Store, ctx: &Ctx, i: Iscrivi) -> Result<Outcome<Vec<Iscrizione>>> {
    write_iscrizioni(store, ctx, "update_iscrizione", i, false)
}

pub fn remove_destinatario(store: &Store, ctx: &Ctx, t: Togli) -> Result<Outcome<Nulla>> {
    store.write(ctx, "remove_destinatario", |tx| {
        let s = db::get(tx, t.servizio_id)?;
        rules::servizio::refuse_if_closed(&s)?;
        if store::incontri::closed_with_present(tx, s.id, t.destinatario_id)?.is_some() {
            let mut f = Findings::default();
            f.add(
                Code::GEN_01,
                Some(RecordRef::new(RecordKind::Destinatario, t.destinatario_id)),
                None,
                "Il destinatario compare in incontri chiusi del servizio: non si può togliere."
                    .into(),
            );
            f.errors_only()?;
        }
        db::unenrol(tx, s.id, t.destinatario_id)?;
        tx.log(
            RecordKind::Servizio,
            s.id,
            &format!("rimosso {}", t.destinatario_id),
        )
    })?;
    Ok(Outcome::plain(Nulla {}))
}

pub fn close_servizio(store: &Store, ctx: &Ctx, p: PerId) -> Result<Outcome<Servizio>> {
    let warnings = store.write(ctx, "close_servizio", |tx| {
        let s = db::get(tx, p.id)?;
        rules::servizio::refuse_if_closed(&s)?;
        let azione =
            rules::servizio::azione_of(tx, s.dati.ente_attuatore_id, &s.dati.codice_azione)?;
        let warnings = rules::servizio::check_close(tx, &s, azione)?.into_result()?;
        let chiusura = Chiusura {
            record: RecordRef::new(RecordKind::Servizio, s.id),
            code: Code::SER_11,
            dal: s.ultimo_incontro,
            gia_tardiva: s.chiuso_in_ritardo,
            cosa: "Servizio chiuso in ritardo: l'ultimo incontro è del",
        };
        chiudi(tx, ctx, chiusura, warnings, |chiuso| {
            db::set_stato(tx, p.id, StatoServizio::Chiuso, Some(chiuso))
        })
    })?;
    Ok(Outcome::new(db::get(store.read(), p.id)?, warnings))
}

pub fn reopen_servizio(store: &Store, ctx: &Ctx, m: ConMotivo) -> Result<Outcome<Servizio>> {
    store.write(ctx, "reopen_servizio", |tx| {
        let s = db::get(tx, m.id)?;
        if s.stato != StatoServizio::Chiuso {
            return Err(Error::dati("Il servizio non è chiuso."));
        }
        let stato = if s.incontri > 0 {
            StatoServizio::InCorso
        } else {
            StatoServizio::InDefinizione
        };
        let record = RecordRef::new(RecordKind::Servizio, s.id);
        riapri(
            tx,
            ctx,
            Code::SER_14,
            record,
            &m.motivo,
            "un servizio chiuso",
            || db::set_stato(tx, m.id, stato, None),
        )
    })?;
    Ok(Outcome::plain(db::get(store.read(), m.id)?))
}
