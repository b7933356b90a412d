//! The page's QR code: where it is in the scan (its corners, which also say
//! which way up the page is) and what it says (register, servizio, page, the
//! fingerprint of the page's boxes). Looked for in the scan's corners first,
//! where a register prints it, so a page costs a fraction of its pixels.

use crate::ids::Id;
use image::GrayImage;

/// A decoded Sportello code and its corners in the scan, in pixels: the
/// code's own top-left, top-right, bottom-right, bottom-left.
#[derive(Debug, Clone)]
pub struct Codice {
    pub testo: String,
    pub angoli: [(f64, f64); 4],
}

/// What the search found.
#[derive(Debug)]
pub enum Ricerca {
    Trovato(Codice),
    /// Only codes that are not Sportello's (their text, for the report).
    Estraneo(String),
    /// Something like a code, that could not be decoded.
    Illeggibile,
    Nessuno,
}

/// Where a register's code can be, as fractions of the scan (x0, y0, x1, y1):
/// bottom right (upright), top left (upside down), then the two other corners
/// (a sheet scanned sideways).
const ZONE_VERTICALE: [(f64, f64, f64, f64); 4] = [
    (0.68, 0.80, 1.0, 1.0),
    (0.0, 0.0, 0.32, 0.20),
    (0.0, 0.80, 0.32, 1.0),
    (0.68, 0.0, 1.0, 0.20),
];
const ZONE_ORIZZONTALE: [(f64, f64, f64, f64); 4] = [
    (0.0, 0.68, 0.20, 1.0),
    (0.80, 0.0, 1.0, 0.32),
    (0.80, 0.68, 1.0, 1.0),
    (0.0, 0.0, 0.20, 0.32),
];

/// Looks for the code in the corners, then in the whole scan. A scan
/// coarser than about 220 dpi is also looked at twice as large: the
/// decoder needs more than the 3.5 pixels a module has at 150 dpi. Not
/// found, the corners are looked at again smoothed: a black-and-white scan
/// of a blurred sheet has jagged modules the decoder cannot line up (two
/// such pages in the bench's corpus at 150 dpi, both read once smoothed).
pub fn cerca(img: &GrayImage) -> Ricerca {
    match cerca_tal_quale(img) {
        Ricerca::Trovato(c) => Ricerca::Trovato(c),
        altro => {
            let zone = if img.width() > img.height() {
                ZONE_ORIZZONTALE
            } else {
                ZONE_VERTICALE
            };
            for z in zone {
                if let Ricerca::Trovato(c) = cerca_liscia(img, z) {
                    return Ricerca::Trovato(c);
                }
            }
            altro
        }
    }
}

/// The zone smoothed (a Gaussian of one pixel), then searched as it is.
fn cerca_liscia(img: &GrayImage, (fx0, fy0, fx1, fy1): (f64, f64, f64, f64)) -> Ricerca {
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    let (x0, y0) = ((fx0 * w) as u32, (fy0 * h) as u32);
    let (x1, y1) = ((fx1 * w) as u32, (fy1 * h) as u32);
    let zona = image::imageops::crop_imm(img, x0, y0, x1 - x0, y1 - y0).to_image();
    let liscia = image::imageops::blur(&zona, 1.0);
    match cerca_in(&liscia, (0.0, 0.0, 1.0, 1.0), 1) {
        Ricerca::Trovato(mut c) => {
            for a in &mut c.angoli {
                *a = (a.0 + f64::from(x0), a.1 + f64::from(y0));
            }
            Ricerca::Trovato(c)
        }
        altro => altro,
    }
}

fn cerca_tal_quale(img: &GrayImage) -> Ricerca {
    let zone = if img.width() > img.height() {
        ZONE_ORIZZONTALE
    } else {
        ZONE_VERTICALE
    };
    // An A4 sheet's short side, with a scanner's margin.
    let px_mm = f64::from(img.width().min(img.height())) / 215.0;
    let scale: &[u32] = if px_mm < 8.7 { &[1, 2] } else { &[1] };
    let mut esito = Ricerca::Nessuno;
    let tutta = (0.0, 0.0, 1.0, 1.0);
    for z in zone.iter().chain([tutta].iter()) {
        // The whole scan only as it is: enlarged it would cost four pages.
        let scale = if *z == tutta { &[1][..] } else { scale };
        for &scala in scale {
            match cerca_in(img, *z, scala) {
                Ricerca::Trovato(c) => return Ricerca::Trovato(c),
                Ricerca::Nessuno => {}
                altro => {
                    if matches!(esito, Ricerca::Nessuno | Ricerca::Illeggibile) {
                        esito = altro;
                    }
                }
            }
        }
    }
    esito
}

/// The zone `(x0, y0, x1, y1)` (fractions of the scan), enlarged `scala` times.
fn cerca_in(img: &GrayImage, (fx0, fy0, fx1, fy1): (f64, f64, f64, f64), scala: u32) -> Ricerca {
    let (w, h) = (img.width() as f64, img.height() as f64);
    let (x0, y0) = ((fx0 * w) as u32, (fy0 * h) as u32);
    let (x1, y1) = ((fx1 * w) as u32, (fy1 * h) as u32);
    let (rw, rh) = (
        x1.saturating_sub(x0) as usize,
        y1.saturating_sub(y0) as usize,
    );
    if rw < 21 || rh < 21 {
        return Ricerca::Nessuno;
    }
    let s = scala as usize;
    let mut prep = rqrr::PreparedImage::prepare_from_greyscale(rw * s, rh * s, |x, y| {
        if s == 1 {
            return img.get_pixel(x0 + x as u32, y0 + y as u32)[0];
        }
        let fx = (x as f64 + 0.5) / s as f64 - 0.5 + f64::from(x0);
        let fy = (y as f64 + 0.5) / s as f64 - 0.5 + f64::from(y0);
        bilineare(img, fx, fy)
    });
    let mut esito = Ricerca::Nessuno;
    for g in prep.detect_grids() {
        match g.decode() {
            Ok((_, testo)) if testo.starts_with("SPORTELLO") => {
                let angoli = g.bounds.map(|p| {
                    (
                        f64::from(p.x) / s as f64 + f64::from(x0),
                        f64::from(p.y) / s as f64 + f64::from(y0),
                    )
                });
                return Ricerca::Trovato(Codice { testo, angoli });
            }
            Ok((_, testo)) => esito = Ricerca::Estraneo(testo.chars().take(60).collect()),
            Err(_) => {
                if matches!(esito, Ricerca::Nessuno) {
                    esito = Ricerca::Illeggibile;
                }
            }
        }
    }
    esito
}

fn bilineare(img: &GrayImage, x: f64, y: f64) -> u8 {
    let x = x.clamp(0.0, f64::from(img.width() - 1));
    let y = y.clamp(0.0, f64::from(img.height() - 1));
    let (ix, iy) = (x as u32, y as u32);
    let (jx, jy) = (
        (ix + 1).min(img.width() - 1),
        (iy + 1).min(img.height() - 1),
    );
    let (fx, fy) = (x - f64::from(ix), y - f64::from(iy));
    let p = |a: u32, b: u32| f64::from(img.get_pixel(a, b)[0]);
    let v = (p(ix, iy) * (1.0 - fx) + p(jx, iy) * fx) * (1.0 - fy)
        + (p(ix, jy) * (1.0 - fx) + p(jx, jy) * fx) * fy;
    v.round() as u8
}

/// What a register's code says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identita {
    pub servizio_id: Id,
    pub pagina: u32,
    pub totale: u32,
    /// The fingerprint of the page's boxes (`layout::impronta`); None on
    /// registers printed before it was added.
    pub impronta: Option<String>,
}

/// `SPORTELLO SERVIZIO:… PAGINA:n/N V:…` (and the older
/// `SPORTELLO;REGISTRO=…;SERVIZIO=…;PAGINA=n/N`, which has no fingerprint);
/// None if malformed.
pub fn identita(testo: &str) -> Option<Identita> {
    let (separatore, uguale) = if testo.starts_with("SPORTELLO;") {
        (';', '=')
    } else {
        (' ', ':')
    };
    let mut campi = testo.split(separatore);
    if campi.next()? != "SPORTELLO" {
        return None;
    }
    let (mut servizio, mut pagina, mut impronta) = (None, None, None);
    for campo in campi {
        let (k, v) = campo.split_once(uguale)?;
        match k {
            "SERVIZIO" => servizio = v.parse::<Id>().ok(),
            "PAGINA" => {
                let (n, t) = v.split_once('/')?;
                pagina = Some((n.parse::<u32>().ok()?, t.parse::<u32>().ok()?));
            }
            "V" => impronta = Some(v.to_ascii_lowercase()),
            _ => {}
        }
    }
    let (pagina, totale) = pagina.filter(|(n, t)| *n >= 1 && n <= t)?;
    Some(Identita {
        servizio_id: servizio?,
        pagina,
        totale,
        impronta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_text_is_read_back() {
        let id = identita(
            "SPORTELLO SERVIZIO:00000000-0000-0000-0000-00000000002A PAGINA:2/3 V:0A1B2C3D",
        )
        .unwrap();
        assert_eq!(id.servizio_id, Id::from_u128(42));
        assert_eq!((id.pagina, id.totale), (2, 3));
        assert_eq!(id.impronta.as_deref(), Some("0a1b2c3d"));
        let vecchio =
            "SPORTELLO;REGISTRO=OR3-X;SERVIZIO=00000000-0000-0000-0000-00000000002a;PAGINA=1/1";
        assert_eq!(identita(vecchio).unwrap().impronta, None);
        assert!(identita("SPORTELLO SERVIZIO:nope PAGINA:1/1 V:0").is_none());
        let oltre = "SPORTELLO SERVIZIO:00000000-0000-0000-0000-00000000002A PAGINA:4/3 V:0";
        assert!(identita(oltre).is_none());
        assert!(identita("https://example.org").is_none());
    }
}
