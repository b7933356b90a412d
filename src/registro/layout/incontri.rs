//! The table's header: the titles of the fixed columns, then one column per
//! incontro of the page's group, saying when, where and with whom it took place
//! (or blanks to fill in by hand), with the orientatore's signature box.

use super::testo::{a_capo_al_piu, adatta};
use super::{COL_CLASSE, COL_COGNOME, COL_N, COL_NOME, Foglio, Misura, Pag, TipoCasella, X0};
use crate::ids::Id;
use crate::registro::{IncontroReg, Variante};

const INTESTAZIONE_TABELLA_H: f32 = 40.0;

/// One line of an incontro's column header: size in points, bold, text.
type RigaTesto = (f32, bool, String);

/// A place wrapped to the incontro column (7.5 pt, every word kept).
fn righe_luogo(m: &dyn Misura, luogo: &str, col_w: f32) -> Vec<String> {
    a_capo_al_piu(m, &format!("Luogo: {luogo}"), col_w - 2.0, 7.5, false, 6)
}

/// The table header's height: the incontri's places may need more lines.
pub(super) fn altezza_intestazione(f: &Foglio) -> f32 {
    let Foglio {
        m,
        d,
        gruppo,
        col_w,
        ..
    } = *f;
    let righe = gruppo
        .iter()
        .flatten()
        .map(|&i| righe_luogo(m, &d.incontri[i].luogo, col_w).len())
        .max()
        .unwrap_or(1)
        .max(1);
    INTESTAZIONE_TABELLA_H + (righe - 1) as f32 * 4.1
}

/// Compact, for the incontro columns: `2h`, `1h30`, `45 min`.
fn ore_breve(minuti: u32) -> String {
    match (minuti / 60, minuti % 60) {
        (h, 0) => format!("{h}h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h}h{m:02}"),
    }
}

/// The table header: fixed columns and one column per incontro of the group.
pub(super) fn intestazione_tabella(p: &mut Pag, f: &Foglio, y: f32) {
    let Foglio {
        m,
        d,
        variante,
        gruppo,
        col_w,
    } = *f;
    let h = altezza_intestazione(f);
    let mut x = X0;
    for (w, t) in [
        (COL_N, "N."),
        (COL_COGNOME, "Cognome"),
        (COL_NOME, "Nome"),
        (COL_CLASSE, "Cl./Sez."),
    ] {
        p.riquadro(x, y, w, h);
        adatta(p, m, x, y + h - 8.0, w, 8.0, 9.0, true, t);
        x += w;
    }
    for (k, inc) in gruppo.iter().enumerate() {
        let incontro = inc.map(|i| (i + 1, &d.incontri[i]));
        let mut righe = match incontro {
            Some((n, i)) => righe_incontro(m, n, i, col_w),
            None => righe_da_compilare(k),
        };
        if d.famiglie {
            let famiglie = incontro.and_then(|(_, i)| i.famiglie);
            righe.push((7.5, false, famiglie_presenti(variante, famiglie)));
        }
        p.riquadro(x, y, col_w, h);
        for (r, (size, bold, text)) in righe.iter().enumerate() {
            let riga_y = y + 1.0 + 4.1 * r as f32;
            adatta(p, m, x, riga_y, col_w, 4.1, *size, *bold, text);
        }
        casella_orientatore(p, x, y, col_w, h, incontro.map(|(_, i)| i.id));
        x += col_w;
    }
}

/// A recorded incontro, the `n`th of the register: when, where, with whom.
fn righe_incontro(m: &dyn Misura, n: usize, i: &IncontroReg, col_w: f32) -> Vec<RigaTesto> {
    [
        (8.5, true, format!("Incontro {n}")),
        (8.5, true, i.data.format("%d/%m/%Y").to_string()),
        (
            8.0,
            false,
            format!(
                "{}–{} ({})",
                i.inizio.format("%H:%M"),
                i.fine.format("%H:%M"),
                ore_breve(i.durata_minuti)
            ),
        ),
    ]
    .into_iter()
    .chain(
        righe_luogo(m, &i.luogo, col_w)
            .into_iter()
            .map(|l| (7.5, false, l)),
    )
    .chain([(7.5, false, i.orientatore.clone())])
    .collect()
}

/// A column for an incontro not recorded yet (the `k`th of the page): blanks
/// the desk fills in by hand.
fn righe_da_compilare(k: usize) -> Vec<RigaTesto> {
    vec![
        (8.5, true, format!("Incontro ({})", k + 1)),
        (8.5, false, "Data __/__/____".into()),
        (8.0, false, "Dalle __:__ alle __:__".into()),
        (7.5, false, "Luogo ____________".into()),
        (7.5, false, "Orientatore ________".into()),
    ]
}

/// OR3 counts the families present: the recorded number after the meetings,
/// a blank before (or when none was recorded).
fn famiglie_presenti(variante: Variante, famiglie: Option<u32>) -> String {
    match (variante, famiglie) {
        (Variante::Dopo, Some(f)) => format!("Famiglie presenti: {f}"),
        _ => "Famiglie presenti: ____".into(),
    }
}

/// The orientatore's signature box, at the bottom of the column header.
fn casella_orientatore(p: &mut Pag, x: f32, y: f32, col_w: f32, h: f32, incontro_id: Option<Id>) {
    let (bx, by, bw, bh) = (x + 1.0, y + h - 9.5, col_w - 2.0, 8.5);
    p.testo(x + 1.0, by - 0.8, 6.5, false, "Firma orientatore");
    p.firma((bx, by, bw, bh), TipoCasella::Orientatore, incontro_id);
}
