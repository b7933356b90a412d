//! The table's rows: one per participant, then blank ones for late additions,
//! each with a presence box per incontro of the page's group.

use super::testo::{a_capo_al_piu, adatta, interlinea};
use super::{
    COL_CLASSE, COL_COGNOME, COL_N, COL_NOME, Casella, Foglio, Misura, Pag, TipoCasella, X0,
};
use crate::registro::{DatiRegistro, IncontroReg, Partecipante, Variante};

const RIGA_H: f32 = 8.0;

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
pub(super) fn altezza_riga(m: &dyn Misura, d: &DatiRegistro, r: usize) -> f32 {
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

/// Row `r` of the table, `h` mm tall at `y`: who (a blank line past the
/// participants), then a presence box per incontro of the group.
pub(super) fn riga(p: &mut Pag, f: &Foglio, y: f32, h: f32, r: usize) {
    let Foglio {
        m,
        d,
        variante,
        gruppo,
        col_w,
    } = *f;
    let partecipante = d.partecipanti.get(r);
    let n = r as u32 + 1;
    let mut x = celle_anagrafiche(p, m, partecipante, n, y, h);
    for inc in gruppo {
        p.riquadro(x, y, col_w, h);
        let incontro = inc.map(|i| &d.incontri[i]);
        if let (Variante::Dopo, Some(i), Some(pa)) = (variante, incontro, partecipante) {
            let mark = presenza(i, pa);
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

/// The row's number, cognome, nome and classe; returns where the incontri's
/// boxes start.
fn celle_anagrafiche(
    p: &mut Pag,
    m: &dyn Misura,
    partecipante: Option<&Partecipante>,
    n: u32,
    y: f32,
    h: f32,
) -> f32 {
    let mut x = X0;
    // (width, text, is a name): names wrap on the lines they need, the row grew
    // for them; the number and classe are fitted to their cell.
    let celle = [
        (COL_N, n.to_string(), false),
        (
            COL_COGNOME,
            partecipante.map(|p| p.cognome.clone()).unwrap_or_default(),
            true,
        ),
        (
            COL_NOME,
            partecipante.map(|p| p.nome.clone()).unwrap_or_default(),
            true,
        ),
        (
            COL_CLASSE,
            partecipante
                .map(|p| p.classe_sezione.clone())
                .unwrap_or_default(),
            false,
        ),
    ];
    for (w, t, nome) in celle {
        p.riquadro(x, y, w, h);
        if nome {
            nome_a_capo(p, m, x, y, w, h, &t);
        } else if !t.is_empty() {
            adatta(p, m, x, y, w, h, 10.0, false, &t);
        }
        x += w;
    }
    x
}

/// Cognome and nome: 10 pt on the lines they need (see [`righe_nome`]),
/// centred in the row, which [`altezza_riga`] made tall enough.
fn nome_a_capo(p: &mut Pag, m: &dyn Misura, x: f32, y: f32, w: f32, h: f32, t: &str) {
    let (righe, pt) = righe_nome(m, t, w - 2.0);
    let lh = interlinea(pt);
    let top = y + (h - righe.len() as f32 * lh) / 2.0;
    for (j, riga) in righe.into_iter().enumerate() {
        let base = top + lh * (j as f32 + 0.75);
        p.testo(x + 1.0, base, pt, false, riga);
    }
}

/// After the meetings: P present, A absent, – not recorded for this participant.
fn presenza(i: &IncontroReg, pa: &Partecipante) -> &'static str {
    match i.presenze.get(&pa.id) {
        Some(true) => "P",
        Some(false) => "A",
        None => "–",
    }
}
