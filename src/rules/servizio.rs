//! SER-01…SER-19 (but SER-11, in `scadenze`) and INT-03 on servizi: at
//! create/update, at enrolment, and at close. Durations, meeting counts, group
//! sizes and families come from the catalogue.

use super::Findings;
use crate::catalogo::{self, Azione, Catalogo};
use crate::domain::Vocabolario;
use crate::domain::{
    Intervento, Iscrizione, Modalita, RuoloEnte, Servizio, ServizioDati, StatoIntervento,
    StatoServizio, TipoEnte,
};
use crate::error::{Error, RecordKind, RecordRef, Result};
use crate::ids::Id;
use crate::rules::Code;
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

/// The catalogue action of a servizio's implementing body.
pub fn azione_of(
    conn: &Connection,
    ente_attuatore_id: Id,
    codice: &str,
) -> Result<&'static Azione> {
    let ente = store::organizzazione::get_ente_attuatore(conn, ente_attuatore_id)?;
    let cat = catalogo::get(&ente.dati.catalogo).ok_or_else(|| {
        Error::dati(format!(
            "Il catalogo «{}» dell'ente attuatore non esiste.",
            ente.dati.catalogo
        ))
    })?;
    azione(cat, codice)
}

/// SER-14: a closed servizio is locked.
pub fn refuse_if_closed(s: &Servizio) -> Result<()> {
    if s.stato == StatoServizio::Chiuso {
        let mut f = Findings::default();
        f.add(
            Code::SER_14,
            Some(RecordRef::new(RecordKind::Servizio, s.id)),
            None,
            format!(
                "Il servizio «{}» è chiuso: per modificarlo riaprilo indicando il motivo.",
                s.dati.titolo
            ),
        );
        return f.errors_only();
    }
    Ok(())
}

/// GEN-01: a servizio with closed incontri is never deleted.
pub fn refuse_delete_with_closed_incontri(conn: &Connection, s: &Servizio) -> Result<()> {
    if store::servizi::has_closed_incontri(conn, s.id)? {
        let mut f = Findings::default();
        f.add(
            Code::GEN_01,
            Some(RecordRef::new(RecordKind::Servizio, s.id)),
            None,
            format!(
                "Il servizio «{}» ha incontri chiusi: non si può cancellare.",
                s.dati.titolo
            ),
        );
        return f.errors_only();
    }
    Ok(())
}

/// SER-05: the enti of the intervento that reach a servizio of this action.
/// Individual colloqui take only schools, universities and the modello's
/// coprogettatori (SER-07): a company put on the intervento for an OR8 visit
/// stays there.
pub fn enti_ereditati(
    conn: &Connection,
    intervento: &Intervento,
    modalita: Modalita,
) -> Result<Vec<Id>> {
    if modalita != Modalita::Individuale {
        return Ok(intervento.dati.ente_ids.clone());
    }
    let coprogettatori = coprogettatori(conn, Some(intervento))?;
    let mut out = Vec::new();
    for id in &intervento.dati.ente_ids {
        let e = store::enti::get(conn, *id)?;
        if e.dati.tipo.is_istruzione() || coprogettatori.contains(id) {
            out.push(*id);
        }
    }
    Ok(out)
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
        f.extend(super::intervento::istituti_principali(
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
            Code::DES_04,
            record,
            Some("classe"),
            format!("La classe deve essere un numero da 1 a 5, non {c}."),
        );
    }
}

/// SER-16: an individual servizio is one person's path of colloqui.
pub fn check_individuale(s: &Servizio, iscritti: usize) -> Findings {
    let mut f = Findings::default();
    if s.modalita() == Modalita::Individuale && iscritti > 1 {
        f.add(
            Code::SER_16,
            Some(RecordRef::new(RecordKind::Servizio, s.id)),
            None,
            format!(
                "«{}» è un servizio individuale: ha un solo destinatario ({iscritti} iscritti). Crea un servizio \
                 per ciascuna persona.",
                s.dati.titolo
            ),
        );
    }
    f
}

/// SER-08, SER-15 and DES-04 when a destinatario is enrolled.
pub fn check_enrolment(conn: &Connection, s: &Servizio, i: &Iscrizione) -> Result<Findings> {
    let mut f = Findings::default();
    let record = Some(RecordRef::new(RecordKind::Destinatario, i.destinatario_id));
    check_classe(&i.dati_peculiari, record, &mut f);
    if i.dati_peculiari.disperso
        && let Some(scuola) = s
            .dati
            .ente_ids
            .iter()
            .map(|id| store::enti::get(conn, *id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .find(|e| e.dati.tipo == TipoEnte::Scuola)
    {
        let d = store::destinatari::get(conn, i.destinatario_id)?;
        f.add(
            Code::SER_15,
            record,
            Some("disperso"),
            format!(
                "{} è un disperso ma il servizio ha come ente coinvolto la scuola «{}»: per i dispersi l'ente \
                 coinvolto resta vuoto. Iscrivilo a un servizio per dispersi.",
                d.nome_completo(),
                scuola.dati.nome
            ),
        );
    }
    if let Some((_, ente)) = store::servizi::same_action_other_body(
        conn,
        i.destinatario_id,
        &s.dati.codice_azione,
        s.anno_scolastico(),
        s.dati.ente_attuatore_id,
    )? {
        let d = store::destinatari::get(conn, i.destinatario_id)?;
        f.add(
            Code::SER_08,
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

/// INC-09: the dati peculiari of a person present at a closed incontro are
/// locked with it (the register and the records must keep coinciding).
pub fn check_dati_peculiari_bloccati(
    conn: &Connection,
    s: &Servizio,
    row: &Iscrizione,
) -> Result<Findings> {
    let mut f = Findings::default();
    let stored = store::servizi::iscrizioni(conn, s.id)?
        .into_iter()
        .find(|i| i.destinatario_id == row.destinatario_id);
    let changed = stored.is_some_and(|i| i.dati_peculiari != row.dati_peculiari);
    if changed
        && let Some(data) = store::incontri::closed_with_present(conn, s.id, row.destinatario_id)?
    {
        let d = store::destinatari::get(conn, row.destinatario_id)?;
        f.add(
            Code::INC_09,
            Some(RecordRef::new(RecordKind::Destinatario, d.id)),
            Some("dati_peculiari"),
            format!(
                "{} era presente all'incontro chiuso del {}: i suoi dati peculiari sono bloccati con l'incontro. \
                 Per correggerli riapri l'incontro indicando il motivo.",
                d.nome_completo(),
                data.format("%d/%m/%Y")
            ),
        );
    }
    Ok(f)
}

/// SER-08 over the whole database (`check`, and the office after a merge).
pub fn check_two_bodies(conn: &Connection) -> Result<Findings> {
    let mut f = Findings::default();
    for x in store::servizi::same_action_two_bodies(conn)? {
        f.add(
            Code::SER_08,
            Some(RecordRef::new(RecordKind::Destinatario, x.destinatario_id)),
            None,
            format!(
                "{} riceve {} nell'a.s. {} da due enti attuatori (servizi {} e {}): la stessa azione non può \
                 essere erogata da due enti alla stessa persona.",
                x.nome,
                x.codice_azione,
                crate::domain::AnnoScolastico(x.anno_scolastico),
                x.servizi.0,
                x.servizi.1
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
            Code::SER_10,
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
            Code::SER_13,
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
    let chiusi = incontri
        .iter()
        .filter(|i| i.stato == crate::domain::StatoIncontro::Chiuso)
        .count() as u32;
    if let Some(n) = azione
        .limiti(s.modalita())
        .and_then(|l| l.incontri)
        .filter(|n| !n.contains(chiusi))
    {
        f.add_bound(
            Code::SER_19,
            azione.provvisorio,
            record,
            None,
            format!(
                "Il servizio ha {chiusi} incontri: per {} il catalogo prevede {}.",
                s.dati.codice_azione,
                n.describe_count("incontri")
            ),
        );
    }
    if let Some(p) = azione
        .limiti(s.modalita())
        .and_then(|l| l.minuti_percorso)
        .filter(|p| !p.contains(minuti))
    {
        f.add_bound(
            Code::SER_12,
            azione.provvisorio,
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
            Code::SER_04,
            record,
            Some("ente_ids"),
            "Il servizio non ha un ente coinvolto: indica la scuola (o università) dei destinatari; \
             si lascia vuoto solo se tutti i destinatari sono dispersi."
                .into(),
        );
    }
    f.extend(check_numero(s, iscrizioni.len() as u32));
    f.extend(check_individuale(s, iscrizioni.len()));
    Ok(f)
}
