//! The four corner marks (filled squares, `layout::SEGNO` mm, `MARGINE` mm
//! from the sheet's corners): found near where the QR code says they are,
//! they fix the page's map far more precisely than the small code can.

use crate::registro::layout::{MARGINE, PAGINA_H, PAGINA_W, SEGNO};
use image::GrayImage;

/// The marks' centres on the page (mm): top left, top right, bottom left, bottom right.
pub fn centri() -> [(f64, f64); 4] {
    let (m, s) = (f64::from(MARGINE), f64::from(SEGNO));
    let (w, h) = (f64::from(PAGINA_W), f64::from(PAGINA_H));
    let (x0, x1) = (m + s / 2.0, w - m - s / 2.0);
    let (y0, y1) = (m + s / 2.0, h - m - s / 2.0);
    [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
}

/// How far from where it is expected a mark is looked for (mm).
const RAGGIO_MM: f64 = 12.0;

/// The centre (px) of the mark expected at `atteso`: of the dark blobs near
/// it (darker than `soglia`), the nearest one with a mark's size and
/// squareness; None if there is none (a torn or folded corner).
pub fn trova(img: &GrayImage, atteso: (f64, f64), px_mm: f64, soglia: u8) -> Option<(f64, f64)> {
    let r = RAGGIO_MM * px_mm;
    let x0 = (atteso.0 - r).max(0.0) as u32;
    let y0 = (atteso.1 - r).max(0.0) as u32;
    let x1 = ((atteso.0 + r) as u32).min(img.width());
    let y1 = ((atteso.1 + r) as u32).min(img.height());
    if x1 <= x0 + 2 || y1 <= y0 + 2 {
        return None;
    }
    let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let scuro: Vec<bool> = (0..w * h)
        .map(|k| img.get_pixel(x0 + (k % w) as u32, y0 + (k / w) as u32)[0] < soglia)
        .collect();
    let lato = f64::from(SEGNO) * px_mm;
    let mut visto = vec![false; w * h];
    let mut migliore: Option<((f64, f64), f64)> = None;
    for inizio in 0..w * h {
        if !scuro[inizio] || visto[inizio] {
            continue;
        }
        let m = macchia(&scuro, &mut visto, w, h, inizio);
        if !m.sembra_un_segno(lato) {
            continue;
        }
        let c = (
            m.sx / m.n as f64 + f64::from(x0),
            m.sy / m.n as f64 + f64::from(y0),
        );
        let d = (c.0 - atteso.0).hypot(c.1 - atteso.1);
        if migliore.is_none_or(|(_, dm)| d < dm) {
            migliore = Some((c, d));
        }
    }
    migliore.map(|(c, _)| c)
}

/// A connected dark blob of the window.
struct Macchia {
    n: usize,
    sx: f64,
    sy: f64,
    min: (usize, usize),
    max: (usize, usize),
    al_bordo: bool,
}

impl Macchia {
    /// A filled square of about `lato` px, turned a few degrees at most,
    /// whole inside the window.
    fn sembra_un_segno(&self, lato: f64) -> bool {
        let bw = (self.max.0 - self.min.0 + 1) as f64;
        let bh = (self.max.1 - self.min.1 + 1) as f64;
        let area = self.n as f64;
        !self.al_bordo
            && (0.7 * lato..=1.5 * lato).contains(&bw)
            && (0.7 * lato..=1.5 * lato).contains(&bh)
            && (0.5 * lato * lato..=1.8 * lato * lato).contains(&area)
            && area / (bw * bh) > 0.6
    }
}

/// The blob of dark pixels 8-connected to `inizio`, marked as seen.
fn macchia(scuro: &[bool], visto: &mut [bool], w: usize, h: usize, inizio: usize) -> Macchia {
    let mut m = Macchia {
        n: 0,
        sx: 0.0,
        sy: 0.0,
        min: (usize::MAX, usize::MAX),
        max: (0, 0),
        al_bordo: false,
    };
    let mut pila = vec![inizio];
    visto[inizio] = true;
    while let Some(k) = pila.pop() {
        let (x, y) = (k % w, k / w);
        m.n += 1;
        m.sx += x as f64;
        m.sy += y as f64;
        m.min = (m.min.0.min(x), m.min.1.min(y));
        m.max = (m.max.0.max(x), m.max.1.max(y));
        m.al_bordo |= x == 0 || y == 0 || x + 1 == w || y + 1 == h;
        for dy in -1i64..=1 {
            for dx in -1i64..=1 {
                let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if scuro[j] && !visto[j] {
                    visto[j] = true;
                    pila.push(j);
                }
            }
        }
    }
    m
}
