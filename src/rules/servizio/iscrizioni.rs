//! Who is enrolled: DES-04 and SER-15 on a person's dati peculiari, SER-08
//! (the same action from two bodies), INC-09 (what a closed register holds),
//! and, wherever the enrolled change, SER-10 (the number declared) and SER-16
//! (one person per individual servizio).

use crate::domain::{Iscrizione, Modalita, Servizio, TipoEnte};
use crate::error::{RecordKind, RecordRef, Result};
use crate::rules::{Code, Findings};
use crate::store;
use rusqlite::Connection;

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
