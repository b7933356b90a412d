//! One row of a class list read on its own, without the database: each
//! field from its column, normalised, and checked by the rules that need no
//! other record (DES-01…DES-04, limits), each finding with its cell.

use super::peculiari::leggi_dati_peculiari;
use super::*;

/// The cells of one row, by field.
pub(super) struct Lettore<'a> {
    pub g: &'a Griglia,
    pub r: usize,
    pub indice: &'a HashMap<Campo, usize>,
    pub scelte: &'a Scelte,
    pub ignoti: &'a Ignoti,
}

impl Lettore<'_> {
    pub(super) fn get(&self, c: Campo) -> Option<(&str, String)> {
        let col = *self.indice.get(&c)?;
        let v = self.g.cella(self.r, col);
        (!v.is_empty()).then(|| (v, nome_cella(self.r, col)))
    }
    pub(super) fn testo(&self, c: Campo) -> Option<String> {
        self.get(c).map(|(v, _)| v.to_string())
    }
}

/// Reads and checks one row on its own (no database).
pub(super) fn leggi_riga(
    l: &Lettore,
    oggi: chrono::NaiveDate,
    forzature: &HashMap<u32, &str>,
    contatti_scuola: Option<&(Option<String>, Option<String>)>,
) -> RigaPiano {
    let numero = l.r as u32 + 1;
    let mut segnalazioni = Vec::new();
    let mut s = Segnala(&mut segnalazioni);
    let (cognome, nome) = cognome_nome(l, &mut s);
    let forzatura = forzature.get(&numero).map(|m| Forzatura {
        motivo: m.to_string(),
    });
    let (cf, info) = codice(l, &mut s, forzatura.is_some());
    let sesso = sesso(l, &mut s, info.as_ref());
    let nascita = nascita(l, &mut s, oggi);
    let (comune_nascita, stato_estero_nascita) = luogo(l, nascita);
    if let (Some(info), Some(sx), Some(d)) = (&info, sesso, nascita) {
        let luogo = (comune_nascita.as_deref(), stato_estero_nascita.as_deref());
        for m in crate::rules::destinatario::disaccordi(info, sx, d, luogo.0, luogo.1) {
            s.avviso(Code::DES_02, cella(l, Campo::CodiceFiscale), m);
        }
    }
    let (email, telefono) = recapiti(l, &mut s, contatti_scuola);
    let dati_peculiari = leggi_dati_peculiari(l, &mut s);
    let dati = match (cognome, nome, sesso, nascita) {
        (Some(cognome), Some(nome), Some(sesso), Some(data_nascita)) if !cf.is_empty() => {
            Some(DestinatarioDati {
                codice_fiscale: cf,
                cognome,
                nome,
                sesso,
                data_nascita,
                comune_nascita,
                stato_estero_nascita,
                citta_estera_nascita: l.testo(Campo::CittaEsteraNascita),
                cittadinanza: l.testo(Campo::Cittadinanza),
                email,
                telefono,
                forzatura,
            })
        }
        _ => None,
    };
    if let Some(d) = &dati {
        lunghezze(d, &mut s);
    }
    let errore = segnalazioni.iter().any(|x| x.severity == Severity::Errore);
    RigaPiano {
        riga: numero,
        esito: if errore || dati.is_none() {
            EsitoRiga::Errore
        } else {
            EsitoRiga::Nuovo
        },
        destinatario_id: None,
        dati,
        dati_peculiari,
        segnalazioni,
    }
}

/// The name of the cell of a field's column in this row, when the file has the column.
fn cella(l: &Lettore, campo: Campo) -> Option<String> {
    l.indice.get(&campo).map(|&c| nome_cella(l.r, c))
}

/// Cognome and nome, from their two columns or from one "Cognome e nome".
fn cognome_nome(l: &Lettore, s: &mut Segnala) -> (Option<String>, Option<String>) {
    let (cognome, nome) = match (
        l.get(Campo::Cognome),
        l.get(Campo::Nome),
        l.get(Campo::CognomeNome),
    ) {
        (Some((c, _)), Some((n, _)), _) => (Some(c.to_string()), Some(n.to_string())),
        (_, _, Some((cn, cella))) => {
            match normalizza::cognome_nome(cn) {
                Some((c, n)) => (Some(c), Some(n)),
                None => {
                    s.errore(
                    "DATI",
                    Some(cella),
                    format!("Non riesco a separare cognome e nome in «{cn}»: scrivili in due colonne."),
                );
                    (None, None)
                }
            }
        }
        _ => (l.testo(Campo::Cognome), l.testo(Campo::Nome)),
    };
    for (v, campo, what) in [
        (&cognome, Campo::Cognome, "il cognome"),
        (&nome, Campo::Nome, "il nome"),
    ] {
        if v.is_none() && l.get(Campo::CognomeNome).is_none() {
            s.errore("DATI", cella(l, campo), format!("Manca {what}."));
        }
    }
    (cognome, nome)
}

/// The codice fiscale as written (normalised) and what it says, when it is
/// valid (DES-01; with a forzatura for the row a wrong one is accepted).
fn codice(l: &Lettore, s: &mut Segnala, forzato: bool) -> (String, Option<codice_fiscale::CfInfo>) {
    let cf_cella = cella(l, Campo::CodiceFiscale);
    let cf = l
        .testo(Campo::CodiceFiscale)
        .map(|t| codice_fiscale::normalize(&t))
        .unwrap_or_default();
    if cf.is_empty() {
        s.push(
            Code::DES_01,
            Severity::Errore,
            cf_cella,
            "Manca il codice fiscale.".into(),
            false,
        );
        return (cf, None);
    }
    let info = match codice_fiscale::parse(&cf) {
        Ok(info) => Some(info),
        Err(e) if forzato => {
            let messaggio = format!("{} Accettato con forzatura.", e.message_it());
            s.deroga(Code::DES_01, Deroga::Forzatura, cf_cella, messaggio);
            None
        }
        Err(e) => {
            let messaggio = format!(
                "{} Se il codice è giusto così puoi forzarlo indicando il motivo.",
                e.message_it()
            );
            s.errore(Code::DES_01, cf_cella, messaggio);
            None
        }
    };
    (cf, info)
}

/// The sex as written, or as the codice fiscale says.
fn sesso(
    l: &Lettore,
    s: &mut Segnala,
    info: Option<&codice_fiscale::CfInfo>,
) -> Option<codice_fiscale::Sesso> {
    match l.get(Campo::Sesso) {
        Some((t, cella)) => normalizza::sesso(t).or_else(|| {
            s.errore(
                "DATI",
                Some(cella),
                format!("Sesso «{t}» non riconosciuto: scrivi M o F."),
            );
            None
        }),
        None => info.map(|i| i.sesso).or_else(|| {
            s.errore("DATI", None, "Manca il sesso (M o F).".into());
            None
        }),
    }
}

/// The birth date, within the limits of a person's age.
fn nascita(l: &Lettore, s: &mut Segnala, oggi: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    let Some((t, cella_data)) = l.get(Campo::DataNascita) else {
        s.errore(
            "DATI",
            cella(l, Campo::DataNascita),
            "Manca la data di nascita.".into(),
        );
        return None;
    };
    let Some(d) = normalizza::data(t) else {
        let messaggio = format!("Data di nascita «{t}» non valida: scrivila come gg/mm/aaaa.");
        s.errore("DATI", Some(cella_data), messaggio);
        return None;
    };
    match crate::limiti::data_nascita(d, oggi) {
        Ok(()) => Some(d),
        Err(e) => {
            s.errore("DATI", Some(cella_data), e.to_string());
            None
        }
    }
}

/// Comune and foreign state of birth: a state's name in the comune column
/// ("Romania") is a foreign state.
fn luogo(l: &Lettore, nascita: Option<chrono::NaiveDate>) -> (Option<String>, Option<String>) {
    let (mut comune, mut stato) = (
        l.testo(Campo::ComuneNascita),
        l.testo(Campo::StatoEsteroNascita),
    );
    if stato.is_none()
        && let (Some(c), Some(d)) = (&comune, nascita)
        && crate::luoghi::e_stato_estero(c, d)
    {
        stato = comune.take();
    }
    (comune, stato)
}

/// E-mail and telephone (DES-03), or the school's when the user chose so.
fn recapiti(
    l: &Lettore,
    s: &mut Segnala,
    contatti_scuola: Option<&(Option<String>, Option<String>)>,
) -> (Option<String>, Option<String>) {
    let (email, telefono) = (l.testo(Campo::Email), l.testo(Campo::Telefono));
    if email.is_some() || telefono.is_some() {
        return (email, telefono);
    }
    match contatti_scuola {
        Some((e, t)) => {
            let messaggio = "Né e-mail né telefono: usati i recapiti della scuola.".into();
            s.deroga(Code::DES_03, Deroga::ContattiScuola, None, messaggio);
            (e.clone(), t.clone())
        }
        None => {
            s.errore(
                Code::DES_03,
                cella(l, Campo::Email),
                "Manca sia l'e-mail sia il telefono: aggiungine uno, oppure scegli di usare i recapiti della scuola."
                    .into(),
            );
            (None, None)
        }
    }
}

/// Every text within its length limit.
fn lunghezze(d: &DestinatarioDati, s: &mut Segnala) {
    let campi = [
        ("cognome", Some(&d.cognome)),
        ("nome", Some(&d.nome)),
        ("comune_nascita", d.comune_nascita.as_ref()),
        ("stato_estero_nascita", d.stato_estero_nascita.as_ref()),
        ("citta_estera_nascita", d.citta_estera_nascita.as_ref()),
        ("cittadinanza", d.cittadinanza.as_ref()),
        ("email", d.email.as_ref()),
        ("telefono", d.telefono.as_ref()),
    ];
    for (campo, v) in campi {
        if let Some(Err(e)) = v.map(|v| crate::limiti::testo(campo, v)) {
            s.errore("DATI", None, e.to_string());
        }
    }
}
