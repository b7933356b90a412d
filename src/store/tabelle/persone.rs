//! The person's columns of the presences and enrolments (codice fiscale,
//! surname, name) come from one read of the destinatari, not from a join per
//! row: a year's 1.5 M presences were as many look-ups of a person, and the
//! enrolments a sort of them all. Their rows come in groups (an incontro's,
//! a servizio's), and each group is sorted here by surname, name and id, as
//! the join's `ORDER BY` did.

use super::valore;
use crate::error::Result;
use crate::ids::Id;
use crate::tabelle::{Chiave, Tabella, Valore};
use rusqlite::types::{FromSql, ValueRef};
use rusqlite::{Connection, Rows};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;

/// Where a table's rows name a person: the columns the query leaves `NULL`
/// for the person, and the one whose change starts a group.
pub(super) struct Colonne {
    gruppo: usize,
    destinatario_id: usize,
    codice_fiscale: usize,
    /// Surname and name, where the table shows them.
    nomi: Option<(usize, usize)>,
}

pub(super) fn colonne(chiave: Chiave) -> Option<Colonne> {
    match chiave {
        Chiave::Presenze => Some(Colonne {
            gruppo: 0,
            destinatario_id: 2,
            codice_fiscale: 3,
            nomi: Some((4, 5)),
        }),
        Chiave::Iscrizioni => Some(Colonne {
            gruppo: 0,
            destinatario_id: 1,
            codice_fiscale: 2,
            nomi: None,
        }),
        _ => None,
    }
}

struct Persona {
    codice_fiscale: Box<str>,
    cognome: Box<str>,
    nome: Box<str>,
}

/// Every destinatario, by its id (16 bytes that sit in the table itself, not
/// behind a pointer: 1.5 M look-ups).
pub(super) struct Persone(FxHashMap<Id, Persona>);

impl Persone {
    pub fn leggi(conn: &Connection) -> Result<Persone> {
        let mut st = conn.prepare("SELECT id, codice_fiscale, cognome, nome FROM destinatario")?;
        let mut rows = st.query([])?;
        let mut out = FxHashMap::default();
        let testo = |v: &rusqlite::Row, i| -> rusqlite::Result<Box<str>> {
            Ok(String::from_utf8_lossy(v.get_ref(i)?.as_bytes()?).into())
        };
        while let Some(r) = rows.next()? {
            let persona = Persona {
                codice_fiscale: testo(r, 1)?,
                cognome: testo(r, 2)?,
                nome: testo(r, 3)?,
            };
            // Text that is no id joins no row, as it did in the join.
            if let Ok(id) = r.get::<_, Id>(0) {
                out.insert(id, persona);
            }
        }
        Ok(Persone(out))
    }

    /// The person whose id `v` holds; none for a value that is no id.
    fn get(&self, v: ValueRef<'_>) -> Option<&Persona> {
        self.0.get(&Id::column_result(v).ok()?)
    }
}

/// A cell kept until its group is sorted: text as a range of the group's one
/// buffer (a year's presences are 1.5 M rows, and a string per cell was a
/// third of the time), anything else as it is.
enum Cella {
    Testo(Range<usize>),
    Altro(Valore<'static>),
}

/// The rows of one group, until they are sorted and given out.
#[derive(Default)]
struct Gruppo<'p> {
    testo: String,
    celle: Vec<Cella>,
    /// Each row's person and its first cell.
    righe: Vec<(&'p Persona, usize)>,
}

impl<'p> Gruppo<'p> {
    fn riga(&mut self, persona: &'p Persona) {
        self.righe.push((persona, self.celle.len()));
    }

    fn cella(&mut self, v: Valore<'_>) {
        let cella = match v {
            Valore::Testo(t) => {
                let inizio = self.testo.len();
                self.testo.push_str(&t);
                Cella::Testo(inizio..self.testo.len())
            }
            Valore::Vuoto => Cella::Altro(Valore::Vuoto),
            Valore::Intero(i) => Cella::Altro(Valore::Intero(i)),
            Valore::Data(d) => Cella::Altro(Valore::Data(d)),
            Valore::Ora(o) => Cella::Altro(Valore::Ora(o)),
            Valore::SiNo(b) => Cella::Altro(Valore::SiNo(b)),
        };
        self.celle.push(cella);
    }

    fn testo(&self, cella: usize) -> &str {
        match &self.celle[cella] {
            Cella::Testo(r) => &self.testo[r.clone()],
            Cella::Altro(_) => "",
        }
    }

    /// Gives out the rows sorted by surname, name and id, the person's
    /// columns filled in; returns how many, and empties the group.
    fn scrivi(
        &mut self,
        c: &Colonne,
        riga: &mut impl FnMut(&[Valore]) -> Result<()>,
    ) -> Result<u64> {
        let n = self.righe.len() as u64;
        let mut ordine = std::mem::take(&mut self.righe);
        ordine.sort_unstable_by(|(a, i), (b, j)| {
            let (id_a, id_b) = (
                self.testo(i + c.destinatario_id),
                self.testo(j + c.destinatario_id),
            );
            (&a.cognome, &a.nome, id_a).cmp(&(&b.cognome, &b.nome, id_b))
        });
        let larghezza = self.celle.len() / ordine.len().max(1);
        let mut celle: Vec<Valore> = Vec::with_capacity(larghezza);
        for (persona, primo) in &ordine {
            celle.clear();
            for cella in &self.celle[*primo..primo + larghezza] {
                celle.push(match cella {
                    Cella::Testo(r) => Valore::Testo(Cow::Borrowed(&self.testo[r.clone()])),
                    Cella::Altro(v) => v.clone(),
                });
            }
            celle[c.codice_fiscale] = Valore::Testo(Cow::Borrowed(&persona.codice_fiscale));
            if let Some((cognome, nome)) = c.nomi {
                celle[cognome] = Valore::Testo(Cow::Borrowed(&persona.cognome));
                celle[nome] = Valore::Testo(Cow::Borrowed(&persona.nome));
            }
            riga(&celle)?;
        }
        self.testo.clear();
        self.celle.clear();
        ordine.clear();
        self.righe = ordine;
        Ok(n)
    }
}

/// Gives `riga` the rows of `rows` group by group, each sorted by the
/// person's surname, name and id; a row whose person is not found is left
/// out, as the join left it. Returns how many rows there were.
pub(super) fn per_gruppo(
    mut rows: Rows<'_>,
    tabella: &Tabella,
    c: &Colonne,
    persone: &Persone,
    mut riga: impl FnMut(&[Valore]) -> Result<()>,
) -> Result<u64> {
    let mut gruppo = Gruppo::default();
    let mut chiave: Vec<u8> = Vec::new();
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let g = r.get_ref(c.gruppo)?.as_bytes().unwrap_or_default();
        if g != chiave.as_slice() {
            n += gruppo.scrivi(c, &mut riga)?;
            chiave.clear();
            chiave.extend_from_slice(g);
        }
        let Some(persona) = persone.get(r.get_ref(c.destinatario_id)?) else {
            continue;
        };
        gruppo.riga(persona);
        for (i, col) in tabella.colonne.iter().enumerate() {
            gruppo.cella(valore(r.get_ref(i)?, col.tipo));
        }
    }
    n += gruppo.scrivi(c, &mut riga)?;
    Ok(n)
}
