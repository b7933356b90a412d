//! Where everything goes on the register's pages, in millimetres from the top-left
//! corner of an A4 sheet. Pure geometry: the PDF draws it, tests measure it, and a
//! later scan reader asks it where each signature box is and whose it is.

mod incontri;
mod intestazione;
mod testo;

use super::{DatiRegistro, Variante};
use crate::ids::Id;
use incontri::{altezza_intestazione, intestazione_tabella};
use intestazione::{intestazione, intestazione_breve};
use serde::Serialize;
use testo::{a_capo_al_piu, adatta, interlinea};

pub const PAGINA_W: f32 = 210.0;
pub const PAGINA_H: f32 = 297.0;
/// Nothing is drawn closer than this to the sheet's edge.
pub const MARGINE: f32 = 10.0;
/// Content starts inside the corner marks.
const X0: f32 = 17.0;
const X1: f32 = PAGINA_W - 17.0;
const Y0: f32 = 17.0;
/// Below this: page number, register number and the QR code.
const Y_PIEDE: f32 = PAGINA_H - 35.0;
const RIGA_H: f32 = 8.0;
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
}

/// Participant names: 10 pt on up to five lines; a longer one 8 pt on up to
/// six, then cut with an ellipsis, so a row always fits on a page.
const NOME_PT: f32 = 10.0;
const NOME_PT_MIN: f32 = 8.0;

/// The lines of a name in a cell `w` mm wide, and their size in points.
fn righe_nome(m: &dyn Misura, testo: &str, w: f32) -> (Vec<String>, f32) {
    let righe = a_capo_al_piu(m, testo, w, NOME_PT, false, 6);
    if righe.len() <= 5 && !righe.last().is_some_and(|r| r.ends_with('…')) {
        return (righe, NOME_PT);
    }
    (
        a_capo_al_piu(m, testo, w, NOME_PT_MIN, false, 6),
        NOME_PT_MIN,
    )
}

/// The height of row `r`: names stay at 10 pt and wrap, and the row (with its
/// signature boxes) grows to hold them.
fn altezza_riga(m: &dyn Misura, d: &DatiRegistro, r: usize) -> f32 {
    let Some(p) = d.partecipanti.get(r) else {
        return RIGA_H;
    };
    let alta = [(COL_COGNOME, &p.cognome), (COL_NOME, &p.nome)]
        .iter()
        .map(|(w, t)| {
            let (righe, pt) = righe_nome(m, t, w - 2.0);
            righe.len() as f32 * interlinea(pt)
        })
        .fold(0.0, f32::max);
    RIGA_H.max(alta + 2.0)
}

fn ore(minuti: u32) -> String {
    match (minuti / 60, minuti % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Lays out the whole register.
pub fn impagina(d: &DatiRegistro, variante: Variante, m: &dyn Misura) -> Vec<Pagina> {
    // Groups of incontri side by side; a register with none gets blank columns.
    let gruppi: Vec<Vec<Option<usize>>> = if d.incontri.is_empty() {
        vec![vec![None; INCONTRI_PER_PAGINA]]
    } else {
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
    };
    let col_w =
        (X1 - X0 - COL_N - COL_COGNOME - COL_NOME - COL_CLASSE) / INCONTRI_PER_PAGINA as f32;
    let righe = d.partecipanti.len() + RIGHE_AGGIUNTIVE;
    let mut pagine: Vec<Pag> = Vec::new();
    for (g, gruppo) in gruppi.iter().enumerate() {
        let mut r = 0;
        while r < righe || (r == 0 && righe == 0) {
            let mut p = Pag {
                elementi: vec![],
                caselle: vec![],
            };
            let y_top = if pagine.is_empty() {
                intestazione(&mut p, m, d, variante)
            } else {
                intestazione_breve(&mut p, m, d)
            };
            intestazione_tabella(&mut p, m, d, variante, y_top, gruppo, col_w);
            let mut y = y_top + altezza_intestazione(m, d, gruppo, col_w);
            // A page always takes at least one row, so the loop always ends.
            let primo = r;
            while r < righe && (y + altezza_riga(m, d, r) <= Y_PIEDE || r == primo) {
                let h = altezza_riga(m, d, r);
                riga(&mut p, m, d, variante, gruppo, col_w, y, h, r);
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
    let totale = pagine.len() as u32;
    pagine
        .into_iter()
        .enumerate()
        .map(|(k, mut p)| {
            let numero = k as u32 + 1;
            let qr = format!(
                "SPORTELLO;REGISTRO={};SERVIZIO={};PAGINA={numero}/{totale}",
                d.numero, d.servizio_id
            );
            piede(&mut p, d, numero, totale);
            Pagina {
                numero,
                totale,
                elementi: p.elementi,
                caselle: p.caselle,
                qr,
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn riga(
    p: &mut Pag,
    m: &dyn Misura,
    d: &DatiRegistro,
    variante: Variante,
    gruppo: &[Option<usize>],
    col_w: f32,
    y: f32,
    h: f32,
    r: usize,
) {
    let partecipante = d.partecipanti.get(r);
    let n = r as u32 + 1;
    let mut x = X0;
    let celle = [
        (COL_N, n.to_string()),
        (
            COL_COGNOME,
            partecipante.map(|p| p.cognome.clone()).unwrap_or_default(),
        ),
        (
            COL_NOME,
            partecipante.map(|p| p.nome.clone()).unwrap_or_default(),
        ),
        (
            COL_CLASSE,
            partecipante
                .map(|p| p.classe_sezione.clone())
                .unwrap_or_default(),
        ),
    ];
    for (k, (w, t)) in celle.into_iter().enumerate() {
        p.riquadro(x, y, w, h);
        if k == 1 || k == 2 {
            // Cognome and nome: 10 pt on the lines they need (see `righe_nome`).
            let (righe, pt) = righe_nome(m, &t, w - 2.0);
            let lh = interlinea(pt);
            let top = y + (h - righe.len() as f32 * lh) / 2.0;
            for (j, riga) in righe.into_iter().enumerate() {
                let base = top + lh * (j as f32 + 0.75);
                p.testo(x + 1.0, base, pt, false, riga);
            }
        } else if !t.is_empty() {
            adatta(p, m, x, y, w, h, 10.0, false, &t);
        }
        x += w;
    }
    for inc in gruppo {
        p.riquadro(x, y, col_w, h);
        let incontro = inc.map(|i| &d.incontri[i]);
        if let (Variante::Dopo, Some(i), Some(pa)) = (variante, incontro, partecipante) {
            let mark = match i.presenze.get(&pa.id) {
                Some(true) => "P",
                Some(false) => "A",
                None => "–",
            };
            p.testo(x + col_w / 2.0 - 1.5, y + h / 2.0 + 1.5, 10.0, true, mark);
        }
        p.caselle.push(Casella {
            x,
            y,
            w: col_w,
            h,
            tipo: TipoCasella::Partecipante,
            destinatario_id: partecipante.map(|p| p.id),
            incontro_id: incontro.map(|i| i.id),
            riga: Some(n),
        });
        x += col_w;
    }
}

/// Notes and the closing box, on the last page if they fit, else on a new one.
fn chiusura(pagine: &mut Vec<Pag>, m: &dyn Misura, d: &DatiRegistro, variante: Variante, y: f32) {
    const H: f32 = 50.0;
    let mut y = y + 4.0;
    if y + H > Y_PIEDE {
        let mut p = Pag {
            elementi: vec![],
            caselle: vec![],
        };
        y = intestazione_breve(&mut p, m, d) + 2.0;
        pagine.push(p);
    }
    let p = pagine.last_mut().expect("a page");
    let w = X1 - X0;
    p.testo(X0, y + 4.0, 9.0, true, "Note");
    p.riquadro(X0, y + 5.5, w, 18.0);
    let y = y + 26.0;
    let totale: u32 = d.incontri.iter().map(|i| i.durata_minuti).sum();
    let ore_txt = match variante {
        Variante::Dopo => format!(
            "Ore totali svolte: {} in {} incontri",
            ore(totale),
            d.incontri.len()
        ),
        Variante::Prima => "Ore totali svolte: ________".to_string(),
    };
    p.testo(X0, y + 4.0, 10.0, true, ore_txt);
    p.testo(
        X0 + w / 2.0,
        y + 4.0,
        9.0,
        false,
        "Firma del responsabile, a chiusura del registro",
    );
    let (bx, by, bw, bh) = (X0 + w / 2.0, y + 6.0, w / 2.0, 14.0);
    p.riquadro(bx, by, bw, bh);
    p.caselle.push(Casella {
        x: bx,
        y: by,
        w: bw,
        h: bh,
        tipo: TipoCasella::Chiusura,
        destinatario_id: None,
        incontro_id: None,
        riga: None,
    });
}

/// Corner marks, page number and register number; the QR code's place.
fn piede(p: &mut Pag, d: &DatiRegistro, numero: u32, totale: u32) {
    const S: f32 = 5.0;
    for (x, y) in [
        (MARGINE, MARGINE),
        (PAGINA_W - MARGINE - S, MARGINE),
        (MARGINE, PAGINA_H - MARGINE - S),
        (PAGINA_W - MARGINE - S, PAGINA_H - MARGINE - S),
    ] {
        p.elementi.push(Elemento::Pieno { x, y, w: S, h: S });
    }
    let y = Y_PIEDE + 8.0;
    p.elementi.push(Elemento::Linea {
        x1: X0,
        y1: Y_PIEDE + 2.0,
        x2: X1,
        y2: Y_PIEDE + 2.0,
    });
    p.testo(X0, y, 10.0, true, format!("Registro n. {}", d.numero));
    p.testo(
        X0,
        y + 5.0,
        10.0,
        false,
        format!("Pagina {numero} di {totale}"),
    );
    p.testo(
        X0,
        y + 10.0,
        7.0,
        false,
        "Sportello – registro generato dai dati registrati; non modificare a mano l'intestazione.",
    );
}

/// Where the QR code is drawn on every page (mm, top-left and side).
pub const QR: (f32, f32, f32) = (X1 - 18.0, Y_PIEDE + 4.0, 18.0);
