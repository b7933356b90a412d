//! The ink in one signature box. The box is sampled every [`PASSO`] mm
//! through the page's map, away from its printed border; the dark samples are
//! grouped into strokes. A stroke that enters across an edge from outside
//! (ink continues beyond the border) and stays near that edge is a
//! neighbour's signature spilling over, and is not counted for this box.

use super::trasformazione::Affine;
use crate::registro::layout::Casella;
use image::GrayImage;

/// Sampling step (mm).
const PASSO: f64 = 0.2;
/// How far inside the printed border the box is measured (mm): the line,
/// its blur and the map's error stay outside.
const RIENTRO: f64 = 0.9;
/// How far past the border a stroke is followed (mm).
const OLTRE: f64 = 1.2;
/// Dark blobs smaller than this are dust or noise (samples: 0.12 mm²).
const MIN_CAMPIONI: usize = 3;
/// Ink (mm²) below which a box is blank, above which it is signed.
pub const ASSENTE_SOTTO: f32 = 0.8;
pub const PRESENTE_SOPRA: f32 = 2.6;
/// Below this confidence a proposal is doubtful and is not applied.
pub const FIDUCIA_MINIMA: f32 = 0.6;

/// What was measured in a box and what it suggests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Misura {
    /// Ink of this box's own strokes (mm²).
    pub inchiostro: f32,
    /// Ink of strokes entering from a neighbour box, not counted (mm²).
    pub intrusione: f32,
    pub presente: bool,
    /// 0–1; below [`FIDUCIA_MINIMA`] the proposal is doubtful.
    pub fiducia: f32,
}

/// The samples of a box and a frame around it.
struct Griglia {
    w: usize,
    h: usize,
    scuro: Vec<bool>,
    /// First and last row and column inside the box (past the border band).
    dentro: (usize, usize, usize, usize),
}

/// Samples the box `c` of the page mapped by `t`; `soglia` is the grey below
/// which a sample is ink.
fn campiona(img: &GrayImage, t: &Affine, c: &Casella, soglia: f32) -> Griglia {
    let cornice = RIENTRO + OLTRE;
    let (x0, y0) = (f64::from(c.x) - cornice, f64::from(c.y) - cornice);
    let w = ((f64::from(c.w) + 2.0 * cornice) / PASSO).round() as usize;
    let h = ((f64::from(c.h) + 2.0 * cornice) / PASSO).round() as usize;
    let mut scuro = Vec::with_capacity(w * h);
    for r in 0..h {
        let y = y0 + r as f64 * PASSO;
        for k in 0..w {
            let (px, py) = t.applica(x0 + k as f64 * PASSO, y);
            scuro.push(grigio(img, px, py) < soglia);
        }
    }
    // The printed line is `cornice` in; the box is measured `RIENTRO` past it.
    let primo = ((cornice + RIENTRO) / PASSO).round() as usize;
    Griglia {
        w,
        h,
        scuro,
        dentro: (primo, w - 1 - primo, primo, h - 1 - primo),
    }
}

/// Bilinear grey at a point of the scan; white off the scan.
pub(super) fn grigio(img: &GrayImage, x: f64, y: f64) -> f32 {
    if x < 0.0 || y < 0.0 {
        return 255.0;
    }
    let (ix, iy) = (x as u32, y as u32);
    if ix + 1 >= img.width() || iy + 1 >= img.height() {
        return 255.0;
    }
    let (fx, fy) = ((x - f64::from(ix)) as f32, (y - f64::from(iy)) as f32);
    let p = |dx: u32, dy: u32| f32::from(img.get_pixel(ix + dx, iy + dy)[0]);
    let top = p(0, 0) * (1.0 - fx) + p(1, 0) * fx;
    let bottom = p(0, 1) * (1.0 - fx) + p(1, 1) * fx;
    top * (1.0 - fy) + bottom * fy
}

/// Measures the box and proposes present or absent.
pub fn misura(img: &GrayImage, t: &Affine, c: &Casella, soglia: f32) -> Misura {
    let g = campiona(img, t, c, soglia);
    let (mut proprio, mut estraneo) = (0usize, 0usize);
    let mut visto = vec![false; g.w * g.h];
    let (c0, c1, r0, r1) = g.dentro;
    for r in r0..=r1 {
        for k in c0..=c1 {
            let i = r * g.w + k;
            if !g.scuro[i] || visto[i] {
                continue;
            }
            let tratto = tratto(&g, &mut visto, i);
            if tratto.n < MIN_CAMPIONI {
                continue;
            }
            if tratto.entra_da_fuori(&g) {
                estraneo += tratto.n;
            } else {
                proprio += tratto.n;
            }
        }
    }
    let area = (PASSO * PASSO) as f32;
    decidi(proprio as f32 * area, estraneo as f32 * area)
}

/// A proposal from the box's own ink and the ink that entered it.
fn decidi(inchiostro: f32, intrusione: f32) -> Misura {
    let (presente, fiducia) = if inchiostro >= PRESENTE_SOPRA {
        let f = 0.6 + 0.4 * ((inchiostro - PRESENTE_SOPRA) / 4.0).min(1.0);
        (true, f)
    } else if inchiostro <= ASSENTE_SOTTO {
        // Much foreign ink in a blank box: still blank, but less surely.
        let f = 0.7 + 0.3 * (1.0 - inchiostro / ASSENTE_SOTTO) - (intrusione / 40.0).min(0.15);
        (false, f)
    } else {
        let mezzo = (ASSENTE_SOTTO + PRESENTE_SOPRA) / 2.0;
        let distanza = (inchiostro - mezzo).abs() / (PRESENTE_SOPRA - mezzo);
        (inchiostro > mezzo, 0.3 + 0.25 * distanza)
    };
    Misura {
        inchiostro,
        intrusione,
        presente,
        fiducia: fiducia.clamp(0.0, 1.0),
    }
}

/// A stroke: dark samples 8-connected inside the box.
struct Tratto {
    n: usize,
    min: (usize, usize),
    max: (usize, usize),
    /// Per edge (top, bottom, left, right): the span of columns or rows where
    /// the stroke touches it.
    tocca: [Option<(usize, usize)>; 4],
}

fn tratto(g: &Griglia, visto: &mut [bool], inizio: usize) -> Tratto {
    let (c0, c1, r0, r1) = g.dentro;
    let mut t = Tratto {
        n: 0,
        min: (usize::MAX, usize::MAX),
        max: (0, 0),
        tocca: [None; 4],
    };
    let allarga = |s: &mut Option<(usize, usize)>, v: usize| {
        *s = Some(s.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
    };
    let mut pila = vec![inizio];
    visto[inizio] = true;
    while let Some(i) = pila.pop() {
        let (k, r) = (i % g.w, i / g.w);
        t.n += 1;
        t.min = (t.min.0.min(k), t.min.1.min(r));
        t.max = (t.max.0.max(k), t.max.1.max(r));
        if r == r0 {
            allarga(&mut t.tocca[0], k);
        }
        if r == r1 {
            allarga(&mut t.tocca[1], k);
        }
        if k == c0 {
            allarga(&mut t.tocca[2], r);
        }
        if k == c1 {
            allarga(&mut t.tocca[3], r);
        }
        for (dk, dr) in [
            (-1, -1),
            (0, -1),
            (1, -1),
            (-1, 0),
            (1, 0),
            (-1, 1),
            (0, 1),
            (1, 1),
        ] {
            let (nk, nr) = (k as i64 + dk, r as i64 + dr);
            if nk < c0 as i64 || nk > c1 as i64 || nr < r0 as i64 || nr > r1 as i64 {
                continue;
            }
            let j = nr as usize * g.w + nk as usize;
            if g.scuro[j] && !visto[j] {
                visto[j] = true;
                pila.push(j);
            }
        }
    }
    t
}

impl Tratto {
    /// Whether the stroke comes in across an edge (ink goes on past the
    /// border beside where it touches) and stays near that edge.
    fn entra_da_fuori(&self, g: &Griglia) -> bool {
        let (c0, c1, r0, r1) = g.dentro;
        let (alto, largo) = ((r1 - r0 + 1) as f64, (c1 - c0 + 1) as f64);
        // How deep a spill may reach: half the box's height, a few mm across.
        let fondo_v = (alto * 0.5) as usize;
        let fondo_o = ((largo * 0.3).min(6.0 / PASSO)) as usize;
        let fuori = |lato: usize, da: usize, a: usize| continua_fuori(g, lato, da, a);
        let entra = [
            self.tocca[0].is_some_and(|(a, b)| self.max.1 - r0 < fondo_v && fuori(0, a, b)),
            self.tocca[1].is_some_and(|(a, b)| r1 - self.min.1 < fondo_v && fuori(1, a, b)),
            self.tocca[2].is_some_and(|(a, b)| self.max.0 - c0 < fondo_o && fuori(2, a, b)),
            self.tocca[3].is_some_and(|(a, b)| c1 - self.min.0 < fondo_o && fuori(3, a, b)),
        ];
        entra.iter().any(|&e| e)
    }
}

/// Whether there is ink past the border band on side `lato` (top, bottom,
/// left, right), beside the span `da..=a` where a stroke touches it.
fn continua_fuori(g: &Griglia, lato: usize, da: usize, a: usize) -> bool {
    let margine = (1.5 / PASSO) as usize;
    let (da, a) = (da.saturating_sub(margine), a + margine);
    let scuro = |k: usize, r: usize| k < g.w && r < g.h && g.scuro[r * g.w + k];
    let (c0, c1, r0, r1) = g.dentro;
    // From the first sample inside to the first past the line, across its band.
    let fascia = ((2.0 * RIENTRO) / PASSO).round() as usize;
    let oltre = (OLTRE / PASSO).round() as usize;
    // The rows (or columns) just past the printed line, on the far side.
    let lontano = |p: usize| match lato {
        0 => r0.checked_sub(fascia + p),
        1 => Some(r1 + fascia + p),
        2 => c0.checked_sub(fascia + p),
        _ => Some(c1 + fascia + p),
    };
    (1..=oltre)
        .filter_map(lontano)
        .any(|q| (da..=a).any(|s| if lato < 2 { scuro(s, q) } else { scuro(q, s) }))
}
