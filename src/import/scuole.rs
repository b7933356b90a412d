//! Schools from the ministry's public registry (`SCUANAGRAFESTAT…csv` for state
//! schools, `SCUANAGRAFEPAR…csv` for paritarie), read by column name. The
//! istituto principale is the row whose CODICESCUOLA equals
//! CODICEISTITUTORIFERIMENTO; its plessi/indirizzi link to it. Plan, then apply:
//! schools are matched on codice meccanografico, so a newer year's file updates
//! names and addresses and adds new schools, and ids (and everything attached to
//! them) stay.

use super::destinatari::Avanzamento;
use super::lettura::Griglia;
use crate::context::Ctx;
use crate::domain::codice_meccanografico_valido;
use crate::domain::{Ente, EnteDati, TipoEnte};
use crate::error::{Error, RecordKind, Result};
use crate::ids::Id;
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Filtro {
    /// Only schools of this region (as the file writes it, e.g. `PIEMONTE`).
    #[serde(default)]
    pub regione: Option<String>,
    /// Only schools of this province (e.g. `TORINO`).
    #[serde(default)]
    pub provincia: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EsitoScuola {
    Nuova,
    Aggiornata,
    Invariata,
    Errore,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RigaScuola {
    pub riga: u32,
    pub codice: String,
    pub esito: EsitoScuola,
    pub dati: EnteDati,
    /// Codice of the istituto principale, for plessi/indirizzi.
    pub principale: Option<String>,
    pub id: Option<Id>,
    pub messaggio: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PianoScuole {
    pub paritarie: bool,
    pub righe: Vec<RigaScuola>,
    pub nuove: u32,
    pub aggiornate: u32,
    pub invariate: u32,
    pub errori: u32,
    /// Rows left out by the filter.
    pub escluse: u32,
}

const STATALI: &[&str] = &[
    "CODICESCUOLA",
    "DENOMINAZIONESCUOLA",
    "CODICEISTITUTORIFERIMENTO",
];
const PARITARIE: &[&str] = &["CODICESCUOLA", "DENOMINAZIONESCUOLA"];

/// The registry writes `Non Disponibile` for a missing value.
fn valore(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && !s.eq_ignore_ascii_case("Non Disponibile")).then(|| s.to_string())
}

/// Reads the file and compares it with the database; writes nothing.
pub fn pianifica(
    store: &Store,
    g: &Griglia,
    filtro: &Filtro,
    progresso: &dyn Fn(Avanzamento),
) -> Result<PianoScuole> {
    let registro = Registro::leggi(g)?;
    let conn = store.read();
    let mut righe = Vec::new();
    let mut escluse = 0;
    let totale = g.righe.len().saturating_sub(1);
    for r in 1..g.righe.len() {
        if g.righe[r].iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if registro.esclusa(r, filtro) {
            escluse += 1;
            continue;
        }
        let mut riga = registro.riga(r);
        valuta(conn, &mut riga)?;
        righe.push(riga);
        if r % 5000 == 0 {
            progresso(Avanzamento::di("verifica", r, totale));
        }
    }
    segna_doppioni(&mut righe);
    let conta = |e| righe.iter().filter(|r| r.esito == e).count() as u32;
    Ok(PianoScuole {
        paritarie: registro.paritarie,
        nuove: conta(EsitoScuola::Nuova),
        aggiornate: conta(EsitoScuola::Aggiornata),
        invariate: conta(EsitoScuola::Invariata),
        errori: conta(EsitoScuola::Errore),
        escluse,
        righe,
    })
}

/// The registry's grid with its columns found by name in the first row.
struct Registro<'a> {
    g: &'a Griglia,
    /// Column index by header, upper case.
    col: HashMap<String, usize>,
    /// The paritarie's file has no CODICEISTITUTORIFERIMENTO.
    paritarie: bool,
}

impl<'a> Registro<'a> {
    /// Refuses a file without the columns its kind (state or paritarie) needs.
    fn leggi(g: &'a Griglia) -> Result<Registro<'a>> {
        let col: HashMap<String, usize> = g
            .righe
            .first()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, h)| (h.trim().to_uppercase(), i))
            .collect();
        let paritarie = !col.contains_key("CODICEISTITUTORIFERIMENTO");
        let required = if paritarie { PARITARIE } else { STATALI };
        if let Some(m) = required.iter().find(|c| !col.contains_key(**c)) {
            return Err(Error::dati(format!(
                "Il file non sembra l'anagrafe delle scuole del Ministero: manca la colonna {m}."
            )));
        }
        Ok(Registro { g, col, paritarie })
    }

    fn cella(&self, r: usize, name: &str) -> Option<String> {
        self.col.get(name).and_then(|&c| valore(self.g.cella(r, c)))
    }

    /// Outside the region or province asked for (compared ignoring case).
    fn esclusa(&self, r: usize, filtro: &Filtro) -> bool {
        let fuori = |f: &Option<String>, name: &str| {
            f.as_ref().is_some_and(|f| {
                !self
                    .cella(r, name)
                    .is_some_and(|v| v.eq_ignore_ascii_case(f.trim()))
            })
        };
        fuori(&filtro.regione, "REGIONE") || fuori(&filtro.provincia, "PROVINCIA")
    }

    /// Row `r` as a school to add, before any check.
    fn riga(&self, r: usize) -> RigaScuola {
        let cell = |name: &str| self.cella(r, name);
        let codice = cell("CODICESCUOLA").unwrap_or_default().to_uppercase();
        let principale = cell("CODICEISTITUTORIFERIMENTO")
            .map(|c| c.to_uppercase())
            .filter(|p| *p != codice);
        let dati = EnteDati {
            tipo: TipoEnte::Scuola,
            nome: cell("DENOMINAZIONESCUOLA").unwrap_or_default(),
            codice_meccanografico: Some(codice.clone()),
            istituto_principale_id: None,
            grado: cell("DESCRIZIONETIPOLOGIAGRADOISTRUZIONESCUOLA"),
            indirizzo: cell("INDIRIZZOSCUOLA"),
            cap: cell("CAPSCUOLA"),
            comune: cell("DESCRIZIONECOMUNE"),
            provincia: cell("PROVINCIA"),
            regione: cell("REGIONE"),
            email: cell("INDIRIZZOEMAILSCUOLA"),
            pec: cell("INDIRIZZOPECSCUOLA"),
            telefono: None,
        };
        RigaScuola {
            riga: r as u32 + 1,
            codice,
            esito: EsitoScuola::Nuova,
            dati,
            principale,
            id: None,
            messaggio: None,
        }
    }
}

/// A row's outcome: an error when it cannot be a school, otherwise new,
/// updated or unchanged against the school stored under its codice.
fn valuta(conn: &rusqlite::Connection, riga: &mut RigaScuola) -> Result<()> {
    if !codice_meccanografico_valido(&riga.codice) || riga.dati.nome.is_empty() {
        riga.esito = EsitoScuola::Errore;
        riga.messaggio = Some(if riga.dati.nome.is_empty() {
            format!("Riga {}: manca la denominazione della scuola.", riga.riga)
        } else {
            format!(
                "Riga {}: il codice meccanografico «{}» non ha la forma attesa (10 caratteri, es. TOIC81200X).",
                riga.riga, riga.codice
            )
        });
    } else if let Some(esistente) = store::enti::by_codice(conn, &riga.codice)? {
        riga.id = Some(esistente.id);
        riga.esito = if differs(&esistente, &riga.dati) {
            EsitoScuola::Aggiornata
        } else {
            EsitoScuola::Invariata
        };
    }
    Ok(())
}

/// A school listed twice: the second is an error.
fn segna_doppioni(righe: &mut [RigaScuola]) {
    let mut visti: HashMap<String, u32> = HashMap::new();
    for riga in righe.iter_mut().filter(|r| r.esito != EsitoScuola::Errore) {
        if let Some(prima) = visti.insert(riga.codice.clone(), riga.riga) {
            riga.esito = EsitoScuola::Errore;
            riga.messaggio = Some(format!(
                "Riga {}: {} compare già alla riga {prima}.",
                riga.riga, riga.codice
            ));
        }
    }
}

/// Whether the registry's fields differ from what is stored (the rest is ours).
fn differs(e: &Ente, d: &EnteDati) -> bool {
    let a = &e.dati;
    (
        &a.nome,
        &a.grado,
        &a.indirizzo,
        &a.cap,
        &a.comune,
        &a.provincia,
        &a.regione,
        &a.email,
        &a.pec,
    ) != (
        &d.nome,
        &d.grado,
        &d.indirizzo,
        &d.cap,
        &d.comune,
        &d.provincia,
        &d.regione,
        &d.email,
        &d.pec,
    )
}

/// Writes the plan in one transaction: principals first, then their plessi.
pub fn applica(
    store: &Store,
    ctx: &Ctx,
    piano: &PianoScuole,
    progresso: &dyn Fn(Avanzamento),
) -> Result<(u32, u32)> {
    let da_scrivere: Vec<&RigaScuola> = piano
        .righe
        .iter()
        .filter(|r| matches!(r.esito, EsitoScuola::Nuova | EsitoScuola::Aggiornata))
        .collect();
    store.write(ctx, "importa_scuole", |tx| {
        let mut ids: HashMap<&str, Id> = piano
            .righe
            .iter()
            .filter_map(|r| Some((r.codice.as_str(), r.id?)))
            .collect();
        let (mut nuove, mut aggiornate) = (0, 0);
        let (principali, plessi): (Vec<&RigaScuola>, Vec<&RigaScuola>) =
            da_scrivere.iter().partition(|r| r.principale.is_none());
        for (n, r) in principali.iter().chain(plessi.iter()).enumerate() {
            let mut dati = r.dati.clone();
            if let Some(p) = &r.principale {
                dati.istituto_principale_id = match ids.get(p.as_str()) {
                    Some(id) => Some(*id),
                    None => store::enti::by_codice(tx, p)?.map(|e| e.id),
                };
            }
            match r.id {
                Some(id) => {
                    // Keep what the registry does not know (telefono, a manual link).
                    let before = store::enti::get(tx, id)?;
                    dati.telefono = before.dati.telefono;
                    dati.istituto_principale_id = dati
                        .istituto_principale_id
                        .or(before.dati.istituto_principale_id);
                    store::enti::update(tx, id, &dati)?;
                    tx.log(RecordKind::Ente, id, "aggiornata dall'anagrafe scuole")?;
                    aggiornate += 1;
                }
                None => {
                    let id = Id::new();
                    store::enti::insert(tx, id, &dati)?;
                    tx.log(RecordKind::Ente, id, "dall'anagrafe scuole")?;
                    ids.insert(r.codice.as_str(), id);
                    nuove += 1;
                }
            }
            if n % 5000 == 0 {
                progresso(Avanzamento::di("scrittura", n, da_scrivere.len()));
            }
        }
        Ok((nuove, aggiornate))
    })
}
