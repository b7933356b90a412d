//! From the page's millimetres (A4, top-left origin, as the layout places
//! everything) to the scan's pixels: an affine map, which holds what a
//! scanner does to a sheet (rotation, a page upside down, scale, skew, shift).

/// `px = a·x + b·y + c`, `py = d·x + e·y + f`, with (x, y) in mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

/// A point of the page (mm) and where it was found in the scan (px).
pub type Coppia = ((f64, f64), (f64, f64));

impl Affine {
    pub fn applica(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.a * x + self.b * y + self.c,
            self.d * x + self.e * y + self.f,
        )
    }

    /// The least-squares map through three or more pairs; None when they lie
    /// on one line (no map can be told from them).
    pub fn da_coppie(coppie: &[Coppia]) -> Option<Affine> {
        if coppie.len() < 3 {
            return None;
        }
        // Normal equations of [x y 1]·(a b c) = px, shared by both rows.
        let mut m = [[0.0f64; 3]; 3];
        let (mut vx, mut vy) = ([0.0f64; 3], [0.0f64; 3]);
        for &((x, y), (px, py)) in coppie {
            let r = [x, y, 1.0];
            for i in 0..3 {
                for j in 0..3 {
                    m[i][j] += r[i] * r[j];
                }
                vx[i] += r[i] * px;
                vy[i] += r[i] * py;
            }
        }
        let [a, b, c] = risolvi(m, vx)?;
        let [d, e, f] = risolvi(m, vy)?;
        Some(Affine { a, b, c, d, e, f })
    }

    /// Pixels per millimetre, the mean of the two axes.
    pub fn px_per_mm(&self) -> f64 {
        (self.a * self.e - self.b * self.d).abs().sqrt()
    }

    /// The page's turn in degrees, in (−180, 180]: 0 upright, 180 upside down.
    pub fn rotazione(&self) -> f64 {
        self.d.atan2(self.a).to_degrees()
    }

    /// The largest distance in pixels between where the map puts the pairs'
    /// page points and where they were found.
    pub fn scarto(&self, coppie: &[Coppia]) -> f64 {
        coppie
            .iter()
            .map(|&((x, y), (px, py))| {
                let (qx, qy) = self.applica(x, y);
                (qx - px).hypot(qy - py)
            })
            .fold(0.0, f64::max)
    }
}

/// Cramer's rule for a 3×3 system; None when singular.
fn risolvi(m: [[f64; 3]; 3], v: [f64; 3]) -> Option<[f64; 3]> {
    let det = |m: &[[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(&m);
    if d.abs() < 1e-9 {
        return None;
    }
    let mut out = [0.0; 3];
    for (k, o) in out.iter_mut().enumerate() {
        let mut mk = m;
        for i in 0..3 {
            mk[i][k] = v[i];
        }
        *o = det(&mk) / d;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_upside_down_and_turned_is_found_from_its_points() {
        // 200 dpi, turned 182°, shifted.
        let (s, t) = (200.0 / 25.4, 182.0f64.to_radians());
        let vera = Affine {
            a: s * t.cos(),
            b: -s * t.sin(),
            c: 1700.0,
            d: s * t.sin(),
            e: s * t.cos(),
            f: 2300.0,
        };
        let coppie: Vec<Coppia> = [(12.5, 12.5), (197.5, 12.5), (12.5, 284.5), (197.5, 284.5)]
            .iter()
            .map(|&(x, y)| ((x, y), vera.applica(x, y)))
            .collect();
        let trovata = Affine::da_coppie(&coppie).unwrap();
        assert!(trovata.scarto(&coppie) < 1e-6);
        assert!((trovata.rotazione().abs() - 178.0).abs() < 1e-6);
        assert!((trovata.px_per_mm() - s).abs() < 1e-6);
        let in_riga: Vec<Coppia> = (0..3).map(|k| ((k as f64, 0.0), (0.0, 0.0))).collect();
        assert!(Affine::da_coppie(&in_riga).is_none());
    }
}
