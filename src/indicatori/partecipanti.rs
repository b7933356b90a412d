//! Who was reached. The presences are read once: they give each incontro of
//! the period its number of people present and each servizio the destinatari
//! present at least once; their enrolments give the dati peculiari. Each
//! servizio and destinatario becomes a small number once, so the distinct
//! counts are flags in a vector rather than hash sets of ids.

use crate::error::Result;
use crate::ids::Id;
use crate::store::Store;
use crate::store::indicatori::{self as sql, RigaIncontro, RigaIscrizione, RigaServizio};
use rusqlite::Connection;
use std::collections::HashMap;

/// A destinatario present at least once in a servizio's incontri of the
/// period, with the dati peculiari of that enrolment.
pub(super) struct Partecipante {
    /// The index of the servizio in the servizi read.
    pub servizio: usize,
    /// The destinatario's number, below `Partecipanti::numerati`.
    pub destinatario: u32,
    pub femmina: bool,
    pub classe: Option<u8>,
    pub disabilita: bool,
    pub disperso: bool,
}

pub(super) struct Partecipanti {
    pub righe: Vec<Partecipante>,
    /// How many destinatari were numbered.
    pub numerati: usize,
}

impl Partecipanti {
    /// An empty set of their destinatari.
    pub fn distinti(&self) -> Distinti {
        Distinti {
            visti: vec![false; self.numerati],
            quanti: 0,
        }
    }

    /// Distinct destinatari of the rows that `tiene` keeps.
    pub fn conta(&self, tiene: impl Fn(&Partecipante) -> bool) -> u32 {
        let mut d = self.distinti();
        for p in self.righe.iter().filter(|p| tiene(p)) {
            d.insert(p.destinatario);
        }
        d.len()
    }
}

/// Distinct destinatari, by their number.
#[derive(Clone)]
pub(super) struct Distinti {
    visti: Vec<bool>,
    quanti: u32,
}

impl Distinti {
    pub fn insert(&mut self, destinatario: u32) {
        let visto = &mut self.visti[destinatario as usize];
        self.quanti += u32::from(!*visto);
        *visto = true;
    }

    pub fn len(&self) -> u32 {
        self.quanti
    }
}

/// Counts the people present at each of `incontri` and returns who was
/// reached in each of `servizi`.
pub(super) fn leggi(
    store: &Store,
    servizi: &[RigaServizio],
    incontri: &mut [RigaIncontro],
) -> Result<Partecipanti> {
    let indice: HashMap<Id, usize> = servizi.iter().enumerate().map(|(k, s)| (s.id, k)).collect();
    let (presenti, iscritti) = presenze_e_iscrizioni(store, &indice, incontri);
    let (presenti, iscritti) = (presenti?, iscritti?);
    let mut numeri: HashMap<Id, u32> = HashMap::new();
    let mut righe = Vec::new();
    for (servizio, x) in iscritti {
        if presenti[servizio].binary_search(&x.destinatario_id).is_ok() {
            let n = numeri.len() as u32;
            righe.push(Partecipante {
                servizio,
                destinatario: *numeri.entry(x.destinatario_id).or_insert(n),
                femmina: false,
                classe: x.classe,
                disabilita: x.disabilita,
                disperso: x.disperso,
            });
        }
    }
    sesso(store.read(), &numeri, &mut righe)?;
    Ok(Partecipanti {
        righe,
        numerati: numeri.len(),
    })
}

type Presenti = Result<Vec<Vec<Id>>>;
type Iscritti = Result<Vec<(usize, RigaIscrizione)>>;

/// The presences, the largest read, on a second connection while this one
/// reads the enrolments: on two cores the year's indicators wait for the
/// longer read, not for both (#15). Each read sees the last commit as it
/// starts, as two statements on one connection do. A database in memory has
/// one connection: one read after the other.
fn presenze_e_iscrizioni(
    store: &Store,
    indice: &HashMap<Id, usize>,
    incontri: &mut [RigaIncontro],
) -> (Presenti, Iscritti) {
    let Ok(lettore) = store.lettore() else {
        let presenti = presenti_per_servizio(store.read(), indice, incontri);
        return (presenti, iscritti(store.read(), indice));
    };
    std::thread::scope(|s| {
        let presenti = s.spawn(move || presenti_per_servizio(lettore.read(), indice, incontri));
        let iscritti = iscritti(store.read(), indice);
        let presenti = presenti
            .join()
            .unwrap_or_else(|panico| std::panic::resume_unwind(panico));
        (presenti, iscritti)
    })
}

/// The enrolments in the servizi of `indice`, with the servizio's index.
fn iscritti(conn: &Connection, indice: &HashMap<Id, usize>) -> Iscritti {
    let mut out = Vec::new();
    sql::iscrizioni(conn, |servizio_id, righe| {
        if let Some(&k) = indice.get(&servizio_id) {
            out.extend(righe.iter().map(|x| (k, *x)));
        }
    })?;
    Ok(out)
}

/// Reads the presences once: the count of each incontro of the period, and
/// per servizio (by index) the destinatari present at least once, sorted.
fn presenti_per_servizio(
    conn: &Connection,
    indice: &HashMap<Id, usize>,
    incontri: &mut [RigaIncontro],
) -> Result<Vec<Vec<Id>>> {
    let di_incontro: HashMap<Id, usize> = incontri
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id, k))
        .collect();
    let mut presenti: Vec<Vec<Id>> = vec![Vec::new(); indice.len()];
    sql::presenze(conn, |incontro, destinatari| {
        let Some(&k) = di_incontro.get(&incontro) else {
            return;
        };
        incontri[k].presenti += destinatari.len() as u32;
        if let Some(&s) = indice.get(&incontri[k].servizio_id) {
            presenti[s].extend_from_slice(destinatari);
        }
    })?;
    for p in &mut presenti {
        p.sort_unstable();
        p.dedup();
    }
    Ok(presenti)
}

/// Whether each is female, from one read of the destinatari (a look-up per
/// enrolment costs more once they are many). An enrolment whose destinatario
/// is not found counts for no one, as the join it replaces.
fn sesso(
    conn: &Connection,
    numeri: &HashMap<Id, u32>,
    righe: &mut Vec<Partecipante>,
) -> Result<()> {
    let mut femmina: Vec<Option<bool>> = vec![None; numeri.len()];
    sql::femmine(conn, |id, f| {
        if let Some(&n) = numeri.get(&id) {
            femmina[n as usize] = Some(f);
        }
    })?;
    righe.retain_mut(|p| {
        let f = femmina[p.destinatario as usize];
        p.femmina = f.unwrap_or_default();
        f.is_some()
    });
    Ok(())
}
