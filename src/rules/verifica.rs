//! Every finding over the whole database (`check`): the codes that can only be
//! seen across records, or after the office merges desks that could not see
//! each other. Reads go through `store::verifica`; the messages are the same
//! codes as at write time.

use crate::catalogo;
use crate::codice_fiscale;
use crate::domain::DatiPeculiari;
use crate::error::{RecordKind, RecordRef, Result, Severity};
use crate::rules::{Code, Findings, scadenze, servizio};
use crate::store::{servizi, verifica};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

pub fn tutto(conn: &Connection, oggi: NaiveDate) -> Result<Findings> {
    let mut f = Findings::default();
    scadenze_dovute(conn, oggi, &mut f)?;
    modelli(conn, &mut f)?;
    servizi_aperti(conn, &mut f)?;
    f.extend(servizio::check_two_bodies(conn)?);
    for s in servizi::individuali_con_piu_iscritti(conn)? {
        f.extend(servizio::check_individuale(&s, s.iscritti as usize));
    }
    incontri(conn, &mut f)?;
    dati_peculiari(conn, &mut f)?;
    anagrafiche(conn, &mut f)?;
    Ok(f)
}

fn rec(kind: RecordKind, id: crate::ids::Id) -> Option<RecordRef> {
    Some(RecordRef::new(kind, id))
}

/// INC-06 and SER-11, with the severity the deadline has today.
fn scadenze_dovute(conn: &Connection, oggi: NaiveDate, f: &mut Findings) -> Result<()> {
    for s in scadenze::elenco(conn, oggi, &Default::default())?.voci {
        let sev = if s.ritardo {
            Severity::Ritardo
        } else {
            Severity::Avviso
        };
        f.deadline(
            s.code,
            sev,
            RecordRef::new(s.record.kind, s.record.id),
            s.messaggio,
        );
    }
    Ok(())
}

/// MOD-02 and INT-05.
fn modelli(conn: &Connection, f: &mut Findings) -> Result<()> {
    for (id, t, n) in verifica::modelli_con_piu_target(conn)? {
        f.add(
            Code::MOD_02,
            rec(RecordKind::Modello, id),
            Some("target_ids"),
            format!("Il modello «{t}» ha {n} target."),
        );
    }
    for (kind, id, nome) in verifica::istituti_principali_coinvolti(conn)? {
        f.add(
            Code::INT_05,
            rec(kind, id),
            Some("ente_ids"),
            format!("«{nome}» è un istituto principale: indica il plesso o l'indirizzo."),
        );
    }
    Ok(())
}

/// SER-10, SER-04 (no ente) and SER-06, from one pass over open servizi.
fn servizi_aperti(conn: &Connection, f: &mut Findings) -> Result<()> {
    let cataloghi = verifica::cataloghi(conn)?;
    for s in verifica::servizi_aperti(conn)? {
        let r = rec(RecordKind::Servizio, s.id);
        let titolo = &s.titolo;
        if s.numero_destinatari != s.iscritti {
            f.add(
                Code::SER_10,
                r,
                Some("numero_destinatari"),
                format!(
                    "«{titolo}»: numero destinatari {}, iscritti {}.",
                    s.numero_destinatari, s.iscritti
                ),
            );
        }
        // Dispersi are enrolled with no school: a servizio of dispersi only needs none.
        if s.enti == 0 && !(s.iscritti > 0 && s.dispersi == s.iscritti) {
            f.add(
                Code::SER_04,
                r,
                Some("ente_ids"),
                format!("«{titolo}» non ha un ente coinvolto."),
            );
        }
        let azione = cataloghi
            .get(&s.ente_attuatore_id)
            .and_then(|c| catalogo::get(c))
            .and_then(|c| c.azione(&s.codice_azione));
        if azione.is_some_and(|a| a.richiede_azienda) && s.aziende == 0 {
            f.add(
                Code::SER_06,
                r,
                Some("ente_ids"),
                format!("«{titolo}»: indica l'azienda visitata come ente coinvolto."),
            );
        }
    }
    Ok(())
}

/// INC-07 and INC-08 over all incontri.
fn incontri(conn: &Connection, f: &mut Findings) -> Result<()> {
    let cataloghi = verifica::cataloghi(conn)?;
    for i in verifica::durate_incontri(conn)? {
        let bounds = cataloghi
            .get(&i.ente_attuatore_id)
            .and_then(|c| catalogo::get(c))
            .and_then(|c| c.azione(&i.codice_azione))
            .and_then(|a| a.limiti(i.modalita))
            .and_then(|l| l.minuti_incontro);
        if let Some(b) = bounds.filter(|b| !b.contains(i.durata_minuti)) {
            f.add(
                Code::INC_07,
                rec(RecordKind::Incontro, i.id),
                Some("ora_fine"),
                format!(
                    "Incontro di {} per {}: il catalogo prevede {}.",
                    catalogo::minutes(i.durata_minuti),
                    i.codice_azione,
                    b.describe_minutes()
                ),
            );
        }
    }
    for (a, b, data) in verifica::incontri_sovrapposti(conn)? {
        f.add(
            Code::INC_08,
            rec(RecordKind::Incontro, a),
            Some("ora_inizio"),
            format!(
                "Due incontri dello stesso orientatore si sovrappongono il {} (l'altro è {b}).",
                data.format("%d/%m/%Y")
            ),
        );
    }
    Ok(())
}

/// INC-05: open incontri whose participants lack dati peculiari. Enrolments
/// first (far fewer than presences), each distinct value parsed once.
fn dati_peculiari(conn: &Connection, f: &mut Findings) -> Result<()> {
    let mut parsed: HashMap<(String, bool), Vec<&'static str>> = HashMap::new();
    let mut incomplete = Vec::new();
    verifica::iscrizioni_con_incontri_aperti(conn, |servizio, dest, dp, alunno| {
        let missing = parsed
            .entry((dp.to_owned(), alunno))
            .or_insert_with(|| {
                serde_json::from_str::<DatiPeculiari>(dp)
                    .unwrap_or_default()
                    .missing(alunno)
            })
            .clone();
        if !missing.is_empty() {
            incomplete.push((servizio, dest, missing));
        }
    })?;
    for (servizio, dest, missing) in incomplete {
        for inc in verifica::incontri_aperti_con_presente(conn, servizio, dest)? {
            f.add(
                Code::INC_05,
                rec(RecordKind::Incontro, inc),
                Some("dati_peculiari"),
                format!(
                    "Un partecipante ({dest}) non ha {}: l'incontro non si potrà chiudere.",
                    missing.join(", ")
                ),
            );
        }
    }
    Ok(())
}

/// DES-01, DES-02 and DES-03 over the anagrafica.
fn anagrafiche(conn: &Connection, f: &mut Findings) -> Result<()> {
    for d in verifica::anagrafiche(conn)? {
        let r = rec(RecordKind::Destinatario, d.id);
        match codice_fiscale::parse(&d.codice_fiscale) {
            Err(e) if !d.cf_forzato => {
                f.add(Code::DES_01, r, Some("codice_fiscale"), e.message_it())
            }
            Err(_) => {}
            Ok(info) => {
                let sesso = if d.sesso == "F" {
                    codice_fiscale::Sesso::F
                } else {
                    codice_fiscale::Sesso::M
                };
                let luogo = (
                    d.comune_nascita.as_deref(),
                    d.stato_estero_nascita.as_deref(),
                );
                for m in
                    super::destinatario::disaccordi(&info, sesso, d.data_nascita, luogo.0, luogo.1)
                {
                    f.add(Code::DES_02, r, Some("codice_fiscale"), m);
                }
            }
        }
        let vuoto = |v: &Option<String>| v.as_deref().is_none_or(|t| t.trim().is_empty());
        if vuoto(&d.email) && vuoto(&d.telefono) {
            f.add(
                Code::DES_03,
                r,
                Some("email"),
                "Manca sia l'e-mail sia il telefono.".into(),
            );
        }
    }
    Ok(())
}
