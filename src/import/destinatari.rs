//! Participants from a school's file into a servizio: plan (the preview, row by
//! row, with rule codes and cells), then apply exactly that plan in one transaction.

use super::colonne::{Campo, Colonna, trova_intestazione};
use super::lettura::{Griglia, nome_cella};
use super::normalizza;
use crate::codice_fiscale;
use crate::context::Ctx;
use crate::domain::dati_peculiari::{
    CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio, Vocabolario,
};
use crate::domain::{DatiPeculiari, DestinatarioDati, Forzatura, Iscrizione, Servizio};
use crate::error::{Error, RecordKind, Result, Severity};
use crate::ids::Id;
use crate::rules::Code;
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// What the user asks: preview only, or apply the plan they saw.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Opzioni {
    /// Where a row has no e-mail nor telefono, use the school's (DES-03).
    #[serde(default)]
    pub usa_contatti_scuola: bool,
    /// Rows whose codice fiscale is accepted anyway, with the reason (DES-01).
    #[serde(default)]
    pub forzature: Vec<ForzaturaRiga>,
    /// What to do with each value of a closed column the import did not
    /// recognise (the preview's `da_decidere`).
    #[serde(default)]
    pub scelte: Vec<SceltaValore>,
}

/// One decision for a value not recognised, for all the rows that hold it:
/// a value of the vocabulary (its code), or none (the field left empty).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SceltaValore {
    pub campo: Campo,
    /// As the file writes it.
    pub valore: String,
    pub voce: Option<String>,
}

/// A value of a closed column (titolo di studio, condizioni) that no
/// vocabulary entry matches, however forgivingly: asked once, not per row.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DaDecidere {
    pub campo: Campo,
    pub intestazione: String,
    /// The column's letter in the sheet.
    pub colonna: String,
    pub valore: String,
    /// The value as decisions key it (spacing and case folded): the window
    /// keeps its choices by it, so it never folds text itself.
    pub chiave: String,
    /// How many rows hold it.
    pub righe: u32,
    /// The choices: code and label of each vocabulary entry.
    pub ammessi: Vec<(String, String)>,
}

/// A value as the decisions key it: spacing and case do not matter.
fn chiave_valore(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

type Scelte = HashMap<(Campo, String), Option<String>>;
/// Values still to decide: (field, key) → (as written, column, rows, choices).
type Ignoti = std::cell::RefCell<std::collections::BTreeMap<(Campo, String), DaDecidere>>;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ForzaturaRiga {
    pub riga: u32,
    pub motivo: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Esito {
    /// A new destinatario, created and enrolled.
    Nuovo,
    /// Already in the database (same CF, DES-05): enrolled, anagrafica untouched.
    Esistente,
    /// Already enrolled in this servizio: nothing to do.
    GiaIscritto,
    /// Not written.
    Errore,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Segnalazione {
    /// A rule code of domain.md §4, or `DATI` for a value that cannot be read.
    pub code: String,
    pub severity: Severity,
    /// The cell, as the spreadsheet names it (`C12`).
    pub cella: Option<String>,
    pub messaggio: String,
    /// Whether a forzatura of the row lets it through (DES-01).
    pub forzabile: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RigaPiano {
    /// Row number as the spreadsheet shows it.
    pub riga: u32,
    pub esito: Esito,
    pub destinatario_id: Option<Id>,
    pub dati: Option<DestinatarioDati>,
    pub dati_peculiari: DatiPeculiari,
    pub segnalazioni: Vec<Segnalazione>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Piano {
    pub servizio_id: Id,
    pub foglio: String,
    pub riga_intestazione: u32,
    pub colonne: Vec<Colonna>,
    pub righe: Vec<RigaPiano>,
    pub nuovi: u32,
    pub esistenti: u32,
    pub gia_iscritti: u32,
    pub errori: u32,
    pub avvisi: u32,
    /// Values not recognised, one decision each, before the import can be applied.
    pub da_decidere: Vec<DaDecidere>,
    /// Identifies this exact plan: applying requires the same fingerprint, so
    /// what is written is what the user saw.
    pub impronta: String,
}

/// Progress of a long operation (import, batch print), for a progress bar.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Avanzamento {
    pub fase: &'static str,
    pub fatto: usize,
    pub totale: usize,
}

/// Reads the grid and checks every row against the database; writes nothing.
pub fn pianifica(
    store: &Store,
    servizio_id: Id,
    oggi: chrono::NaiveDate,
    g: &Griglia,
    opzioni: &Opzioni,
    progresso: &dyn Fn(Avanzamento),
) -> Result<Piano> {
    let conn = store.read();
    let servizio = store::servizi::get(conn, servizio_id)?;
    crate::rules::servizio::refuse_if_closed(&servizio)?;
    let (riga_h, colonne) = trova_intestazione(g).ok_or_else(|| {
        Error::dati(
            "Non trovo la riga di intestazione nelle prime 20 righe: servono almeno tre colonne riconoscibili \
             come «Codice fiscale», «Cognome», «Nome», «Data di nascita». Usa il modello Excel di Sportello.",
        )
    })?;
    let indice: HashMap<Campo, usize> = colonne
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            c.campo
                .map(|f| (f, colonna_indice(&c.colonna).unwrap_or(i)))
        })
        .collect();
    let manca = |c: Campo| !indice.contains_key(&c);
    if manca(Campo::CodiceFiscale)
        || (manca(Campo::CognomeNome) && (manca(Campo::Cognome) || manca(Campo::Nome)))
    {
        return Err(Error::dati(
            "Il file deve avere almeno le colonne «Codice fiscale», «Cognome» e «Nome» (o «Cognome e nome»).",
        ));
    }
    let contatti_scuola = if opzioni.usa_contatti_scuola {
        contatti_scuola(conn, &servizio)?
    } else {
        None
    };
    let forzature: HashMap<u32, &str> = opzioni
        .forzature
        .iter()
        .filter(|f| !f.motivo.trim().is_empty())
        .map(|f| (f.riga, f.motivo.trim()))
        .collect();
    let dati_righe: Vec<usize> = (riga_h + 1..g.righe.len())
        .filter(|&r| g.righe[r].iter().any(|c| !c.trim().is_empty()))
        .collect();
    let scelte: Scelte = opzioni
        .scelte
        .iter()
        .map(|c| ((c.campo, chiave_valore(&c.valore)), c.voce.clone()))
        .collect();
    let ignoti = Ignoti::default();
    let mut righe = Vec::with_capacity(dati_righe.len());
    let mut visti: HashMap<String, u32> = HashMap::new();
    for (n, &r) in dati_righe.iter().enumerate() {
        let lettore = Lettore {
            g,
            r,
            indice: &indice,
            scelte: &scelte,
            ignoti: &ignoti,
        };
        let mut riga = leggi_riga(&lettore, oggi, &forzature, contatti_scuola.as_ref());
        controlla_db(conn, &servizio, &mut riga, &mut visti)?;
        righe.push(riga);
        if n % 500 == 0 {
            progresso(Avanzamento {
                fase: "verifica",
                fatto: n,
                totale: dati_righe.len(),
            });
        }
    }
    progresso(Avanzamento {
        fase: "verifica",
        fatto: dati_righe.len(),
        totale: dati_righe.len(),
    });
    let conta = |e: Esito| righe.iter().filter(|r| r.esito == e).count() as u32;
    let mut piano = Piano {
        servizio_id,
        foglio: g.foglio.clone(),
        riga_intestazione: riga_h as u32 + 1,
        colonne,
        nuovi: conta(Esito::Nuovo),
        esistenti: conta(Esito::Esistente),
        gia_iscritti: conta(Esito::GiaIscritto),
        errori: conta(Esito::Errore),
        avvisi: righe
            .iter()
            .filter(|r| {
                r.esito != Esito::Errore
                    && r.segnalazioni
                        .iter()
                        .any(|s| s.severity != Severity::Errore)
            })
            .count() as u32,
        righe,
        da_decidere: ignoti.into_inner().into_values().collect(),
        impronta: String::new(),
    };
    piano.impronta = impronta(&piano);
    Ok(piano)
}

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
    let abort_dopo: Option<usize> = std::env::var("SPORTELLO_TEST_ABORT_IMPORT_AFTER")
        .ok()
        .and_then(|v| v.parse().ok());
    store.write(ctx, "importa_destinatari", |tx| {
        let piano = pianifica(store, servizio_id, ctx.oggi, g, opzioni, progresso)?;
        if !piano.da_decidere.is_empty() {
            let valori: Vec<String> =
                piano.da_decidere.iter().map(|d| format!("«{}» ({})", d.valore, d.intestazione)).collect();
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
        let servizio = store::servizi::get(tx, servizio_id)?;
        let da_scrivere: Vec<&RigaPiano> =
            piano.righe.iter().filter(|r| matches!(r.esito, Esito::Nuovo | Esito::Esistente)).collect();
        // A forzatura records who made it (DES-01): a known, active user.
        if da_scrivere.iter().any(|r| r.dati.as_ref().is_some_and(|d| d.forzatura.is_some())) {
            crate::rules::utente_noto(tx, ctx, Code::DES_01, None)?;
        }
        let nuovi = da_scrivere
            .iter()
            .filter(|r| r.destinatario_id.is_none_or(|id| !store::servizi::is_enrolled(tx, servizio_id, id).unwrap_or(false)))
            .count();
        crate::rules::servizio::check_individuale(&servizio, servizio.iscritti as usize + nuovi).errors_only()?;
        let (mut creati, mut iscritti) = (0, 0);
        for (n, r) in da_scrivere.iter().enumerate() {
            // Test hook: a crash in the middle of the transaction must leave nothing written.
            if abort_dopo == Some(n) {
                std::process::abort();
            }
            let id = match (r.esito, r.destinatario_id, &r.dati) {
                (Esito::Esistente, Some(id), _) => id,
                (_, _, Some(d)) => {
                    let id = Id::new();
                    store::destinatari::insert(tx, id, d)?;
                    if let (Err(_), Some(z)) = (codice_fiscale::parse(&d.codice_fiscale), &d.forzatura) {
                        tx.record_forzatura(Code::DES_01, RecordKind::Destinatario, id, &d.codice_fiscale, z.motivo.trim())?;
                    }
                    tx.log(RecordKind::Destinatario, id, &format!("importato dalla riga {}", r.riga))?;
                    creati += 1;
                    id
                }
                _ => unreachable!("a plan row to write has a destinatario"),
            };
            let dp = r.dati_peculiari.clone().with_defaults(&servizio.dati.dati_peculiari);
            store::servizi::enrol(tx, servizio_id, id, &dp)?;
            tx.log(RecordKind::Servizio, servizio_id, &format!("iscrizione {id}"))?;
            iscritti += 1;
            if n % 500 == 0 {
                progresso(Avanzamento { fase: "scrittura", fatto: n, totale: da_scrivere.len() });
            }
        }
        progresso(Avanzamento { fase: "scrittura", fatto: da_scrivere.len(), totale: da_scrivere.len() });
        Ok((piano, creati, iscritti))
    })
}

fn colonna_indice(lettere: &str) -> Option<usize> {
    lettere
        .bytes()
        .try_fold(0usize, |acc, b| {
            b.is_ascii_uppercase()
                .then(|| acc * 26 + usize::from(b - b'A') + 1)
        })
        .map(|n| n - 1)
}

/// The cells of one row, by field.
struct Lettore<'a> {
    g: &'a Griglia,
    r: usize,
    indice: &'a HashMap<Campo, usize>,
    scelte: &'a Scelte,
    ignoti: &'a Ignoti,
}

impl Lettore<'_> {
    fn get(&self, c: Campo) -> Option<(&str, String)> {
        let col = *self.indice.get(&c)?;
        let v = self.g.cella(self.r, col);
        (!v.is_empty()).then(|| (v, nome_cella(self.r, col)))
    }
    fn testo(&self, c: Campo) -> Option<String> {
        self.get(c).map(|(v, _)| v.to_string())
    }
}

struct Segnala<'a>(&'a mut Vec<Segnalazione>);

/// Why the preview only warns where `RULES` would block: the row is
/// accepted, and the warning says how. Each downgrade is named here, once.
#[derive(Clone, Copy)]
enum Deroga {
    /// DES-01 with a forzatura given for the row.
    Forzatura,
    /// DES-03 satisfied by the school's contacts, as the user chose.
    ContattiScuola,
    /// DES-04: "II", "seconda", "2ª" read as 2 (domain.md §4).
    ClasseNormalizzata,
    /// DES-05: the CF matches an existing person, who is used (not duplicated).
    StessaPersona,
}

impl Segnala<'_> {
    /// A finding of `code` with the severity `RULES` gives it; `DATI` (not a
    /// rule: unreadable data) is always an error.
    fn errore(&mut self, code: impl AsRef<str>, cella: Option<String>, messaggio: String) {
        let code = code.as_ref();
        let rule = crate::rules::rule(code);
        let severity = match rule.map(|r| r.kind) {
            None | Some(crate::rules::Kind::Errore) => Severity::Errore,
            Some(_) => Severity::Avviso,
        };
        self.push(
            code,
            severity,
            cella,
            messaggio,
            rule.is_some_and(|r| r.forzabile),
        );
    }
    /// A rule that is a warning in `RULES` (DES-02).
    fn avviso(&mut self, code: impl AsRef<str>, cella: Option<String>, messaggio: String) {
        let code = code.as_ref();
        debug_assert!(
            crate::rules::rule(code).is_some_and(|r| r.kind != crate::rules::Kind::Errore)
        );
        self.push(code, Severity::Avviso, cella, messaggio, false);
    }
    /// A blocking rule met in an allowed way: a warning, for the reason named.
    fn deroga(
        &mut self,
        code: impl AsRef<str>,
        _perche: Deroga,
        cella: Option<String>,
        messaggio: String,
    ) {
        self.push(code.as_ref(), Severity::Avviso, cella, messaggio, false);
    }
    fn push(
        &mut self,
        code: impl AsRef<str>,
        severity: Severity,
        cella: Option<String>,
        messaggio: String,
        forzabile: bool,
    ) {
        self.0.push(Segnalazione {
            code: code.as_ref().into(),
            severity,
            cella,
            messaggio,
            forzabile,
        });
    }
}

/// Reads and checks one row on its own (no database).
fn leggi_riga(
    l: &Lettore,
    oggi: chrono::NaiveDate,
    forzature: &HashMap<u32, &str>,
    contatti_scuola: Option<&(Option<String>, Option<String>)>,
) -> RigaPiano {
    let numero = l.r as u32 + 1;
    let mut segnalazioni = Vec::new();
    let mut s = Segnala(&mut segnalazioni);

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
            let cella = l.indice.get(&campo).map(|&c| nome_cella(l.r, c));
            s.errore("DATI", cella, format!("Manca {what}."));
        }
    }

    let cf_cella = l
        .indice
        .get(&Campo::CodiceFiscale)
        .map(|&c| nome_cella(l.r, c));
    let cf = l
        .testo(Campo::CodiceFiscale)
        .map(|t| codice_fiscale::normalize(&t))
        .unwrap_or_default();
    let forzatura = forzature.get(&numero).map(|m| Forzatura {
        motivo: m.to_string(),
    });
    let info = if cf.is_empty() {
        s.push(
            Code::DES_01,
            Severity::Errore,
            cf_cella.clone(),
            "Manca il codice fiscale.".into(),
            false,
        );
        None
    } else {
        match codice_fiscale::parse(&cf) {
            Ok(info) => Some(info),
            Err(e) if forzatura.is_some() => {
                s.deroga(
                    Code::DES_01,
                    Deroga::Forzatura,
                    cf_cella.clone(),
                    format!("{} Accettato con forzatura.", e.message_it()),
                );
                None
            }
            Err(e) => {
                s.errore(
                    Code::DES_01,
                    cf_cella.clone(),
                    format!(
                        "{} Se il codice è giusto così puoi forzarlo indicando il motivo.",
                        e.message_it()
                    ),
                );
                None
            }
        }
    };

    let sesso = match l.get(Campo::Sesso) {
        Some((t, cella)) => normalizza::sesso(t).or_else(|| {
            s.errore(
                "DATI",
                Some(cella),
                format!("Sesso «{t}» non riconosciuto: scrivi M o F."),
            );
            None
        }),
        None => info.as_ref().map(|i| i.sesso).or_else(|| {
            s.errore("DATI", None, "Manca il sesso (M o F).".into());
            None
        }),
    };
    let nascita = match l.get(Campo::DataNascita) {
        Some((t, cella)) => match normalizza::data(t) {
            Some(d) => match crate::limiti::data_nascita(d, oggi) {
                Ok(()) => Some(d),
                Err(e) => {
                    s.errore("DATI", Some(cella), e.to_string());
                    None
                }
            },
            None => {
                s.errore(
                    "DATI",
                    Some(cella),
                    format!("Data di nascita «{t}» non valida: scrivila come gg/mm/aaaa."),
                );
                None
            }
        },
        None => {
            let cella = l
                .indice
                .get(&Campo::DataNascita)
                .map(|&c| nome_cella(l.r, c));
            s.errore("DATI", cella, "Manca la data di nascita.".into());
            None
        }
    };
    // A state's name in the comune column ("Romania") is a foreign state.
    let (mut comune_nascita, mut stato_estero_nascita) = (
        l.testo(Campo::ComuneNascita),
        l.testo(Campo::StatoEsteroNascita),
    );
    if stato_estero_nascita.is_none()
        && let (Some(c), Some(d)) = (&comune_nascita, nascita)
        && crate::luoghi::e_stato_estero(c, d)
    {
        stato_estero_nascita = comune_nascita.take();
    }
    if let (Some(info), Some(sx), Some(d)) = (&info, sesso, nascita) {
        let luogo = (comune_nascita.as_deref(), stato_estero_nascita.as_deref());
        for m in crate::rules::destinatario::disaccordi(info, sx, d, luogo.0, luogo.1) {
            s.avviso(Code::DES_02, cf_cella.clone(), m);
        }
    }

    let mut email = l.testo(Campo::Email);
    let mut telefono = l.testo(Campo::Telefono);
    if email.is_none() && telefono.is_none() {
        match contatti_scuola {
            Some((e, t)) => {
                (email, telefono) = (e.clone(), t.clone());
                s.deroga(Code::DES_03, Deroga::ContattiScuola, None, "Né e-mail né telefono: usati i recapiti della scuola.".into());
            }
            None => s.errore(
                Code::DES_03,
                l.indice.get(&Campo::Email).map(|&c| nome_cella(l.r, c)),
                "Manca sia l'e-mail sia il telefono: aggiungine uno, oppure scegli di usare i recapiti della scuola."
                    .into(),
            ),
        }
    }

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
    let errore = segnalazioni.iter().any(|x| x.severity == Severity::Errore);
    RigaPiano {
        riga: numero,
        esito: if errore || dati.is_none() {
            Esito::Errore
        } else {
            Esito::Nuovo
        },
        destinatario_id: None,
        dati,
        dati_peculiari,
        segnalazioni,
    }
}

fn leggi_dati_peculiari(l: &Lettore, s: &mut Segnala) -> DatiPeculiari {
    let mut dp = DatiPeculiari::default();
    let classe_testo = l.get(Campo::Classe).or_else(|| l.get(Campo::ClasseSezione));
    if let Some((t, cella)) = classe_testo {
        match normalizza::classe_sezione(t) {
            (Some(c), sezione) => {
                dp.classe = Some(c);
                dp.sezione = sezione;
                if t.trim() != c.to_string() && dp.sezione.is_none() {
                    s.deroga(
                        Code::DES_04,
                        Deroga::ClasseNormalizzata,
                        Some(cella),
                        format!("Classe «{t}» letta come {c}."),
                    );
                }
            }
            (None, _) => s.errore(
                Code::DES_04,
                Some(cella),
                format!("Classe «{t}» non valida: deve essere un numero da 1 a 5."),
            ),
        }
    }
    if let Some(t) = l.testo(Campo::Sezione) {
        dp.sezione = Some(t.to_uppercase());
    }
    /// A closed value: recognised, or decided once in the preview for every
    /// row that holds it; until then the row is not refused (the field is
    /// optional: the servizio's default fills it) but the import waits.
    fn voce<V: Vocabolario>(l: &Lettore, s: &mut Segnala, c: Campo) -> Option<V> {
        let (t, cella) = l.get(c)?;
        if let Some(v) = V::parse(t) {
            return Some(v);
        }
        let k = chiave_valore(t);
        match l.scelte.get(&(c, k.clone())) {
            Some(None) => return None,
            Some(Some(code)) => {
                let v = V::from_code(code);
                if v.is_none() {
                    s.errore(
                        "DATI",
                        Some(cella),
                        format!(
                            "«{code}» non è un valore di {} per «{t}».",
                            c.intestazione()
                        ),
                    );
                }
                return v;
            }
            None => {}
        }
        let mut ignoti = l.ignoti.borrow_mut();
        let d = ignoti.entry((c, k.clone())).or_insert_with(|| DaDecidere {
            campo: c,
            chiave: k,
            intestazione: c.intestazione().to_string(),
            colonna: cella
                .trim_end_matches(|x: char| x.is_ascii_digit())
                .to_string(),
            valore: t.trim().to_string(),
            righe: 0,
            ammessi: V::ALL
                .iter()
                .map(|v| (v.code().to_string(), v.label().to_string()))
                .collect(),
        });
        d.righe += 1;
        s.push(
            "DATI",
            Severity::Avviso,
            Some(cella),
            format!(
                "{} «{t}» non riconosciuto: decidi nell'anteprima che cosa significa.",
                c.intestazione()
            ),
            false,
        );
        None
    }
    dp.titolo_studio = voce::<TitoloStudio>(l, s, Campo::TitoloStudio);
    dp.condizione_occupazionale =
        voce::<CondizioneOccupazionale>(l, s, Campo::CondizioneOccupazionale);
    dp.condizione_abitativa = voce::<CondizioneAbitativa>(l, s, Campo::CondizioneAbitativa);
    if let Some((t, cella)) = l.get(Campo::Disabilita) {
        match normalizza::si_no(t) {
            Some(b) => dp.disabilita = Some(b),
            None => s.errore(
                "DATI",
                Some(cella),
                format!("Disabilità «{t}» non riconosciuta: scrivi Sì o No."),
            ),
        }
    }
    dp
}

/// Duplicates in the file, existing destinatari (DES-05), enrolment rules (SER-08).
fn controlla_db(
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
        riga.esito = Esito::Errore;
        return Ok(());
    }
    visti.insert(d.codice_fiscale.clone(), riga.riga);
    if let Some(esistente) = store::destinatari::by_cf(conn, &d.codice_fiscale)? {
        riga.destinatario_id = Some(esistente.id);
        if riga.esito == Esito::Errore {
            return Ok(());
        }
        riga.esito = if store::servizi::is_enrolled(conn, servizio.id, esistente.id)? {
            Esito::GiaIscritto
        } else {
            Esito::Esistente
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
    if let (Esito::Esistente, Some(id)) = (riga.esito, riga.destinatario_id) {
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
                riga.esito = Esito::Errore;
            } else {
                s.avviso(x.code, None, x.message.clone());
            }
        }
    }
    Ok(())
}

/// The e-mail and telefono of the servizio's school, for DES-03.
fn contatti_scuola(
    conn: &rusqlite::Connection,
    s: &Servizio,
) -> Result<Option<(Option<String>, Option<String>)>> {
    for id in &s.dati.ente_ids {
        let e = store::enti::get(conn, *id)?;
        if e.dati.email.is_some() || e.dati.telefono.is_some() {
            return Ok(Some((e.dati.email.clone(), e.dati.telefono.clone())));
        }
    }
    Ok(None)
}

fn impronta(p: &Piano) -> String {
    let json =
        serde_json::to_string(&(&p.servizio_id, &p.colonne, &p.righe)).expect("serializable");
    let mut h = std::hash::DefaultHasher::new();
    json.hash(&mut h);
    format!("{:016x}", h.finish())
}
