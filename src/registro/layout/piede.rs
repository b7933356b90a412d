//! What every page carries at its edges: the corner marks a scan is aligned
//! by, the register and page numbers, and where the QR code goes.

use super::{Casella, Elemento, MARGINE, PAGINA_H, PAGINA_W, Pag, Pagina, X0, X1, Y_PIEDE};
use crate::registro::{DatiRegistro, Variante};
use sha2::{Digest, Sha256};

/// The side of a corner mark (mm); each sits [`MARGINE`] from its corners.
pub const SEGNO: f32 = 5.0;

/// The finished pages, numbered now that their count is known: each gets its
/// footer and the text of its QR code.
pub(super) fn numera(pagine: Vec<Pag>, d: &DatiRegistro, variante: Variante) -> Vec<Pagina> {
    let totale = pagine.len() as u32;
    pagine
        .into_iter()
        .enumerate()
        .map(|(k, mut p)| {
            let numero = k as u32 + 1;
            // Only QR's alphanumeric characters (capitals, digits, space, `:/-`):
            // 5.5 bits a character instead of 8, so the code has 33 modules
            // a side instead of 41, and each is larger on the paper.
            let qr = format!(
                "SPORTELLO SERVIZIO:{} PAGINA:{numero}/{totale} V:{}",
                d.servizio_id.to_string().to_uppercase(),
                impronta(variante, &p.caselle).to_uppercase()
            );
            piede(&mut p, d, numero, totale);
            Pagina {
                numero,
                totale,
                elementi: p.elementi,
                caselle: p.caselle,
                qr,
            }
        })
        .collect()
}

/// Corner marks, page number and register number; the QR code's place.
fn piede(p: &mut Pag, d: &DatiRegistro, numero: u32, totale: u32) {
    const S: f32 = SEGNO;
    for (x, y) in [
        (MARGINE, MARGINE),
        (PAGINA_W - MARGINE - S, MARGINE),
        (MARGINE, PAGINA_H - MARGINE - S),
        (PAGINA_W - MARGINE - S, PAGINA_H - MARGINE - S),
    ] {
        p.elementi.push(Elemento::Pieno { x, y, w: S, h: S });
    }
    let y = Y_PIEDE + 8.0;
    p.elementi.push(Elemento::Linea {
        x1: X0,
        y1: Y_PIEDE + 2.0,
        x2: QR.0 - 3.0,
        y2: Y_PIEDE + 2.0,
    });
    p.testo(X0, y, 10.0, true, format!("Registro n. {}", d.numero));
    p.testo(
        X0,
        y + 5.0,
        10.0,
        false,
        format!("Pagina {numero} di {totale}"),
    );
    p.testo(
        X0,
        y + 10.0,
        7.0,
        false,
        "Sportello – registro generato dai dati registrati; non modificare a mano l'intestazione.",
    );
}

/// Where the QR code is drawn on every page (mm, top-left and side): 24 mm
/// make its 33 modules 0.73 mm, 4.3 pixels at 150 dpi (18 mm and 41 modules,
/// 2.6 pixels, were too few for the decoder once a scan was turned or
/// blurred); 3.5 mm of white above it.
pub const QR: (f32, f32, f32) = (X1 - 24.0, Y_PIEDE + 3.5, 24.0);

/// A short fingerprint of a page's signature boxes: whose each is and where
/// (to a tenth of a millimetre), and the variant. A scan is read only against
/// the very layout it was printed with: a participant added since, or a
/// longer name that moved the rows, changes it, and the reader says so
/// instead of putting a signature in someone else's box.
pub fn impronta(variante: Variante, caselle: &[Casella]) -> String {
    let mut h = Sha256::new();
    h.update(format!("{variante:?}\n"));
    let id = |i: Option<crate::ids::Id>| i.map(|i| i.to_string()).unwrap_or_default();
    let decimi = |mm: f32| (mm * 10.0).round() as i32;
    for c in caselle {
        h.update(format!(
            "{:?};{};{};{};{};{};{};{}\n",
            c.tipo,
            c.riga.unwrap_or(0),
            id(c.destinatario_id),
            id(c.incontro_id),
            decimi(c.x),
            decimi(c.y),
            decimi(c.w),
            decimi(c.h)
        ));
    }
    hex::encode(&h.finalize()[..4])
}
