//! Many registers at once (all servizi of an intervento, of a school, of a
//! period): laid out on all cores, then one PDF (each register from a fresh
//! page) or one file per register.

use super::layout::{self, Pagina};
use super::pdf::{self, MisuraFont};
use super::{DatiRegistro, Variante};
use crate::error::Result;

/// Lays out every register, in parallel; `progresso(fatti, totale)` after each.
pub fn impagina_tutti(
    dati: &[DatiRegistro],
    variante: Variante,
    progresso: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Vec<Pagina>> {
    let fatti = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(dati.len().max(1));
    let chunk = dati.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = dati
            .chunks(chunk)
            .map(|part| {
                let fatti = &fatti;
                s.spawn(move || {
                    part.iter()
                        .map(|d| {
                            let p = layout::impagina(d, variante, &MisuraFont);
                            let n = fatti.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                            progresso(n, dati.len());
                            p
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("layout thread"))
            .collect()
    })
}

/// All the registers in one PDF; page numbers stay per register.
pub fn un_pdf(
    dati: &[DatiRegistro],
    variante: Variante,
    progresso: &(dyn Fn(usize, usize) + Sync),
) -> Vec<u8> {
    let pagine: Vec<Pagina> = impagina_tutti(dati, variante, progresso)
        .into_iter()
        .flatten()
        .collect();
    let data = dati.iter().filter_map(|d| d.data_documento()).max();
    pdf::documento("Registri", &pagine, data)
}

/// One PDF per register, produced in parallel and handed to `scrivi(file name,
/// bytes)` as each is ready, so memory holds a few registers, not the batch.
pub fn un_file_ciascuno(
    dati: &[DatiRegistro],
    variante: Variante,
    progresso: &(dyn Fn(usize, usize) + Sync),
    scrivi: &(dyn Fn(String, Vec<u8>) -> Result<()> + Sync),
) -> Result<()> {
    let fatti = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(dati.len().max(1));
    let chunk = dati.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = dati
            .chunks(chunk)
            .map(|part| {
                let fatti = &fatti;
                s.spawn(move || -> Result<()> {
                    for d in part {
                        scrivi(
                            format!("registro-{}.pdf", d.numero),
                            pdf::registro(d, variante),
                        )?;
                        let n = fatti.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        progresso(n, dati.len());
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().expect("pdf thread"))
    })
}
