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

/// Looks for the code in the corners, then in the whole scan.
pub fn cerca(img: &GrayImage) -> Ricerca {
    let zone = if img.width() > img.height() {
        ZONE_ORIZZONTALE
    } else {
        ZONE_VERTICALE
    };
    let mut esito = Ricerca::Nessuno;
    for z in zone.iter().chain([(0.0, 0.0, 1.0, 1.0)].iter()) {
        match cerca_in(img, *z) {
            Ricerca::Trovato(c) => return Ricerca::Trovato(c),
            Ricerca::Nessuno => {}
            altro => {
                if matches!(esito, Ricerca::Nessuno | Ricerca::Illeggibile) {
                    esito = altro;
                }
            }
        }
    }
    esito
}

fn cerca_in(img: &GrayImage, (fx0, fy0, fx1, fy1): (f64, f64, f64, f64)) -> Ricerca {
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
    let mut prep = rqrr::PreparedImage::prepare_from_greyscale(rw, rh, |x, y| {
        img.get_pixel(x0 + x as u32, y0 + y as u32)[0]
    });
    let mut esito = Ricerca::Nessuno;
    for g in prep.detect_grids() {
        match g.decode() {
            Ok((_, testo)) if testo.starts_with("SPORTELLO;") => {
                let angoli = g.bounds.map(|p| {
                    (
                        f64::from(p.x) + f64::from(x0),
                        f64::from(p.y) + f64::from(y0),
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

/// What a register's code says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identita {
    pub registro: String,
    pub servizio_id: Id,
    pub pagina: u32,
    pub totale: u32,
    /// The fingerprint of the page's boxes (`layout::impronta`); None on
    /// registers printed before it was added.
    pub impronta: Option<String>,
}

/// `SPORTELLO;REGISTRO=…;SERVIZIO=…;PAGINA=n/N;V=…`; None if malformed.
pub fn identita(testo: &str) -> Option<Identita> {
    let mut campi = testo.split(';');
    if campi.next()? != "SPORTELLO" {
        return None;
    }
    let (mut registro, mut servizio, mut pagina, mut impronta) = (None, None, None, None);
    for campo in campi {
        let (k, v) = campo.split_once('=')?;
        match k {
            "REGISTRO" => registro = Some(v.to_string()),
            "SERVIZIO" => servizio = v.parse::<Id>().ok(),
            "PAGINA" => {
                let (n, t) = v.split_once('/')?;
                pagina = Some((n.parse::<u32>().ok()?, t.parse::<u32>().ok()?));
            }
            "V" => impronta = Some(v.to_string()),
            _ => {}
        }
    }
    let (pagina, totale) = pagina.filter(|(n, t)| *n >= 1 && n <= t)?;
    Some(Identita {
        registro: registro?,
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
            "SPORTELLO;REGISTRO=OR3-1A2B3C4D;SERVIZIO=00000000-0000-0000-0000-00000000002a;PAGINA=2/3;V=0a1b2c3d",
        )
        .unwrap();
        assert_eq!(id.registro, "OR3-1A2B3C4D");
        assert_eq!((id.pagina, id.totale), (2, 3));
        assert_eq!(id.impronta.as_deref(), Some("0a1b2c3d"));
        assert!(identita("SPORTELLO;REGISTRO=X;SERVIZIO=nope;PAGINA=1/1").is_none());
        assert!(
            identita(
                "SPORTELLO;REGISTRO=X;SERVIZIO=00000000-0000-0000-0000-00000000002a;PAGINA=4/3"
            )
            .is_none()
        );
        assert!(identita("https://example.org").is_none());
    }
}
