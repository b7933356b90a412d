//! Where everything goes on the register's pages, in millimetres from the top-left
//! corner of an A4 sheet. Pure geometry: the PDF draws it, tests measure it, and a
//! later scan reader asks it where each signature box is and whose it is.

mod chiusura;
mod incontri;
mod intestazione;
mod partecipanti;
mod piede;
mod testo;

pub use piede::{QR, SEGNO, impronta};

use super::{DatiRegistro, Variante};
use crate::ids::Id;
use chiusura::chiusura;
use incontri::{altezza_intestazione, intestazione_tabella};
use intestazione::{intestazione, intestazione_breve};
use partecipanti::{altezza_riga, riga};
use piede::numera;
use serde::Serialize;

pub const PAGINA_W: f32 = 210.0;
pub const PAGINA_H: f32 = 297.0;
/// Nothing is drawn closer than this to the sheet's edge.
pub const MARGINE: f32 = 10.0;
/// Content starts inside the corner marks.
const X0: f32 = 17.0;
const X1: f32 = PAGINA_W - 17.0;
const Y0: f32 = 17.0;
/// Below this: page number, register number and the QR code (tall enough
/// for a code a 150 dpi scan still reads).
const Y_PIEDE: f32 = PAGINA_H - 38.0;
const COL_N: f32 = 7.0;
const COL_COGNOME: f32 = 38.0;
const COL_NOME: f32 = 32.0;
const COL_CLASSE: f32 = 13.0;
/// Incontri side by side on one page; more continue on further pages.
pub const INCONTRI_PER_PAGINA: usize = 3;
/// Signature boxes are never smaller than this (mm).
pub const CASELLA_MIN_W: f32 = 25.0;
pub const CASELLA_MIN_H: f32 = 7.0;
/// Blank rows for late additions after the participants.
pub const RIGHE_AGGIUNTIVE: usize = 3;
const MM_PER_PT: f32 = 0.3528;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Elemento {
    /// `y` is the baseline.
    Testo {
        x: f32,
        y: f32,
        pt: f32,
        grassetto: bool,
        testo: String,
    },
    Riquadro {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Pieno {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Linea {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TipoCasella {
    /// A participant's signature for an incontro.
    Partecipante,
    /// The orientatore's signature for an incontro.
    Orientatore,
    /// The closing signature of the register.
    Chiusura,
}

/// A signature box and whose it is (for reading the signed paper back).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Casella {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub tipo: TipoCasella,
    /// None for the blank rows of late additions.
    pub destinatario_id: Option<Id>,
    /// None for an incontro column printed blank (no incontro recorded yet).
    pub incontro_id: Option<Id>,
    /// The progressive number of the row.
    pub riga: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagina {
    pub numero: u32,
    pub totale: u32,
    pub elementi: Vec<Elemento>,
    pub caselle: Vec<Casella>,
    /// What the QR code on the page says.
    pub qr: String,
}

/// Text widths, from the font the PDF embeds.
pub trait Misura {
    /// Width in millimetres of `testo` at `pt` points.
    fn larghezza(&self, testo: &str, pt: f32, grassetto: bool) -> f32;
}

/// A rough measure for tests that need no font: 0.5 em per character.
pub struct MisuraApprossimata;

impl Misura for MisuraApprossimata {
    fn larghezza(&self, testo: &str, pt: f32, _: bool) -> f32 {
        testo.chars().count() as f32 * pt * MM_PER_PT * 0.5
    }
}

/// A page being laid out; it becomes a [`Pagina`] once the pages are counted.
#[derive(Default)]
struct Pag {
    elementi: Vec<Elemento>,
    caselle: Vec<Casella>,
}

impl Pag {
    fn testo(&mut self, x: f32, y: f32, pt: f32, grassetto: bool, testo: impl Into<String>) {
        self.elementi.push(Elemento::Testo {
            x,
            y,
            pt,
            grassetto,
            testo: testo.into(),
        });
    }
    fn riquadro(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.elementi.push(Elemento::Riquadro { x, y, w, h });
    }
    /// A staff signature box (orientatore, closing), drawn and mapped.
    fn firma(
        &mut self,
        (x, y, w, h): (f32, f32, f32, f32),
        tipo: TipoCasella,
        incontro_id: Option<Id>,
    ) {
        self.riquadro(x, y, w, h);
        self.caselle.push(Casella {
            x,
            y,
            w,
            h,
            tipo,
            destinatario_id: None,
            incontro_id,
            riga: None,
        });
    }
}

/// What each part of a page draws from: the register, its variant, how text
/// is measured, and the page's group of incontro columns (indices into
/// `d.incontri`; `None` is a blank column) with their width.
#[derive(Clone, Copy)]
struct Foglio<'a> {
    m: &'a dyn Misura,
    d: &'a DatiRegistro,
    variante: Variante,
    gruppo: &'a [Option<usize>],
    col_w: f32,
}

/// Lays out the whole register.
pub fn impagina(d: &DatiRegistro, variante: Variante, m: &dyn Misura) -> Vec<Pagina> {
    let gruppi = gruppi(d, variante);
    let col_w =
        (X1 - X0 - COL_N - COL_COGNOME - COL_NOME - COL_CLASSE) / INCONTRI_PER_PAGINA as f32;
    let righe = d.partecipanti.len() + RIGHE_AGGIUNTIVE;
    let mut pagine: Vec<Pag> = Vec::new();
    for (g, gruppo) in gruppi.iter().enumerate() {
        let mut r = 0;
        while r < righe || (r == 0 && righe == 0) {
            let mut p = Pag::default();
            let prima = pagine.is_empty();
            let f = Foglio {
                m,
                d,
                variante,
                gruppo,
                col_w,
            };
            let mut y = apri_pagina(&mut p, &f, prima);
            // A page always takes at least one row, so the loop always ends.
            let primo = r;
            while r < righe && (y + altezza_riga(m, d, r) <= Y_PIEDE || r == primo) {
                let h = altezza_riga(m, d, r);
                riga(&mut p, &f, y, h, r);
                y += h;
                r += 1;
            }
            let ultima = g + 1 == gruppi.len() && r >= righe;
            pagine.push(p);
            if ultima {
                chiusura(&mut pagine, m, d, variante, y);
            }
            if righe == 0 {
                break;
            }
        }
    }
    numera(pagine, d, variante)
}

/// The incontri side by side on each run of pages (indices into `d.incontri`;
/// `None` is a blank column). A register with none gets blank columns.
fn gruppi(d: &DatiRegistro, variante: Variante) -> Vec<Vec<Option<usize>>> {
    if d.incontri.is_empty() {
        return vec![vec![None; INCONTRI_PER_PAGINA]];
    }
    let idx: Vec<usize> = (0..d.incontri.len()).collect();
    let mut g: Vec<Vec<Option<usize>>> = idx
        .chunks(INCONTRI_PER_PAGINA)
        .map(|c| c.iter().map(|&i| Some(i)).collect())
        .collect();
    // Before the meetings, the last page keeps blank columns for incontri still to come.
    if variante == Variante::Prima {
        let last = g.last_mut().expect("one group");
        last.resize(INCONTRI_PER_PAGINA, None);
    }
    g
}

/// A new page's headers: the register's (in full on the first page) and the
/// table's for `gruppo`; returns where the first row goes.
fn apri_pagina(p: &mut Pag, f: &Foglio, prima: bool) -> f32 {
    let y_top = if prima {
        intestazione(p, f.m, f.d, f.variante)
    } else {
        intestazione_breve(p, f.m, f.d)
    };
    intestazione_tabella(p, f, y_top);
    y_top + altezza_intestazione(f)
}
