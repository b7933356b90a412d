//! The register's end: a box for notes, the hours done, and the responsible
//! person's closing signature.

use super::intestazione::intestazione_breve;
use super::{Misura, Pag, TipoCasella, X0, X1, Y_PIEDE};
use crate::registro::{DatiRegistro, Variante};

fn ore(minuti: u32) -> String {
    match (minuti / 60, minuti % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The hours of all the incontri after the meetings; a blank before.
fn ore_svolte(d: &DatiRegistro, variante: Variante) -> String {
    let totale: u32 = d.incontri.iter().map(|i| i.durata_minuti).sum();
    match variante {
        Variante::Dopo => format!(
            "Ore totali svolte: {} in {} incontri",
            ore(totale),
            d.incontri.len()
        ),
        Variante::Prima => "Ore totali svolte: ________".to_string(),
    }
}

/// Notes and the closing box, on the last page if they fit, else on a new one.
pub(super) fn chiusura(
    pagine: &mut Vec<Pag>,
    m: &dyn Misura,
    d: &DatiRegistro,
    variante: Variante,
    y: f32,
) {
    const H: f32 = 50.0;
    let mut y = y + 4.0;
    if y + H > Y_PIEDE {
        let mut p = Pag::default();
        y = intestazione_breve(&mut p, m, d) + 2.0;
        pagine.push(p);
    }
    let p = pagine.last_mut().expect("a page");
    let w = X1 - X0;
    p.testo(X0, y + 4.0, 9.0, true, "Note");
    p.riquadro(X0, y + 5.5, w, 18.0);
    let y = y + 26.0;
    p.testo(X0, y + 4.0, 10.0, true, ore_svolte(d, variante));
    p.testo(
        X0 + w / 2.0,
        y + 4.0,
        9.0,
        false,
        "Firma del responsabile, a chiusura del registro",
    );
    let casella = (X0 + w / 2.0, y + 6.0, w / 2.0, 14.0);
    p.firma(casella, TipoCasella::Chiusura, None);
}
