//! The page headers: the full one on the first page, what the register is
//! about; a one-line reminder on the following pages.

use super::testo::{a_capo_al_piu, adatta};
use super::{Misura, Pag, X0, X1, Y0};
use crate::registro::{DatiRegistro, Variante};

/// The first page's header; returns where the table starts.
pub(super) fn intestazione(
    p: &mut Pag,
    m: &dyn Misura,
    d: &DatiRegistro,
    variante: Variante,
) -> f32 {
    let w = X1 - X0;
    let mut y = Y0 + 5.0;
    let titolo = format!("REGISTRO PRESENZE – {} {}", d.codice_azione, d.nome_azione);
    adatta(p, m, X0 - 1.0, y - 5.0, w + 2.0, 7.0, 13.0, true, &titolo);
    y += 7.0;
    // 10 pt, wrapped: a long school or body name takes another line.
    for r in righe_intestazione(d, variante) {
        for riga in a_capo_al_piu(m, &r, w, 10.0, false, 3) {
            p.testo(X0, y - 0.25, 10.0, false, riga);
            y += 5.5;
        }
    }
    y + 2.0
}

/// Under the title: who runs the servizio, for whom, which register, and
/// which copy this is.
fn righe_intestazione(d: &DatiRegistro, variante: Variante) -> [String; 6] {
    [
        format!(
            "Ente attuatore: {} – Sede: {} – Territorio: {}",
            d.ente_attuatore, d.sede, d.territorio
        ),
        format!("Servizio: {} – id {}", d.titolo, d.servizio_id),
        format!(
            "Intervento: {}",
            d.intervento.as_deref().unwrap_or("— (servizio autonomo)")
        ),
        format!(
            "Ente coinvolto: {}",
            d.ente_coinvolto.as_deref().unwrap_or("—")
        ),
        format!(
            "A.s. {}{} – Registro n. {}",
            d.anno_scolastico,
            d.classe_sezione
                .as_deref()
                .map(|c| format!(" – Classe/sezione {c}"))
                .unwrap_or_default(),
            d.numero
        ),
        match variante {
            Variante::Prima => "Copia per lo sportello: da firmare a ogni incontro.".to_string(),
            Variante::Dopo => {
                "Copia conforme agli incontri registrati in Sportello: P = presente, A = assente."
                    .to_string()
            }
        },
    ]
}

/// The compact header of the following pages.
pub(super) fn intestazione_breve(p: &mut Pag, m: &dyn Misura, d: &DatiRegistro) -> f32 {
    let r = format!(
        "Registro n. {} – {} – {}",
        d.numero, d.codice_azione, d.titolo
    );
    adatta(p, m, X0 - 1.0, Y0, X1 - X0 + 2.0, 6.0, 10.0, true, &r);
    Y0 + 9.0
}
