//! Applying a plan: planned again inside the write transaction, checked to be
//! the plan the user confirmed, its rows written all or nothing.

use super::*;
use crate::store::Tx;

/// Plans again inside the write transaction (so what is written is what the
/// database holds now), checks it is the plan the user confirmed (`impronta`),
/// and writes its rows without errors, all or nothing. The rules were checked
/// row by row by the plan; the writes go straight to the store.
pub fn applica(
    store: &Store,
    ctx: &Ctx,
    servizio_id: Id,
    g: &Griglia,
    opzioni: &Opzioni,
    impronta_confermata: Option<&str>,
    progresso: &dyn Fn(Avanzamento),
) -> Result<(Piano, u32, u32)> {
    let guasto = crate::guasti::Guasto::da_ambiente("SPORTELLO_TEST_ABORT_IMPORT_AFTER");
    store.write(ctx, "importa_destinatari", |tx| {
        let piano = pianifica(store, servizio_id, ctx.oggi, g, opzioni, progresso)?;
        confermato(&piano, impronta_confermata)?;
        let servizio = store::servizi::get(tx, servizio_id)?;
        let da_scrivere: Vec<&RigaPiano> = piano
            .righe
            .iter()
            .filter(|r| matches!(r.esito, EsitoRiga::Nuovo | EsitoRiga::Esistente))
            .collect();
        ammesso(tx, ctx, &servizio, &da_scrivere)?;
        let (mut creati, mut iscritti) = (0, 0);
        for (n, r) in da_scrivere.iter().enumerate() {
            // A crash in the middle of the transaction must leave nothing written.
            guasto.al_passo(n);
            creati += scrivi_riga(tx, &servizio, r)? as u32;
            iscritti += 1;
            if n % 500 == 0 {
                progresso(Avanzamento::di("scrittura", n, da_scrivere.len()));
            }
        }
        progresso(Avanzamento::di(
            "scrittura",
            da_scrivere.len(),
            da_scrivere.len(),
        ));
        Ok((piano, creati, iscritti))
    })
}

/// Refuses a plan with values still to decide, or another plan than the one
/// the user saw.
fn confermato(piano: &Piano, impronta_confermata: Option<&str>) -> Result<()> {
    if !piano.da_decidere.is_empty() {
        let valori: Vec<String> = piano
            .da_decidere
            .iter()
            .map(|d| format!("«{}» ({})", d.valore, d.intestazione))
            .collect();
        return Err(Error::dati(format!(
            "Prima di importare decidi cosa significano questi valori, o lasciali vuoti: {}.",
            valori.join(", ")
        )));
    }
    if impronta_confermata.is_some_and(|i| i != piano.impronta) {
        return Err(Error::dati(
            "Il file o i dati sono cambiati dopo l'anteprima: rifai l'anteprima e conferma di nuovo.",
        ));
    }
    Ok(())
}

/// What holds for the rows together: a forzatura records who made it
/// (DES-01: a known, active user), and an individual servizio takes one
/// person only.
fn ammesso(tx: &Tx, ctx: &Ctx, servizio: &Servizio, da_scrivere: &[&RigaPiano]) -> Result<()> {
    if da_scrivere
        .iter()
        .any(|r| r.dati.as_ref().is_some_and(|d| d.forzatura.is_some()))
    {
        crate::rules::utente_noto(tx, ctx, Code::DES_01, None)?;
    }
    let nuovi = da_scrivere
        .iter()
        .filter(|r| {
            r.destinatario_id
                .is_none_or(|id| !store::servizi::is_enrolled(tx, servizio.id, id).unwrap_or(false))
        })
        .count();
    crate::rules::servizio::check_individuale(servizio, servizio.iscritti as usize + nuovi)
        .errors_only()
}

/// One row written: the person created when new (with the forzatura of
/// their codice fiscale), then enrolled. True when the person is new.
fn scrivi_riga(tx: &Tx, servizio: &Servizio, r: &RigaPiano) -> Result<bool> {
    let (id, creato) = match (r.esito, r.destinatario_id, &r.dati) {
        (EsitoRiga::Esistente, Some(id), _) => (id, false),
        (_, _, Some(d)) => {
            let id = Id::new();
            store::destinatari::insert(tx, id, d)?;
            store::destinatari::scrivi_forzatura(tx, d, id)?;
            tx.log(
                RecordKind::Destinatario,
                id,
                &format!("importato dalla riga {}", r.riga),
            )?;
            (id, true)
        }
        _ => unreachable!("a plan row to write has a destinatario"),
    };
    let dp = r
        .dati_peculiari
        .clone()
        .with_defaults(&servizio.dati.dati_peculiari);
    store::servizi::enrol(tx, servizio.id, id, &dp)?;
    tx.log(
        RecordKind::Servizio,
        servizio.id,
        &format!("iscrizione {id}"),
    )?;
    Ok(creato)
}
