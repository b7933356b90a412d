//! The paper attendance register of a servizio (domain.md §6): what it holds
//! (`dati`), where everything goes on the page (`layout`, pure geometry that also
//! says where each signature box is and whose it is), the PDF (`pdf`), and many
//! registers at once (`batch`: made on all cores, joined into one file by
//! `unione` as they come, with the font program kept once).

pub mod batch;
pub mod copia_conforme;
pub mod layout;
pub mod pdf;
pub mod unione;

use crate::domain::{DatiPeculiari, Incontro};
use crate::error::Result;
use crate::ids::Id;
use crate::store::{self, Store};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Before the meetings (blank boxes, for the desk) or after (filled with what
/// was recorded, for the file and for checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Variante {
    #[default]
    Prima,
    Dopo,
}

#[derive(Debug, Clone)]
pub struct IncontroReg {
    pub id: Id,
    pub data: NaiveDate,
    pub inizio: NaiveTime,
    pub fine: NaiveTime,
    pub durata_minuti: u32,
    pub luogo: String,
    pub orientatore: String,
    pub famiglie: Option<u32>,
    pub presenze: HashMap<Id, bool>,
}

#[derive(Debug, Clone)]
pub struct Partecipante {
    pub id: Id,
    pub cognome: String,
    pub nome: String,
    pub classe_sezione: String,
}

/// Everything a register prints, read once from the store.
#[derive(Debug, Clone)]
pub struct DatiRegistro {
    /// The register number printed on every page: action code and the servizio's short id.
    pub numero: String,
    pub servizio_id: Id,
    pub ente_attuatore: String,
    pub sede: String,
    pub territorio: String,
    pub codice_azione: String,
    pub nome_azione: String,
    /// OR3: a field for the number of families present (000 §9.4).
    pub famiglie: bool,
    pub titolo: String,
    pub intervento: Option<String>,
    pub ente_coinvolto: Option<String>,
    pub anno_scolastico: String,
    /// When every participant has the same classe and sezione.
    pub classe_sezione: Option<String>,
    pub incontri: Vec<IncontroReg>,
    pub partecipanti: Vec<Partecipante>,
}

impl DatiRegistro {
    /// The date the PDF carries: the last incontro, so the same data gives the same bytes.
    pub fn data_documento(&self) -> Option<NaiveDate> {
        self.incontri.iter().map(|i| i.data).max()
    }
}

/// Reads a servizio's register data.
pub fn dati(store: &Store, servizio_id: Id) -> Result<DatiRegistro> {
    let conn = store.read();
    // Straight from the store: a register depends on the records, not on "today".
    let s = &store::servizi::get(conn, servizio_id)?;
    let stored = store::incontri::of_servizio(conn, servizio_id)?;
    let ente = store::organizzazione::get_ente_attuatore(conn, s.dati.ente_attuatore_id)?;
    let sede = store::organizzazione::get_sede(conn, s.dati.sede_id)?;
    let territorio = match ente.dati.rt_id {
        Some(rt) => store::organizzazione::get_rt(conn, rt)?.dati.territorio,
        None => sede.dati.territorio.clone().unwrap_or_default(),
    };
    let azione =
        crate::rules::servizio::azione_of(conn, s.dati.ente_attuatore_id, &s.dati.codice_azione)?;
    let intervento = s
        .dati
        .intervento_id
        .map(|i| store::interventi::get(conn, i))
        .transpose()?;
    let ente_coinvolto = enti_coinvolti(conn, &s.dati.ente_ids)?;
    let incontri = incontri(conn, &stored)?;
    let partecipanti = partecipanti(conn, servizio_id)?;
    let classe_sezione = classe_comune(&partecipanti);
    Ok(DatiRegistro {
        numero: format!("{}-{}", s.dati.codice_azione, s.id.short().to_uppercase()),
        servizio_id: s.id,
        ente_attuatore: ente.dati.nome,
        sede: sede.dati.nome,
        territorio,
        codice_azione: s.dati.codice_azione.clone(),
        nome_azione: azione.nome.clone(),
        famiglie: azione.famiglie,
        titolo: s.dati.titolo.clone(),
        intervento: intervento.map(|i| i.dati.titolo),
        ente_coinvolto,
        anno_scolastico: s.anno_scolastico().to_string(),
        classe_sezione,
        incontri,
        partecipanti,
    })
}

/// The schools (or other bodies) involved, on one line with their codes;
/// None for a servizio with none.
fn enti_coinvolti(conn: &Connection, ente_ids: &[Id]) -> Result<Option<String>> {
    let enti = ente_ids
        .iter()
        .map(|e| store::enti::get(conn, *e))
        .collect::<Result<Vec<_>>>()?;
    Ok((!enti.is_empty()).then(|| {
        enti.iter()
            .map(|e| match &e.dati.codice_meccanografico {
                Some(c) => format!("{} ({c})", e.dati.nome),
                None => e.dati.nome.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }))
}

/// The incontri in the order they took place, each orientatore's name read
/// once however many incontri they led.
fn incontri(conn: &Connection, stored: &[Incontro]) -> Result<Vec<IncontroReg>> {
    let mut orientatori: HashMap<Id, String> = HashMap::new();
    let mut incontri = Vec::new();
    for i in stored {
        let orientatore = match i.dati.orientatore_id {
            Some(o) => match orientatori.get(&o) {
                Some(n) => n.clone(),
                None => {
                    let n = store::organizzazione::get_orientatore(conn, o)?.nome_completo();
                    orientatori.insert(o, n.clone());
                    n
                }
            },
            None => String::new(),
        };
        incontri.push(IncontroReg {
            id: i.id,
            data: i.dati.data,
            inizio: i.dati.ora_inizio,
            fine: i.dati.ora_fine,
            durata_minuti: i.durata(),
            luogo: i.dati.luogo.descrizione.clone().unwrap_or_default(),
            orientatore,
            famiglie: i.dati.famiglie_presenti,
            presenze: i
                .dati
                .presenze
                .iter()
                .map(|p| (p.destinatario_id, p.presente))
                .collect(),
        });
    }
    incontri.sort_by_key(|i| (i.data, i.inizio));
    Ok(incontri)
}

/// The enrolled participants in alphabetical order (cognome, then nome).
fn partecipanti(conn: &Connection, servizio_id: Id) -> Result<Vec<Partecipante>> {
    let mut partecipanti: Vec<Partecipante> = store::servizi::iscrizioni(conn, servizio_id)?
        .iter()
        .map(|x| {
            let d = store::destinatari::get(conn, x.destinatario_id)?;
            Ok(Partecipante {
                id: d.id,
                cognome: d.dati.cognome,
                nome: d.dati.nome,
                classe_sezione: classe_sezione(&x.dati_peculiari),
            })
        })
        .collect::<Result<_>>()?;
    partecipanti.sort_by(|a, b| {
        (a.cognome.to_lowercase(), a.nome.to_lowercase())
            .cmp(&(b.cognome.to_lowercase(), b.nome.to_lowercase()))
    });
    Ok(partecipanti)
}

/// A participant's classe and sezione as one cell: `3A`, `3`, `A` or empty.
fn classe_sezione(dp: &DatiPeculiari) -> String {
    match (dp.classe, dp.sezione.as_deref()) {
        (Some(c), Some(s)) => format!("{c}{s}"),
        (Some(c), None) => c.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => String::new(),
    }
}

/// The classe and sezione shared by every participant, printed once in the
/// header; None when they differ or are unknown.
fn classe_comune(partecipanti: &[Partecipante]) -> Option<String> {
    partecipanti
        .first()
        .map(|p| p.classe_sezione.clone())
        .filter(|c| !c.is_empty() && partecipanti.iter().all(|p| &p.classe_sezione == c))
}
