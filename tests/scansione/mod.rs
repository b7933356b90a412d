//! Scans made in the test: a register PDF rendered by pdftoppm, signatures
//! drawn into chosen boxes, and what a scanner does to a sheet (turned,
//! scaled, shifted, blurred, noisy, JPEG, black and white), then put back
//! into a PDF as a scanner writes it. Shared by tests/lettura.rs and
//! benches/lettura.rs.
#![allow(dead_code)] // each user takes part of it

use image::{GrayImage, Luma};
use sportello::registro::layout::Casella;
use std::process::Command;

/// The pages of `pdf` in grey at `dpi` (pdftoppm, poppler-utils).
pub fn rasterizza(pdf: &[u8], dpi: u32) -> Vec<GrayImage> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-gray", "-png"])
        .arg(&path)
        .arg(dir.path().join("p"))
        .output()
        .expect("pdftoppm (poppler-utils) installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| image::open(f).unwrap().into_luma8())
        .collect()
}

/// A small deterministic generator, so a corpus is the same every run.
pub struct Caso(pub u64);

impl Caso {
    pub fn u(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn tra(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.u()
    }
}

/// How a signature is written.
#[derive(Debug, Clone, Copy)]
pub struct Penna {
    /// Stroke width (mm).
    pub spessore: f64,
    /// Grey of the ink (0 black; a faint pencil ~170).
    pub grigio: u8,
}

pub const BIRO: Penna = Penna {
    spessore: 0.45,
    grigio: 30,
};
pub const MATITA: Penna = Penna {
    spessore: 0.3,
    grigio: 165,
};

/// A disc of ink at (x, y) px of radius r px, darkening only.
fn punto(img: &mut GrayImage, x: f64, y: f64, r: f64, grigio: u8) {
    let (x0, x1) = ((x - r).floor().max(0.0) as u32, (x + r).ceil() as u32);
    let (y0, y1) = ((y - r).floor().max(0.0) as u32, (y + r).ceil() as u32);
    for py in y0..=y1.min(img.height() - 1) {
        for px in x0..=x1.min(img.width() - 1) {
            let d = (px as f64 + 0.5 - x).hypot(py as f64 + 0.5 - y);
            // Anti-aliased edge: half a pixel of ramp.
            let a = (r + 0.5 - d).clamp(0.0, 1.0);
            if a > 0.0 {
                let p = img.get_pixel_mut(px, py);
                let v = p[0] as f64 * (1.0 - a) + grigio as f64 * a;
                p[0] = p[0].min(v.round() as u8);
            }
        }
    }
}

/// A polyline in page mm, drawn at `dpi` on an upright page image.
pub fn tratto(img: &mut GrayImage, dpi: f64, punti: &[(f64, f64)], penna: Penna) {
    let s = dpi / 25.4;
    let r = (penna.spessore * s / 2.0).max(0.5);
    for w in punti.windows(2) {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        let passi = (((bx - ax).hypot(by - ay) * s) / 0.5).ceil().max(1.0) as usize;
        for k in 0..=passi {
            let t = k as f64 / passi as f64;
            punto(
                img,
                (ax + (bx - ax) * t) * s,
                (ay + (by - ay) * t) * s,
                r,
                penna.grigio,
            );
        }
    }
}

/// A cursive-like signature inside box `c` (page mm): a run of loops across
/// a share of its width, its height a share of the box's.
pub fn firma(img: &mut GrayImage, dpi: f64, c: &Casella, penna: Penna, caso: &mut Caso) {
    let (x, y, w, h) = (c.x as f64, c.y as f64, c.w as f64, c.h as f64);
    let larga = caso.tra(0.25, 0.8) * w;
    let inizio = x + caso.tra(1.5, w - larga - 1.5);
    let alta = caso.tra(0.25, 0.6) * h;
    let centro = y + h / 2.0 + caso.tra(-0.12, 0.12) * h;
    let giri = caso.tra(3.0, 8.0);
    let punti: Vec<(f64, f64)> = (0..=200)
        .map(|k| {
            let t = k as f64 / 200.0;
            let a = t * giri * std::f64::consts::TAU;
            (
                inizio + t * larga + 0.12 * larga / giri * a.cos(),
                centro + alta / 2.0 * a.sin(),
            )
        })
        .collect();
    tratto(img, dpi, &punti, penna);
}

/// A stroke from the middle of box `c` down across its lower edge, `entra`
/// mm into the box below: a signature's tail spilling over.
pub fn coda_in_basso(img: &mut GrayImage, dpi: f64, c: &Casella, entra: f64, penna: Penna) {
    let x = c.x as f64 + c.w as f64 * 0.6;
    let fondo = c.y as f64 + c.h as f64;
    let punti = [
        (x - 4.0, fondo - c.h as f64 * 0.4),
        (x, fondo - 1.0),
        (x + 1.5, fondo + entra),
        (x + 3.0, fondo + entra * 0.5),
    ];
    tratto(img, dpi, &punti, penna);
}

/// Initials: two or three small letters, 4–7 mm wide, in box `c`.
pub fn sigla(img: &mut GrayImage, dpi: f64, c: &Casella, penna: Penna, caso: &mut Caso) {
    let larga = caso.tra(4.0, 7.0);
    let x0 = c.x as f64 + caso.tra(2.0, c.w as f64 - larga - 2.0);
    let alta = caso.tra(2.5, 4.0);
    let y0 = c.y as f64 + (c.h as f64 - alta) / 2.0;
    let lettere = if caso.u() < 0.5 { 2 } else { 3 };
    let passo = larga / lettere as f64;
    for k in 0..lettere {
        let x = x0 + k as f64 * passo;
        // A letter like an N or an M: up, down, up.
        let punti = [
            (x, y0 + alta),
            (x + passo * 0.2, y0),
            (x + passo * 0.45, y0 + alta),
            (x + passo * 0.7, y0 + alta * 0.1),
        ];
        tratto(img, dpi, &punti, penna);
    }
}

/// A stroke from the middle of box `c` out across its right edge, `entra`
/// mm into the box beside it: a long signature running over.
pub fn coda_a_destra(img: &mut GrayImage, dpi: f64, c: &Casella, entra: f64, penna: Penna) {
    let destra = c.x as f64 + c.w as f64;
    let y = c.y as f64 + c.h as f64 * 0.55;
    let punti = [
        (destra - 8.0, y),
        (destra - 3.0, y - 1.0),
        (destra + entra, y + 0.8),
    ];
    tratto(img, dpi, &punti, penna);
}

/// A Gaussian blur of `sigma` pixels (a scanner out of focus), in two
/// passes, rows then columns.
pub fn sfoca(img: &GrayImage, sigma: f64) -> GrayImage {
    let r = (3.0 * sigma).ceil() as i64;
    let pesi: Vec<f64> = (-r..=r)
        .map(|k| (-(k * k) as f64 / (2.0 * sigma * sigma)).exp())
        .collect();
    let somma: f64 = pesi.iter().sum();
    let (w, h) = (img.width() as i64, img.height() as i64);
    let passata = |src: &GrayImage, orizzontale: bool| {
        GrayImage::from_fn(w as u32, h as u32, |x, y| {
            let v: f64 = (-r..=r)
                .map(|k| {
                    let (sx, sy) = if orizzontale {
                        ((x as i64 + k).clamp(0, w - 1), y as i64)
                    } else {
                        (x as i64, (y as i64 + k).clamp(0, h - 1))
                    };
                    src.get_pixel(sx as u32, sy as u32)[0] as f64 * pesi[(k + r) as usize]
                })
                .sum();
            Luma([(v / somma).round() as u8])
        })
    };
    passata(&passata(img, true), false)
}

/// What a scanner does to the sheet: turn (degrees, about the centre),
/// scale, shift (mm), with bilinear resampling on a white ground `bordo` mm
/// wider on each side (a scanner's glass is larger than the sheet).
pub fn scanner(
    img: &GrayImage,
    gradi: f64,
    scala: f64,
    sposta: (f64, f64),
    bordo: f64,
    dpi: f64,
) -> GrayImage {
    let s = dpi / 25.4;
    if (gradi - 180.0).abs() < 1e-9 && scala == 1.0 && sposta == (0.0, 0.0) && bordo == 0.0 {
        let mut out = img.clone();
        image::imageops::rotate180_in_place(&mut out);
        return out;
    }
    let b = (bordo * s).round() as u32;
    let (w, h) = (img.width(), img.height());
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let (sn, cs) = gradi.to_radians().sin_cos();
    let (dx, dy) = (sposta.0 * s, sposta.1 * s);
    let mut out = GrayImage::from_pixel(w + 2 * b, h + 2 * b, Luma([255]));
    for y in 0..h + 2 * b {
        for x in 0..w + 2 * b {
            // Inverse map: output pixel → source pixel.
            let u = x as f64 + 0.5 - b as f64 - cx - dx;
            let v = y as f64 + 0.5 - b as f64 - cy - dy;
            let sx = (cs * u + sn * v) / scala + cx - 0.5;
            let sy = (-sn * u + cs * v) / scala + cy - 0.5;
            if sx >= 0.0 && sy >= 0.0 && sx < (w - 1) as f64 && sy < (h - 1) as f64 {
                let (ix, iy) = (sx as u32, sy as u32);
                let (fx, fy) = (sx - ix as f64, sy - iy as f64);
                let p = |a: u32, b: u32| img.get_pixel(ix + a, iy + b)[0] as f64;
                let v = (p(0, 0) * (1.0 - fx) + p(1, 0) * fx) * (1.0 - fy)
                    + (p(0, 1) * (1.0 - fx) + p(1, 1) * fx) * fy;
                out.put_pixel(x, y, Luma([v.round() as u8]));
            }
        }
    }
    out
}

/// Gaussian noise of `sigma` grey levels.
pub fn rumore(img: &mut GrayImage, sigma: f64, caso: &mut Caso) {
    for p in img.pixels_mut() {
        // Sum of uniforms: close enough to a Gaussian for a scanner's noise.
        let n = (0..4).map(|_| caso.u()).sum::<f64>() - 2.0;
        p[0] = (p[0] as f64 + n * sigma * 1.73).clamp(0.0, 255.0) as u8;
    }
}

/// Dust: `n` dark specks 0.1–0.4 mm wide anywhere on the page.
pub fn polvere(img: &mut GrayImage, dpi: f64, n: usize, caso: &mut Caso) {
    let s = dpi / 25.4;
    for _ in 0..n {
        let (x, y) = (
            caso.tra(0.0, img.width() as f64),
            caso.tra(0.0, img.height() as f64),
        );
        punto(
            img,
            x,
            y,
            caso.tra(0.05, 0.2) * s,
            caso.tra(20.0, 120.0) as u8,
        );
    }
}

/// Uneven light: the page darkens by up to `quanto` grey levels towards one side.
pub fn ombra(img: &mut GrayImage, quanto: f64) {
    let w = img.width() as f64;
    for (x, _, p) in img.enumerate_pixels_mut() {
        p[0] = (p[0] as f64 - quanto * x as f64 / w).max(0.0) as u8;
    }
}

/// Black and white at the middle grey, as a bi-tonal scan.
pub fn bitonale(img: &mut GrayImage) {
    for p in img.pixels_mut() {
        p[0] = if p[0] < 128 { 0 } else { 255 };
    }
}

pub fn jpeg(img: &GrayImage, qualita: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, qualita)
        .encode_image(img)
        .unwrap();
    out
}

pub fn png(img: &GrayImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A PDF as a scanner writes it: one JPEG image filling each A4 page.
pub fn pdf_scansione(pagine: &[GrayImage], qualita: u8) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let radice = doc.new_object_id();
    let mut figli = Vec::new();
    for img in pagine {
        let immagine = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image",
                "Width" => img.width() as i64, "Height" => img.height() as i64,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                "Filter" => "DCTDecode",
            },
            jpeg(img, qualita),
        ));
        let contenuto = doc.add_object(Stream::new(
            dictionary! {},
            b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q".to_vec(),
        ));
        let pagina = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => radice,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.28), Object::Real(841.89)],
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => immagine } },
            "Contents" => contenuto,
        });
        figli.push(pagina.into());
    }
    let n = figli.len() as i64;
    doc.objects.insert(
        radice,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => figli, "Count" => n }),
    );
    let catalogo = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => radice });
    doc.trailer.set("Root", catalogo);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
