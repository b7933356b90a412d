//! A row against what the database already holds: the same person twice
//! in the file, a person already registered (DES-05), enrolment rules
//! (SER-08).

use super::*;

/// Duplicates in the file, existing destinatari (DES-05), enrolment rules (SER-08).
pub(super) fn controlla_db(
    conn: &rusqlite::Connection,
    servizio: &Servizio,
    riga: &mut RigaPiano,
    visti: &mut HashMap<String, u32>,
) -> Result<()> {
    let Some(d) = &riga.dati else { return Ok(()) };
    let mut s = Segnala(&mut riga.segnalazioni);
    if let Some(prima) = visti.get(&d.codice_fiscale) {
        s.errore(
            Code::DES_05,
            None,
            format!(
                "Il codice fiscale {} compare già alla riga {prima}: è la stessa persona.",
                d.codice_fiscale
            ),
        );
        riga.esito = EsitoRiga::Errore;
        return Ok(());
    }
    visti.insert(d.codice_fiscale.clone(), riga.riga);
    if let Some(esistente) = store::destinatari::by_cf(conn, &d.codice_fiscale)? {
        riga.destinatario_id = Some(esistente.id);
        if riga.esito == EsitoRiga::Errore {
            return Ok(());
        }
        riga.esito = if store::servizi::is_enrolled(conn, servizio.id, esistente.id)? {
            EsitoRiga::GiaIscritto
        } else {
            EsitoRiga::Esistente
        };
        if !esistente.dati.cognome.eq_ignore_ascii_case(&d.cognome)
            || !esistente.dati.nome.eq_ignore_ascii_case(&d.nome)
        {
            s.deroga(
                Code::DES_05,
                Deroga::StessaPersona,
                None,
                format!(
                    "Il codice fiscale è già di {}: si usa la sua scheda (nel file: {} {}).",
                    esistente.nome_completo(),
                    d.cognome,
                    d.nome
                ),
            );
        }
    }
    // SER-08 for people already known (a new person has no other servizi yet).
    if let (EsitoRiga::Esistente, Some(id)) = (riga.esito, riga.destinatario_id) {
        let iscrizione = Iscrizione {
            destinatario_id: id,
            dati_peculiari: riga
                .dati_peculiari
                .clone()
                .with_defaults(&servizio.dati.dati_peculiari),
        };
        let f = crate::rules::servizio::check_enrolment(conn, servizio, &iscrizione)?;
        // The same severities as enrolling by hand: SER-08 blocks, SER-15 warns.
        for x in f.0.iter().filter(|x| x.code != Code::DES_04) {
            if x.severity == Severity::Errore {
                s.errore(x.code, None, x.message.clone());
                riga.esito = EsitoRiga::Errore;
            } else {
                s.avviso(x.code, None, x.message.clone());
            }
        }
    }
    Ok(())
}
