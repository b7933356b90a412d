//! One scanned page: who it is (the QR code), how it lies (a rough map from
//! the code's corners, then an exact one from the four corner marks, checked
//! back against the code), and the ink in each participant's box.

use super::caselle::{self, Misura};
use super::codice::{self, Codice, Identita, Ricerca};
use super::segni;
use super::trasformazione::{Affine, Coppia};
use crate::registro::layout::{self, Casella, Pagina, TipoCasella};
use image::GrayImage;

/// Where ink starts, from black (0) to the paper's white (1): a faint pencil
/// blurred by a 150 dpi scan is still seen, the paper's grain and a
/// scanner's noise are not (on the bench's corpus: signed boxes 4.2 mm² of
/// ink at least, blank ones none, at 0.72 faint pencils were lost).
const SOGLIA_INCHIOSTRO: f32 = 0.8;

/// A page that cannot be used, and why (Italian, for the report).
#[derive(Debug, Clone, PartialEq)]
pub enum Problema {
    /// No Sportello code: another document, or a blank sheet.
    NonSportello(String),
    /// A Sportello page whose geometry could not be trusted.
    Illeggibile(String),
}

/// A page identified by its code.
pub struct Identificata {
    pub codice: Codice,
    pub identita: Identita,
}

/// Reads the page's code.
pub fn identifica(img: &GrayImage) -> Result<Identificata, Problema> {
    let codice = match codice::cerca(img) {
        Ricerca::Trovato(c) => c,
        Ricerca::Estraneo(t) => {
            return Err(Problema::NonSportello(format!(
                "non è una pagina di un registro Sportello (il suo codice dice «{t}»)"
            )));
        }
        Ricerca::Illeggibile => {
            return Err(Problema::Illeggibile(
                "il codice della pagina non si legge (macchiato, piegato o sfocato)".into(),
            ));
        }
        Ricerca::Nessuno => {
            return Err(Problema::NonSportello(
                "non è una pagina di un registro Sportello (nessun codice Sportello)".into(),
            ));
        }
    };
    let identita = codice::identita(&codice.testo).ok_or_else(|| {
        Problema::Illeggibile("il codice Sportello della pagina è incompleto".into())
    })?;
    Ok(Identificata { codice, identita })
}

/// The page's map and the measure of each participant's box of `pagina`
/// (the layout it was printed with), in the order of `pagina.caselle`.
pub struct Letta {
    pub mappa: Affine,
    /// Black and white only: a faint pencil may have been erased by the scanner.
    pub bitonale: bool,
    pub misure: Vec<(Casella, Misura)>,
}

pub fn leggi(img: &GrayImage, id: &Identificata, pagina: &Pagina) -> Result<Letta, Problema> {
    let (bianco, nero, bitonale) = livelli(img);
    if bianco < nero + 60 {
        return Err(Problema::Illeggibile(
            "la pagina ha troppo poco contrasto (scansione troppo scura o troppo chiara)".into(),
        ));
    }
    let mappa = mappa(img, &id.codice, (bianco, nero))?;
    let soglia = f32::from(nero) + SOGLIA_INCHIOSTRO * f32::from(bianco - nero);
    let misure = pagina
        .caselle
        .iter()
        .filter(|c| c.tipo == TipoCasella::Partecipante)
        .map(|c| (c.clone(), caselle::misura(img, &mappa, c, soglia)))
        .collect();
    Ok(Letta {
        mappa,
        bitonale,
        misure,
    })
}

/// The paper's white and the print's black (percentiles of a sample of the
/// page), and whether the scan has only those two.
fn livelli(img: &GrayImage) -> (u8, u8, bool) {
    let mut conta = [0usize; 256];
    let mut n = 0;
    for y in (0..img.height()).step_by(7) {
        for x in (0..img.width()).step_by(7) {
            conta[img.get_pixel(x, y)[0] as usize] += 1;
            n += 1;
        }
    }
    let percentile = |p: f64| {
        let obiettivo = (n as f64 * p) as usize;
        let mut somma = 0;
        for (v, c) in conta.iter().enumerate() {
            somma += c;
            if somma > obiettivo {
                return v as u8;
            }
        }
        255
    };
    let (bianco, nero) = (percentile(0.5), percentile(0.005));
    let estremi = conta[bianco as usize] + conta[nero as usize];
    (bianco, nero, estremi * 100 >= n * 99)
}

fn illeggibile(perche: &str) -> Problema {
    Problema::Illeggibile(perche.to_string())
}

/// The exact map: marks found where the code's rough map expects them.
fn mappa(img: &GrayImage, codice: &Codice, (bianco, nero): (u8, u8)) -> Result<Affine, Problema> {
    let qr = angoli_qr(codice);
    let grezza = Affine::da_coppie(&qr).ok_or_else(|| illeggibile("il codice è deformato"))?;
    let ppm = grezza.px_per_mm();
    if !(2.0..=30.0).contains(&ppm) {
        return Err(illeggibile(
            "la risoluzione non è plausibile (tra 50 e 760 dpi)",
        ));
    }
    let soglia = ((u16::from(bianco) + u16::from(nero)) / 2) as u8;
    let coppie: Vec<Coppia> = segni::centri()
        .into_iter()
        .filter_map(|mm| {
            let atteso = grezza.applica(mm.0, mm.1);
            segni::trova(img, atteso, ppm, soglia).map(|px| (mm, px))
        })
        .collect();
    if coppie.len() < 3 {
        return Err(illeggibile(
            "mancano i segni negli angoli (pagina tagliata, piegata o coperta?)",
        ));
    }
    let fine = Affine::da_coppie(&coppie)
        .ok_or_else(|| illeggibile("i segni negli angoli non sono coerenti"))?;
    // Four marks over-determine the map: they must agree to within 1 mm,
    // and the code must sit where the marks put it.
    let ppm = fine.px_per_mm();
    if fine.scarto(&coppie) > ppm || fine.scarto(&qr) > 1.5 * ppm || !proporzionata(&fine) {
        return Err(illeggibile(
            "la pagina è deformata o i segni negli angoli non tornano con il codice",
        ));
    }
    Ok(fine)
}

/// The same scale on both axes within 10 %, and square corners within 3°:
/// what a scanner can do to a sheet.
fn proporzionata(t: &Affine) -> bool {
    let sx = t.a.hypot(t.d);
    let sy = t.b.hypot(t.e);
    let coseno = (t.a * t.b + t.d * t.e) / (sx * sy);
    (sx / sy - 1.0).abs() < 0.1 && coseno.abs() < 3f64.to_radians().sin()
}

/// The code's corners on the page (mm) and in the scan (px). The decoder
/// reports a corner one module past the symbol's bottom and right edges.
fn angoli_qr(codice: &Codice) -> Vec<Coppia> {
    let (x0, y0, lato) = layout::QR;
    let (x0, y0, lato) = (f64::from(x0), f64::from(y0), f64::from(lato));
    let moduli = moduli_qr(&codice.testo) as f64;
    let l = lato * (moduli + 1.0) / moduli;
    [(x0, y0), (x0 + l, y0), (x0 + l, y0 + l), (x0, y0 + l)]
        .into_iter()
        .zip(codice.angoli)
        .collect()
}

/// Modules per side of the code the register prints for `testo`.
fn moduli_qr(testo: &str) -> usize {
    qrcode::QrCode::new(testo.as_bytes()).map_or(41, |c| c.width())
}
