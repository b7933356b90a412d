//! SQL for RT, implementing bodies, sedi, orientatori, the editable lists and settings.

use super::riga::{self, Colonna};
use super::{Tx, found};
use crate::domain::{
    EnteAttuatore, EnteAttuatoreDati, Orientatore, OrientatoreDati, Rt, RtDati, Sede, SedeDati,
    Voce,
};
use crate::error::{RecordKind, Result};
use crate::ids::Id;
use rusqlite::{Connection, OptionalExtension, Row, params};

// ---- RT ----------------------------------------------------------------

pub fn insert_rt(tx: &Tx, id: Id, d: &RtDati) -> Result<()> {
    tx.execute(
        "INSERT INTO rt (id, nome, territorio, updated_at, updated_by, source) VALUES (?1,?2,?3,?4,?5,?6)",
        params![id, d.nome, d.territorio, tx.at(), tx.actor(), tx.source()],
    )?;
    Ok(())
}

pub fn list_rt(conn: &Connection) -> Result<Vec<Rt>> {
    let mut st = conn.prepare("SELECT id, nome, territorio FROM rt ORDER BY territorio, nome")?;
    let rows = st.query_map([], |r| {
        Ok(Rt {
            id: r.get(0)?,
            dati: RtDati {
                nome: r.get(1)?,
                territorio: r.get(2)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_rt(conn: &Connection, id: Id) -> Result<Rt> {
    let rt = conn
        .query_row(
            "SELECT id, nome, territorio FROM rt WHERE id = ?1",
            [id],
            |r| {
                Ok(Rt {
                    id: r.get(0)?,
                    dati: RtDati {
                        nome: r.get(1)?,
                        territorio: r.get(2)?,
                    },
                })
            },
        )
        .optional()?;
    found(rt, RecordKind::Rt, id)
}

// ---- Enti attuatori ------------------------------------------------------

/// Which column holds which field (insert and update both write these).
fn colonne_ente_attuatore(d: &EnteAttuatoreDati) -> Vec<Colonna<'_>> {
    vec![
        ("nome", Box::new(&d.nome)),
        ("codice", Box::new(&d.codice)),
        ("rt_id", Box::new(d.rt_id)),
        ("catalogo", Box::new(&d.catalogo)),
    ]
}

pub fn insert_ente_attuatore(tx: &Tx, id: Id, d: &EnteAttuatoreDati) -> Result<()> {
    riga::inserisci(tx, "ente_attuatore", id, colonne_ente_attuatore(d))
}

pub fn update_ente_attuatore(tx: &Tx, id: Id, d: &EnteAttuatoreDati) -> Result<()> {
    riga::aggiorna(tx, "ente_attuatore", id, colonne_ente_attuatore(d))
}

fn ente_attuatore_row(r: &Row) -> rusqlite::Result<EnteAttuatore> {
    Ok(EnteAttuatore {
        id: r.get(0)?,
        dati: EnteAttuatoreDati {
            nome: r.get(1)?,
            codice: r.get(2)?,
            rt_id: r.get(3)?,
            catalogo: r.get(4)?,
        },
    })
}

pub fn get_ente_attuatore(conn: &Connection, id: Id) -> Result<EnteAttuatore> {
    let e = conn
        .query_row(
            "SELECT id, nome, codice, rt_id, catalogo FROM ente_attuatore WHERE id = ?1",
            [id],
            ente_attuatore_row,
        )
        .optional()?;
    found(e, RecordKind::EnteAttuatore, id)
}

pub fn list_enti_attuatori(conn: &Connection) -> Result<Vec<EnteAttuatore>> {
    let mut st =
        conn.prepare("SELECT id, nome, codice, rt_id, catalogo FROM ente_attuatore ORDER BY nome")?;
    let rows = st.query_map([], ente_attuatore_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- Sedi -----------------------------------------------------------------

/// What may change of a sede (its implementing body never does).
fn colonne_sede(d: &SedeDati) -> Vec<Colonna<'_>> {
    vec![
        ("nome", Box::new(&d.nome)),
        ("indirizzo", Box::new(&d.indirizzo)),
        ("comune", Box::new(&d.comune)),
        ("provincia", Box::new(&d.provincia)),
        ("territorio", Box::new(&d.territorio)),
        ("attivo", Box::new(d.attivo)),
    ]
}

pub fn insert_sede(tx: &Tx, id: Id, d: &SedeDati) -> Result<()> {
    let mut c: Vec<Colonna> = vec![("ente_attuatore_id", Box::new(d.ente_attuatore_id))];
    c.extend(colonne_sede(d));
    riga::inserisci(tx, "sede", id, c)
}

pub fn update_sede(tx: &Tx, id: Id, d: &SedeDati) -> Result<()> {
    riga::aggiorna(tx, "sede", id, colonne_sede(d))
}

fn sede_row(r: &Row) -> rusqlite::Result<Sede> {
    Ok(Sede {
        id: r.get(0)?,
        dati: SedeDati {
            ente_attuatore_id: r.get(1)?,
            nome: r.get(2)?,
            indirizzo: r.get(3)?,
            comune: r.get(4)?,
            provincia: r.get(5)?,
            territorio: r.get(6)?,
            attivo: r.get(7)?,
        },
    })
}

const SEDE_COLUMNS: &str =
    "id, ente_attuatore_id, nome, indirizzo, comune, provincia, territorio, attivo";

pub fn get_sede(conn: &Connection, id: Id) -> Result<Sede> {
    let s = conn
        .query_row(
            &format!("SELECT {SEDE_COLUMNS} FROM sede WHERE id = ?1"),
            [id],
            sede_row,
        )
        .optional()?;
    found(s, RecordKind::Sede, id)
}

pub fn list_sedi(conn: &Connection, ente_attuatore_id: Option<Id>) -> Result<Vec<Sede>> {
    let mut st = conn.prepare(&format!(
        "SELECT {SEDE_COLUMNS} FROM sede WHERE ?1 IS NULL OR ente_attuatore_id = ?1 ORDER BY nome"
    ))?;
    let rows = st.query_map([ente_attuatore_id], sede_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- Orientatori ------------------------------------------------------------

/// What may change of an orientatore (the implementing body never does).
fn colonne_orientatore(d: &OrientatoreDati) -> Vec<Colonna<'_>> {
    vec![
        ("cognome", Box::new(&d.cognome)),
        ("nome", Box::new(&d.nome)),
        ("email", Box::new(&d.email)),
        ("telefono", Box::new(&d.telefono)),
        ("attivo", Box::new(d.attivo)),
    ]
}

pub fn insert_orientatore(tx: &Tx, id: Id, d: &OrientatoreDati) -> Result<()> {
    let mut c: Vec<Colonna> = vec![("ente_attuatore_id", Box::new(d.ente_attuatore_id))];
    c.extend(colonne_orientatore(d));
    riga::inserisci(tx, "orientatore", id, c)
}

pub fn update_orientatore(tx: &Tx, id: Id, d: &OrientatoreDati) -> Result<()> {
    riga::aggiorna(tx, "orientatore", id, colonne_orientatore(d))
}

fn orientatore_row(r: &Row) -> rusqlite::Result<Orientatore> {
    Ok(Orientatore {
        id: r.get(0)?,
        dati: OrientatoreDati {
            ente_attuatore_id: r.get(1)?,
            cognome: r.get(2)?,
            nome: r.get(3)?,
            email: r.get(4)?,
            telefono: r.get(5)?,
            attivo: r.get(6)?,
        },
    })
}

const ORIENTATORE_COLUMNS: &str = "id, ente_attuatore_id, cognome, nome, email, telefono, attivo";

pub fn get_orientatore(conn: &Connection, id: Id) -> Result<Orientatore> {
    let o = conn
        .query_row(
            &format!("SELECT {ORIENTATORE_COLUMNS} FROM orientatore WHERE id = ?1"),
            [id],
            orientatore_row,
        )
        .optional()?;
    found(o, RecordKind::Orientatore, id)
}

pub fn list_orientatori(
    conn: &Connection,
    ente_attuatore_id: Option<Id>,
) -> Result<Vec<Orientatore>> {
    let mut st = conn.prepare(&format!(
        "SELECT {ORIENTATORE_COLUMNS} FROM orientatore WHERE ?1 IS NULL OR ente_attuatore_id = ?1 ORDER BY cognome, nome"
    ))?;
    let rows = st.query_map([ente_attuatore_id], orientatore_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- Editable lists: target and CMS ------------------------------------------

/// Which list: the two share one shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Lista {
    Target,
    Cms,
}

impl Lista {
    fn table(self) -> &'static str {
        match self {
            Lista::Target => "target",
            Lista::Cms => "cms",
        }
    }

    pub fn kind(self) -> RecordKind {
        match self {
            Lista::Target => RecordKind::Target,
            Lista::Cms => RecordKind::Cms,
        }
    }
}

const TARGET_DEFAULT: &[&str] = &[
    "Allievi della scuola primaria",
    "Allievi della scuola secondaria di I grado",
    "Allievi della scuola secondaria di II grado",
    "Allievi dei percorsi IeFP",
    "Studenti universitari",
    "Giovani in dispersione scolastica",
    "Giovani che non studiano e non lavorano (NEET)",
];

const CMS_DEFAULT: &[&str] = &[
    "Conoscenza di sé",
    "Conoscenza dei percorsi di istruzione e formazione",
    "Conoscenza del mercato del lavoro e delle professioni",
    "Capacità di scelta e progettualità",
    "Gestione delle transizioni",
    "Ricerca attiva del lavoro",
];

/// Ids of the shipped list entries are fixed, so desks that never edited the
/// lists agree on them when their exports are merged.
fn fixed_id(list: u128, n: usize) -> Id {
    let base: u128 = 0x0000_0000_0000_7000_8000_5150_0000_0000;
    Id::from_u128(base + (list << 16) + n as u128)
}

pub(super) fn seed_lists(conn: &Connection) -> Result<()> {
    for (lista, names, n) in [
        (Lista::Target, TARGET_DEFAULT, 1),
        (Lista::Cms, CMS_DEFAULT, 2),
    ] {
        let empty: bool = conn.query_row(
            &format!("SELECT NOT EXISTS (SELECT 1 FROM {})", lista.table()),
            [],
            |r| r.get(0),
        )?;
        if empty {
            for (i, name) in names.iter().enumerate() {
                conn.execute(
                    &format!("INSERT INTO {} (id, nome) VALUES (?1, ?2)", lista.table()),
                    params![fixed_id(n, i + 1), name],
                )?;
            }
        }
    }
    Ok(())
}

pub fn list_voci(conn: &Connection, lista: Lista) -> Result<Vec<Voce>> {
    let mut st = conn.prepare(&format!(
        "SELECT id, nome, attivo FROM {} ORDER BY nome",
        lista.table()
    ))?;
    let rows = st.query_map([], |r| {
        Ok(Voce {
            id: r.get(0)?,
            nome: r.get(1)?,
            attivo: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn upsert_voce(tx: &Tx, lista: Lista, voce: &Voce) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO {} (id, nome, attivo) VALUES (?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET nome = excluded.nome, attivo = excluded.attivo",
            lista.table()
        ),
        params![voce.id, voce.nome, voce.attivo],
    )?;
    Ok(())
}

/// Ids among `ids` that are not in the list.
pub fn missing_voci(conn: &Connection, lista: Lista, ids: &[Id]) -> Result<Vec<Id>> {
    let mut st = conn.prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", lista.table()))?;
    let mut missing = Vec::new();
    for id in ids {
        if !st.exists([id])? {
            missing.push(*id);
        }
    }
    Ok(missing)
}

// ---- Settings -------------------------------------------------------------

pub fn set_setting(tx: &Tx, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => tx.execute(
            "INSERT INTO impostazione (chiave, valore) VALUES (?1, ?2)
             ON CONFLICT(chiave) DO UPDATE SET valore = excluded.valore",
            params![key, v],
        )?,
        None => tx.execute("DELETE FROM impostazione WHERE chiave = ?1", [key])?,
    };
    Ok(())
}
