//! Pictures cut from a scan through the page's map, so they come out upright
//! and at a known scale whatever the scanner did: a box's crop for the
//! window's review strip, and the whole page for the evidence kept in the
//! database.

use super::caselle::grigio;
use super::trasformazione::Affine;
use crate::registro::layout::{Casella, PAGINA_H, PAGINA_W};
use base64::Engine;
use image::{ExtendedColorType, GrayImage, ImageEncoder};

/// A box's crop: 5 px per mm (127 dpi), with 1.5 mm around its border so
/// the reviewer sees a stroke that runs over.
const CROP_PX_MM: f64 = 5.0;
const CROP_MARGINE: f64 = 1.5;
/// The kept page: 150 dpi, JPEG quality 80 (about 250 KB for an A4 in grey).
const PAGINA_PX_MM: f64 = 150.0 / 25.4;
const QUALITA_JPEG: u8 = 80;

/// The rectangle (page mm) at `px_mm`, resampled from the scan.
fn ricampiona(
    img: &GrayImage,
    t: &Affine,
    (x0, y0, w, h): (f64, f64, f64, f64),
    px_mm: f64,
) -> GrayImage {
    let (pw, ph) = ((w * px_mm).round() as u32, (h * px_mm).round() as u32);
    GrayImage::from_fn(pw.max(1), ph.max(1), |k, r| {
        let (x, y) = (x0 + (k as f64 + 0.5) / px_mm, y0 + (r as f64 + 0.5) / px_mm);
        let (px, py) = t.applica(x, y);
        image::Luma([grigio(img, px, py).round() as u8])
    })
}

/// Box `c` as a PNG data URL for the window.
pub fn ritaglio(img: &GrayImage, t: &Affine, c: &Casella) -> String {
    let m = CROP_MARGINE;
    let r = ricampiona(
        img,
        t,
        (
            f64::from(c.x) - m,
            f64::from(c.y) - m,
            f64::from(c.w) + 2.0 * m,
            f64::from(c.h) + 2.0 * m,
        ),
        CROP_PX_MM,
    );
    let mut png = Vec::new();
    // Writing into memory cannot fail but for a size PNG cannot hold.
    let _ = image::codecs::png::PngEncoder::new(&mut png).write_image(
        r.as_raw(),
        r.width(),
        r.height(),
        ExtendedColorType::L8,
    );
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&png)
    )
}

/// The whole sheet upright at 150 dpi, as JPEG: the evidence of a reading.
pub fn pagina_diritta(img: &GrayImage, t: &Affine) -> Vec<u8> {
    let p = ricampiona(
        img,
        t,
        (0.0, 0.0, f64::from(PAGINA_W), f64::from(PAGINA_H)),
        PAGINA_PX_MM,
    );
    let mut jpeg = Vec::new();
    let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, QUALITA_JPEG)
        .write_image(p.as_raw(), p.width(), p.height(), ExtendedColorType::L8);
    jpeg
}
