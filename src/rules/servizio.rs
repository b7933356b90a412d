//! SER-01…SER-10, SER-12, SER-13 and INT-03 on servizi: at create/update,
//! at enrolment, and at close. Durations and families come from the catalogue.

use super::Findings;
use crate::catalogo::{self, Azione, Catalogo};
use crate::domain::{
    Intervento, Iscrizione, Modalita, RuoloEnte, Servizio, ServizioDati, StatoIntervento, TipoEnte,
};
use crate::error::{Error, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::store;
use rusqlite::Connection;

/// The action of `codice` in the body's catalogue, or a clear error.
pub fn azione<'c>(catalogo: &'c Catalogo, codice: &str) -> Result<&'c Azione> {
    catalogo.azione(codice).ok_or_else(|| {
        Error::dati_campo(
            "codice_azione",
            format!(
                "Il codice azione «{codice}» non è nel catalogo «{}» dell'ente attuatore. Codici ammessi: {}.",
                catalogo.testata.nome,
                catalogo.azioni.iter().map(|a| a.codice.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

/// What the command resolved before the rules run.
pub struct Contesto<'a> {
    pub azione: &'a Azione,
    pub modalita: Modalita,
    pub intervento: Option<&'a Intervento>,
    /// The stored servizio, on update.
    pub before: Option<&'a Servizio>,
    pub record: Option<RecordRef>,
}

/// On create and update; `d` already carries the inherited enti and resolved defaults.
pub fn check_input(conn: &Connection, d: &ServizioDati, c: &Contesto) -> Result<Findings> {
    let mut f = Findings::default();
    let record = c.record;
    match (c.before, c.intervento) {
        (None, Some(i)) if i.stato != StatoIntervento::Attivo => f.add(
            "INT-03",
            record,
            Some("intervento_id"),
            format!("L'intervento «{}» è in bozza: attivalo prima di collegarci servizi.", i.dati.titolo),
        ),
        (Some(b), _) if b.dati.intervento_id != d.intervento_id => f.add(
            "INT-03",
            record,
            Some("intervento_id"),
            "Il collegamento a un intervento si sceglie solo alla creazione del servizio: non si aggiunge né si \
             toglie dopo. Crea il servizio partendo dall'intervento."
                .into(),
        ),
        _ => {}
    }

    let sede = store::organizzazione::get_sede(conn, d.sede_id)?;
    if sede.dati.ente_attuatore_id != d.ente_attuatore_id {
        f.add(
            "SER-01",
            record,
            Some("sede_id"),
            format!("La sede «{}» non è una sede dell'ente attuatore del servizio: scegli una delle sue sedi.", sede.dati.nome),
        );
    }

    match c.azione.limiti(c.modalita) {
        None => f.add(
            "SER-02",
            record,
            Some("modalita"),
            format!(
                "Il catalogo non prevede {} in modalità {}.",
                c.azione.codice,
                c.modalita.as_str()
            ),
        ),
        Some(l) => {
            if let Some(p) = l
                .minuti_percorso
                .filter(|p| !p.contains(d.durata_prevista_minuti))
            {
                f.add(
                    "SER-02",
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

    if c.azione.famiglie && d.numero_famiglie.is_none() {
        f.add(
            "SER-03",
            record,
            Some("numero_famiglie"),
            format!(
                "Per {} indica il numero famiglie (0 se partecipano solo i ragazzi).",
                c.azione.codice
            ),
        );
    }

    if d.target_ids.is_empty() {
        f.add(
            "SER-04",
            record,
            Some("target_ids"),
            "Indica il target destinatari del servizio.".into(),
        );
    }
    if d.cms_ids.is_empty() {
        f.add(
            "SER-04",
            record,
            Some("cms_ids"),
            "Indica almeno una CMS (caratteristica) del servizio.".into(),
        );
    }

    if let Some(i) = c.intervento {
        let mut inherited = i.dati.ente_ids.clone();
        let mut given = d.ente_ids.clone();
        inherited.sort();
        given.sort();
        if inherited != given {
            f.add(
                "SER-05",
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
        f.extend(super::intervento::istituti_principali(
            conn,
            &d.ente_ids,
            record,
        )?);
    }

    let enti = d
        .ente_ids
        .iter()
        .map(|id| store::enti::get(conn, *id))
        .collect::<Result<Vec<_>>>()?;
    if c.azione.richiede_azienda && !enti.iter().any(|e| e.dati.tipo == TipoEnte::Azienda) {
        f.add(
            "SER-06",
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
                "SER-07",
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

    if let Some(prev) = &c.azione.continua {
        let anno = d.anno_scolastico.expect("resolved by the command");
        let ok = match d.intervento_id {
            Some(i) => store::servizi::has_earlier_action(conn, i, prev, anno)?,
            None => false,
        };
        if !ok {
            f.add(
                "SER-09",
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
    Ok(f)
}

/// Enti that the linked modello lists as coprogettatori (allowed in individual colloqui, 000 §6).
fn coprogettatori(conn: &Connection, intervento: Option<&Intervento>) -> Result<Vec<Id>> {
    let Some(modello_id) = intervento.and_then(|i| i.dati.modello_id) else {
        return Ok(vec![]);
    };
    let m = store::modelli::get(conn, modello_id)?;
    Ok(m.dati
        .enti
        .iter()
        .filter(|e| e.ruolo == RuoloEnte::Coprogettatore)
        .map(|e| e.ente_id)
        .collect())
}

/// DES-04 on dati peculiari.
pub fn check_classe(
    dp: &crate::domain::DatiPeculiari,
    record: Option<RecordRef>,
    f: &mut Findings,
) {
    if let Some(c) = dp.classe.filter(|c| !(1..=5).contains(c)) {
        f.add(
            "DES-04",
            record,
            Some("classe"),
            format!("La classe deve essere un numero da 1 a 5, non {c}."),
        );
    }
}

/// SER-08 and DES-04 when a destinatario is enrolled.
pub fn check_enrolment(conn: &Connection, s: &Servizio, i: &Iscrizione) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Destinatario, i.destinatario_id));
    check_classe(&i.dati_peculiari, record, &mut f);
    if let Some((_, ente)) = store::servizi::same_action_other_body(
        conn,
        i.destinatario_id,
        &s.dati.codice_azione,
        s.anno_scolastico(),
        s.dati.ente_attuatore_id,
    )? {
        let d = store::destinatari::get(conn, i.destinatario_id)?;
        f.add(
            "SER-08",
            record,
            None,
            format!(
                "{} riceve già {} nell'a.s. {} da «{ente}»: la stessa azione non può essere erogata da due enti \
                 attuatori alla stessa persona.",
                d.nome_completo(),
                s.dati.codice_azione,
                s.anno_scolastico()
            ),
        );
    }
    Ok(f)
}

/// SER-10: numero destinatari against the enrolled.
pub fn check_numero(s: &Servizio, iscritti: u32) -> Findings {
    let mut f = Findings::default();
    if s.dati.numero_destinatari != iscritti {
        f.add(
            "SER-10",
            Some(RecordRef::new(RecordKind::Servizio, s.id)),
            Some("numero_destinatari"),
            format!(
                "Il servizio indica {} destinatari ma ne ha {iscritti} iscritti: aggiorna il numero o gli iscritti.",
                s.dati.numero_destinatari
            ),
        );
    }
    f
}

/// SER-13, SER-12, SER-04 (ente, unless all dispersi) and SER-10 at close.
pub fn check_close(conn: &Connection, s: &Servizio, azione: &Azione) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Servizio, s.id));
    let incontri = store::incontri::of_servizio(conn, s.id)?;
    let aperti = incontri
        .iter()
        .filter(|i| i.stato == crate::domain::StatoIncontro::Aperto)
        .count();
    if aperti > 0 {
        f.add(
            "SER-13",
            record,
            None,
            format!("Chiudi prima i {aperti} incontri ancora aperti del servizio."),
        );
    }
    let minuti: u32 = incontri
        .iter()
        .filter(|i| i.stato == crate::domain::StatoIncontro::Chiuso)
        .map(|i| i.durata())
        .sum();
    if let Some(p) = azione
        .limiti(s.modalita())
        .and_then(|l| l.minuti_percorso)
        .filter(|p| !p.contains(minuti))
    {
        f.add(
            "SER-12",
            record,
            None,
            format!(
                "Gli incontri chiusi sommano {}: per {} il catalogo chiede {}.",
                catalogo::minutes(minuti),
                s.dati.codice_azione,
                p.describe_minutes()
            ),
        );
    }
    let iscrizioni = store::servizi::iscrizioni(conn, s.id)?;
    let tutti_dispersi =
        !iscrizioni.is_empty() && iscrizioni.iter().all(|i| i.dati_peculiari.disperso);
    if s.dati.ente_ids.is_empty() && !tutti_dispersi {
        f.add(
            "SER-04",
            record,
            Some("ente_ids"),
            "Il servizio non ha un ente coinvolto: indica la scuola (o università) dei destinatari; \
             si lascia vuoto solo se tutti i destinatari sono dispersi."
                .into(),
        );
    }
    f.extend(check_numero(s, iscrizioni.len() as u32));
    Ok(f)
}
