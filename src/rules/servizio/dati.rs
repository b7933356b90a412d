//! The checks of a servizio's data at create and update: one function per
//! rule code, run from `CONTROLLI` in the order their findings are listed.

use super::{coprogettatori, enti_ereditati};
use crate::catalogo::{self, Azione};
use crate::domain::Vocabolario;
use crate::domain::{Intervento, Modalita, Servizio, ServizioDati, StatoIntervento, TipoEnte};
use crate::error::{RecordRef, Result};
use crate::rules::{Code, Findings};
use crate::store;
use rusqlite::Connection;

/// What the command resolved before the rules run.
pub struct Contesto<'a> {
    pub azione: &'a Azione,
    pub modalita: Modalita,
    pub intervento: Option<&'a Intervento>,
    /// The stored servizio, on update.
    pub before: Option<&'a Servizio>,
    pub record: Option<RecordRef>,
}

/// One check of a servizio's data; each adds its findings.
type Controllo = fn(&Connection, &ServizioDati, &Contesto, &mut Findings) -> Result<()>;

/// The checks of a servizio's data, in the order their findings are listed.
const CONTROLLI: &[Controllo] = &[
    int_03, ser_01, ser_02, ser_03, ser_04, ser_05, ser_06_07, ser_09, ser_17, ser_18,
];

/// On create and update; `d` already carries the inherited enti and resolved defaults.
pub fn check_input(conn: &Connection, d: &ServizioDati, c: &Contesto) -> Result<Findings> {
    let mut f = Findings::default();
    for controllo in CONTROLLI {
        controllo(conn, d, c, &mut f)?;
    }
    Ok(f)
}

/// INT-03: a servizio joins an active intervento, of its body or its RT, only at creation.
fn int_03(conn: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    match (c.before, c.intervento) {
        (None, Some(i)) if i.stato != StatoIntervento::Attivo => f.add(
            Code::INT_03,
            record,
            Some("intervento_id"),
            format!("L'intervento «{}» è in bozza: attivalo prima di collegarci servizi.", i.dati.titolo),
        ),
        (None, Some(i)) if i.dati.ente_attuatore_id != d.ente_attuatore_id && !same_rt(conn, i, d)? => f.add(
            Code::INT_03,
            record,
            Some("intervento_id"),
            format!(
                "L'intervento «{}» è di un altro ente attuatore, non dello stesso RT: un servizio si collega solo \
                 agli interventi del proprio ente o del proprio raggruppamento.",
                i.dati.titolo
            ),
        ),
        (Some(b), _) if b.dati.intervento_id != d.intervento_id => f.add(
            Code::INT_03,
            record,
            Some("intervento_id"),
            "Il collegamento a un intervento si sceglie solo alla creazione del servizio: non si aggiunge né si \
             toglie dopo. Crea il servizio partendo dall'intervento."
                .into(),
        ),
        _ => {}
    }
    Ok(())
}

/// SER-01: the sede is one of the implementing body's.
fn ser_01(conn: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    let sede = store::organizzazione::get_sede(conn, d.sede_id)?;
    if sede.dati.ente_attuatore_id != d.ente_attuatore_id {
        f.add(
            Code::SER_01,
            record,
            Some("sede_id"),
            format!("La sede «{}» non è una sede dell'ente attuatore del servizio: scegli una delle sue sedi.", sede.dati.nome),
        );
    }
    Ok(())
}

/// SER-02: the catalogue has the action in this modality, and the planned hours lie within its bounds.
fn ser_02(_: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    match c.azione.limiti(c.modalita) {
        None => f.add(
            Code::SER_02,
            record,
            Some("modalita"),
            format!(
                "Il catalogo non prevede {} in modalità {}.",
                c.azione.codice,
                c.modalita.code()
            ),
        ),
        Some(l) => {
            if let Some(p) = l
                .minuti_percorso
                .filter(|p| !p.contains(d.durata_prevista_minuti))
            {
                f.add(
                    Code::SER_02,
                    record,
                    Some("durata_prevista_minuti"),
                    format!(
                        "La durata prevista di {} per {} è fuori dai limiti del catalogo ({}): correggila.",
                        catalogo::minutes(d.durata_prevista_minuti),
                        c.azione.codice,
                        p.describe_minutes()
                    ),
                );
            }
        }
    }
    Ok(())
}

/// SER-03: an action with families states how many.
fn ser_03(_: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    if c.azione.famiglie && d.numero_famiglie.is_none() {
        f.add(
            Code::SER_03,
            record,
            Some("numero_famiglie"),
            format!(
                "Per {} indica il numero famiglie (0 se partecipano solo i ragazzi).",
                c.azione.codice
            ),
        );
    }
    Ok(())
}

/// SER-04: target and CMS (the ente coinvolto is checked with the destinatari).
fn ser_04(_: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    if d.target_ids.is_empty() {
        f.add(
            Code::SER_04,
            record,
            Some("target_ids"),
            "Indica il target destinatari del servizio.".into(),
        );
    }
    if d.cms_ids.is_empty() {
        f.add(
            Code::SER_04,
            record,
            Some("cms_ids"),
            "Indica almeno una CMS (caratteristica) del servizio.".into(),
        );
    }
    Ok(())
}

/// SER-05 under an intervento (its enti, those the action admits); INT-05 when standalone.
fn ser_05(conn: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    if let Some(i) = c.intervento {
        let mut inherited = enti_ereditati(conn, i, c.modalita)?;
        let mut given = d.ente_ids.clone();
        inherited.sort();
        given.sort();
        if inherited != given {
            f.add(
                Code::SER_05,
                record,
                Some("ente_ids"),
                format!(
                    "Il servizio è collegato all'intervento «{}» e ne eredita gli enti coinvolti: per cambiarli \
                     disattiva l'intervento, modificane gli enti e riattivalo.",
                    i.dati.titolo
                ),
            );
        }
    } else {
        f.extend(crate::rules::intervento::istituti_principali(
            conn,
            &d.ente_ids,
            record,
        )?);
    }
    Ok(())
}

/// SER-06 (a company beside the school for OR8) and SER-07 (an individual colloquio names only the school attended, or a coprogettatore).
fn ser_06_07(conn: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    let enti = d
        .ente_ids
        .iter()
        .map(|id| store::enti::get(conn, *id))
        .collect::<Result<Vec<_>>>()?;
    if c.azione.richiede_azienda && !enti.iter().any(|e| e.dati.tipo == TipoEnte::Azienda) {
        f.add(
            Code::SER_06,
            record,
            Some("ente_ids"),
            format!(
                "Per le visite in impresa ({}) indica l'azienda visitata come ente coinvolto, accanto alla scuola.",
                c.azione.codice
            ),
        );
    }

    if c.modalita == Modalita::Individuale {
        let coprogettatori = coprogettatori(conn, c.intervento)?;
        for e in enti
            .iter()
            .filter(|e| !e.dati.tipo.is_istruzione() && !coprogettatori.contains(&e.id))
        {
            f.add(
                Code::SER_07,
                record,
                Some("ente_ids"),
                format!(
                    "Nei colloqui individuali l'ente coinvolto è la scuola o l'università frequentata, non «{}»: \
                     il luogo del colloquio va indicato nel luogo dell'incontro.",
                    e.dati.nome
                ),
            );
        }
    }
    Ok(())
}

/// SER-09: a continuation hangs under the intervento of its first year.
fn ser_09(conn: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    if let Some(prev) = &c.azione.continua {
        let anno = d.anno_scolastico.expect("resolved by the command");
        let ok = match d.intervento_id {
            Some(i) => store::servizi::has_earlier_action(conn, i, prev, anno)?,
            None => false,
        };
        if !ok {
            f.add(
                Code::SER_09,
                record,
                Some("intervento_id"),
                format!(
                    "{} continua un {prev} di un anno scolastico precedente: crealo sotto lo stesso intervento \
                     di quel {prev}.",
                    c.azione.codice
                ),
            );
        }
    }
    Ok(())
}

/// SER-17: OR6 and OR7 exist only under an intervento.
fn ser_17(_: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    if c.azione.solo_intervento && d.intervento_id.is_none() {
        f.add(
            Code::SER_17,
            record,
            Some("intervento_id"),
            format!(
                "{} si eroga solo sotto un intervento: crea il servizio partendo dall'intervento attivo della scuola.",
                c.azione.codice
            ),
        );
    }
    Ok(())
}

/// SER-18: once an incontro is closed, action, modality and school year stay.
fn ser_18(conn: &Connection, d: &ServizioDati, c: &Contesto, f: &mut Findings) -> Result<()> {
    let record = c.record;
    if let Some(b) = c.before
        && store::servizi::has_closed_incontri(conn, b.id)?
    {
        for (field, changed, what) in [
            (
                "codice_azione",
                b.dati.codice_azione != d.codice_azione,
                "il codice azione",
            ),
            ("modalita", b.dati.modalita != d.modalita, "la modalità"),
            (
                "anno_scolastico",
                b.dati.anno_scolastico != d.anno_scolastico,
                "l'anno scolastico",
            ),
        ] {
            if changed {
                f.add(
                    Code::SER_18,
                    record,
                    Some(field),
                    format!(
                        "Il servizio ha incontri chiusi: {what} non si cambia più (restano modificabili durata \
                         prevista e numero destinatari). Se è sbagliato, crea un nuovo servizio."
                    ),
                );
            }
        }
    }
    Ok(())
}

/// INT-03: two implementing bodies of the same RT.
fn same_rt(conn: &Connection, i: &Intervento, d: &ServizioDati) -> Result<bool> {
    let a = store::organizzazione::get_ente_attuatore(conn, i.dati.ente_attuatore_id)?;
    let b = store::organizzazione::get_ente_attuatore(conn, d.ente_attuatore_id)?;
    Ok(a.dati.rt_id.is_some() && a.dati.rt_id == b.dati.rt_id)
}
