//! The demo's people: invented names, codici fiscali computed as the tax
//! office would (omocodia for homonyms born the same day), whole classes.

use super::Anno;
use crate::codice_fiscale::{self, Sesso};
use crate::commands;
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use chrono::{Datelike, NaiveDate};

const COGNOMI: &[&str] = &[
    "Rossi",
    "Bianchi",
    "Ferrari",
    "Russo",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "D'Angelo",
    "Serra",
    "Coppola",
    "Sala",
    "Bellini",
    "Pellegrino",
    "Fabbri",
    "Cattaneo",
];
const NOMI_M: &[&str] = &[
    "Leonardo",
    "Francesco",
    "Alessandro",
    "Lorenzo",
    "Mattia",
    "Andrea",
    "Gabriele",
    "Tommaso",
    "Riccardo",
    "Edoardo",
    "Matteo",
    "Giuseppe",
    "Niccolò",
    "Nicolò",
    "Davide",
    "Pietro",
    "Samuele",
    "Youssef",
    "Ahmed",
];
const NOMI_F: &[&str] = &[
    "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma", "Giorgia", "Greta", "Beatrice",
    "Anna", "Chiara", "Martina", "Vittoria", "Noemi", "Matilde", "Ludovica", "Irene", "Amira",
    "Elena",
];

/// A small deterministic generator: the same demo every time.
pub(super) struct Dado(pub u64);
impl Dado {
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// A class of one school, the same pupils every year they appear.
pub(super) struct Classe {
    pub scuola: Id,
    /// Its number this school year (1–5) and its section.
    pub classe: u8,
    pub sezione: &'static str,
    pub superiori: bool,
    pub alunni: Vec<Id>,
}

impl Classe {
    /// The dati peculiari of this class `anni_fa` school years ago.
    pub fn peculiari(&self, anni_fa: u8) -> DatiPeculiari {
        use dati_peculiari::*;
        DatiPeculiari {
            classe: Some(self.classe - anni_fa),
            sezione: Some(self.sezione.into()),
            titolo_studio: Some(if self.superiori {
                TitoloStudio::LicenzaMedia
            } else {
                TitoloStudio::LicenzaElementare
            }),
            condizione_occupazionale: Some(CondizioneOccupazionale::Studente),
            disabilita: Some(false),
            condizione_abitativa: Some(CondizioneAbitativa::NessunDisagio),
            disperso: false,
        }
    }

    /// The whole class enrolled, each pupil with the class's dati peculiari.
    pub fn iscrizioni(&self, anni_fa: u8) -> Vec<Iscrizione> {
        self.alunni
            .iter()
            .map(|&id| self.iscrizione(id, anni_fa))
            .collect()
    }

    pub fn iscrizione(&self, destinatario_id: Id, anni_fa: u8) -> Iscrizione {
        Iscrizione {
            destinatario_id,
            dati_peculiari: self.peculiari(anni_fa),
        }
    }

    /// "3A", as a title says it, `anni_fa` school years ago.
    pub fn nome(&self, anni_fa: u8) -> String {
        format!("{}{}", self.classe - anni_fa, self.sezione)
    }
}

impl Anno<'_> {
    /// `n` pupils of a class, born in the year its age says (a lower-secondary
    /// 3rd class at 13, an upper-secondary 5th at 18).
    pub fn classe(
        &mut self,
        scuola: Id,
        (classe, sezione): (u8, &'static str),
        superiori: bool,
        n: usize,
    ) -> Result<Classe> {
        let eta = i32::from(classe) + if superiori { 13 } else { 10 };
        let nati = self.anno.0 - eta;
        let mut alunni = vec![];
        for _ in 0..n {
            alunni.push(self.persona(nati, None)?);
        }
        Ok(Classe {
            scuola,
            classe,
            sezione,
            superiori,
            alunni,
        })
    }

    /// One invented person born in `anno_nascita`, with a codice fiscale
    /// computed from the anagrafica; `provvisorio` replaces it with a
    /// temporary code entered under a forzatura (DES-01).
    pub fn persona(&mut self, anno_nascita: i32, provvisorio: Option<&str>) -> Result<Id> {
        let dado = &mut self.dado;
        let sesso = if dado.next(2) == 0 {
            Sesso::M
        } else {
            Sesso::F
        };
        let nomi = if sesso == Sesso::M { NOMI_M } else { NOMI_F };
        let cognome = COGNOMI[dado.next(COGNOMI.len())];
        let nome = nomi[dado.next(nomi.len())];
        let nascita = NaiveDate::from_ymd_opt(
            anno_nascita,
            1 + dado.next(12) as u32,
            1 + dado.next(28) as u32,
        )
        .expect("a valid day");
        let estero = provvisorio.is_some() || dado.next(12) == 0;
        // The place of birth and its code inside the CF agree (DES-02).
        let (catastale, comune) = if estero {
            ("Z330", None)
        } else {
            let luoghi = [("A859", "Biella"), ("D094", "Cossato"), ("L219", "Torino")];
            let (codice, comune) = luoghi[dado.next(3)];
            (codice, Some(comune))
        };
        let telefono = format!("3{:02} {:07}", dado.next(50) + 20, dado.next(9_999_999));
        let calcolato = codice_fiscale::compute(cognome, nome, sesso, nascita, catastale);
        let mut cf = calcolato.clone();
        // Homonyms born the same day get an omocodic code, as the tax office does.
        let mut level = 0;
        while crate::store::destinatari::by_cf(self.store.read(), &cf)?.is_some() {
            level += 1;
            cf = codice_fiscale::omocode(&calcolato, level);
        }
        let forzatura = provvisorio.map(|motivo| Forzatura {
            motivo: motivo.into(),
        });
        if forzatura.is_some() {
            // The 11 digits the tax office gives while the code is pending.
            cf = format!(
                "{:011}",
                90_000_000_000u64 + nascita.num_days_from_ce() as u64
            );
        }
        let ctx = if forzatura.is_some() {
            &self.coordinatore
        } else {
            self.ctx
        };
        let out = commands::destinatari::create_destinatario(
            self.store,
            ctx,
            DestinatarioDati {
                codice_fiscale: cf,
                cognome: cognome.into(),
                nome: nome.into(),
                sesso,
                data_nascita: nascita,
                comune_nascita: comune.map(Into::into),
                stato_estero_nascita: estero.then(|| "Marocco".into()),
                citta_estera_nascita: None,
                cittadinanza: Some(if estero { "Marocco" } else { "Italia" }.into()),
                email: None,
                telefono: Some(telefono),
                forzatura,
            },
        )?;
        self.r.destinatari += 1;
        Ok(out.value.id)
    }
}
