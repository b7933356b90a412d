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
use rustc_hash::FxHashMap;

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
/// reached in each of `servizi`. An enrolment whose destinatario is not found
/// counts for no one, as the join it replaces.
pub(super) fn leggi(
    store: &Store,
    servizi: &[RigaServizio],
    incontri: &mut [RigaIncontro],
) -> Result<Partecipanti> {
    let indice: Indice = servizi.iter().enumerate().map(|(k, s)| (s.id, k)).collect();
    let (presenti, anagrafe) = letture(store, &indice, incontri);
    let (presenti, (iscritti, femmine)) = (presenti?, anagrafe?);
    let mut numeri: FxHashMap<Id, u32> = FxHashMap::default();
    let mut righe = Vec::new();
    for (servizio, x) in iscritti {
        let Some(&femmina) = femmine.get(&x.destinatario_id) else {
            continue;
        };
        if presenti[servizio].binary_search(&x.destinatario_id).is_ok() {
            let n = numeri.len() as u32;
            righe.push(Partecipante {
                servizio,
                destinatario: *numeri.entry(x.destinatario_id).or_insert(n),
                femmina,
                classe: x.classe,
                disabilita: x.disabilita,
                disperso: x.disperso,
            });
        }
    }
    Ok(Partecipanti {
        righe,
        numerati: numeri.len(),
    })
}

/// Servizi by id, to their index in the servizi read.
type Indice = FxHashMap<Id, usize>;
type Presenti = Result<Vec<Vec<Id>>>;
/// The enrolments, and whether each destinatario is female.
type Anagrafe = Result<(Vec<(usize, RigaIscrizione)>, FxHashMap<Id, bool>)>;

/// The presences, the largest read, on a second connection while this one
/// reads the enrolments and the destinatari: on two cores the year's
/// indicators wait for the longest read, not for all (#15). Each read sees
/// the last commit as it starts, as statements on one connection do. A
/// database in memory has one connection: one read after the other.
fn letture(store: &Store, indice: &Indice, incontri: &mut [RigaIncontro]) -> (Presenti, Anagrafe) {
    let anagrafe = |conn| Ok((iscritti(conn, indice)?, femmine(conn)?));
    let Ok(lettore) = store.lettore() else {
        let presenti = presenti_per_servizio(store.read(), indice, incontri);
        return (presenti, anagrafe(store.read()));
    };
    std::thread::scope(|s| {
        let presenti = s.spawn(move || presenti_per_servizio(lettore.read(), indice, incontri));
        let anagrafe = anagrafe(store.read());
        let presenti = presenti
            .join()
            .unwrap_or_else(|panico| std::panic::resume_unwind(panico));
        (presenti, anagrafe)
    })
}

/// Whether each destinatario is female, from one read of them all (a
/// look-up per enrolment costs more once they are many).
fn femmine(conn: &Connection) -> Result<FxHashMap<Id, bool>> {
    let mut out = FxHashMap::default();
    sql::femmine(conn, |id, f| {
        out.insert(id, f);
    })?;
    Ok(out)
}

/// The enrolments in the servizi of `indice`, with the servizio's index.
fn iscritti(conn: &Connection, indice: &Indice) -> Result<Vec<(usize, RigaIscrizione)>> {
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
    indice: &Indice,
    incontri: &mut [RigaIncontro],
) -> Result<Vec<Vec<Id>>> {
    let di_incontro: FxHashMap<Id, usize> = incontri
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
