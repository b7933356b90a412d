//! Text fitted to the cells of the register: shrunk, wrapped, and as a last
//! resort cut with an ellipsis, so nothing ever leaves its cell.

use super::{MM_PER_PT, Misura, Pag};

/// Text fitted in a fixed box: shrunk from `pt` down to 7 pt, then wrapped on
/// two lines, then shrunk further: never cut, never outside its cell. (Participant
/// names do not come here: their rows grow instead, see [`altezza_riga`](super::partecipanti::altezza_riga).)
#[allow(clippy::too_many_arguments)] // a cell (x, y, w, h) and a style (pt, bold): kept flat for the many call sites
pub(super) fn adatta(
    p: &mut Pag,
    m: &dyn Misura,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    pt: f32,
    grassetto: bool,
    testo: &str,
) {
    let w = w - 2.0;
    let x = x + 1.0;
    let mut size = pt;
    while size > 7.0 && m.larghezza(testo, size, grassetto) > w {
        size -= 0.5;
    }
    let baseline = |righe: f32, k: f32, size: f32| {
        let lh = size * MM_PER_PT * 1.15;
        y + (h - righe * lh) / 2.0 + lh * (k + 1.0) - lh * 0.25
    };
    if m.larghezza(testo, size, grassetto) <= w {
        p.testo(x, baseline(1.0, 0.0, size), size, grassetto, testo);
        return;
    }
    // Two lines: split at the space that balances them best.
    let parole: Vec<&str> = testo.split(' ').collect();
    let best = (1..parole.len())
        .map(|k| (parole[..k].join(" "), parole[k..].join(" ")))
        .filter(|(a, b)| {
            m.larghezza(a, size, grassetto) <= w && m.larghezza(b, size, grassetto) <= w
        })
        .min_by(|a, b| {
            let d = |(x, y): &(String, String)| (x.len() as i32 - y.len() as i32).abs();
            d(a).cmp(&d(b))
        });
    match best {
        Some((a, b)) if h >= 2.0 * size * MM_PER_PT * 1.15 => {
            p.testo(x, baseline(2.0, 0.0, size), size, grassetto, a);
            p.testo(x, baseline(2.0, 1.0, size), size, grassetto, b);
        }
        _ => {
            while size > 4.0 && m.larghezza(testo, size, grassetto) > w {
                size -= 0.25;
            }
            p.testo(x, baseline(1.0, 0.0, size), size, grassetto, testo);
        }
    }
}

/// Greedy word wrap within `w` mm; a word wider than a line is broken between
/// letters, so nothing is ever cut.
fn a_capo(m: &dyn Misura, testo: &str, w: f32, pt: f32, grassetto: bool) -> Vec<String> {
    let mut righe: Vec<String> = Vec::new();
    let mut corrente = String::new();
    for parola in testo.split_whitespace() {
        let prova = if corrente.is_empty() {
            parola.to_string()
        } else {
            format!("{corrente} {parola}")
        };
        if m.larghezza(&prova, pt, grassetto) <= w {
            corrente = prova;
            continue;
        }
        if !corrente.is_empty() {
            righe.push(std::mem::take(&mut corrente));
        }
        for c in parola.chars() {
            corrente.push(c);
            if corrente.chars().count() > 1 && m.larghezza(&corrente, pt, grassetto) > w {
                corrente.pop();
                righe.push(std::mem::take(&mut corrente));
                corrente.push(c);
            }
        }
    }
    if !corrente.is_empty() || righe.is_empty() {
        righe.push(corrente);
    }
    righe
}

/// A cell never holds more text than this: a name or place read from a
/// school's file may be far longer, and laying it out must stay cheap.
const MAX_CARATTERI_CELLA: usize = 400;

/// As [`a_capo`], on at most `max` lines: the last one is cut with an ellipsis.
pub(super) fn a_capo_al_piu(
    m: &dyn Misura,
    testo: &str,
    w: f32,
    pt: f32,
    grassetto: bool,
    max: usize,
) -> Vec<String> {
    let breve: String = testo.chars().take(MAX_CARATTERI_CELLA).collect();
    let mut righe = a_capo(m, &breve, w, pt, grassetto);
    if righe.len() > max || breve.len() < testo.len() {
        righe.truncate(max);
        if let Some(ultima) = righe.last_mut() {
            while !ultima.is_empty() && m.larghezza(&format!("{ultima}…"), pt, grassetto) > w {
                ultima.pop();
            }
            ultima.push('…');
        }
    }
    righe
}

/// The distance between two lines of text at `pt` points.
pub(super) fn interlinea(pt: f32) -> f32 {
    pt * MM_PER_PT * 1.15
}
