//! Many registers at once (all servizi of an intervento, of a school, of a
//! period), made on all cores: one PDF (each register from a fresh page, joined
//! by `unione` as they come) or one file per register.

use super::pdf;
use super::{DatiRegistro, Variante};
use crate::error::Result;

/// All the registers in one PDF; page numbers stay per register.
pub fn un_pdf(
    dati: &[DatiRegistro],
    variante: Variante,
    progresso: &(dyn Fn(usize, usize) + Sync),
) -> Vec<u8> {
    un_pdf_in(dati, variante, progresso, Vec::new()).expect("writing to memory")
}

/// All the registers in one PDF written to `out` as they are made: each register
/// is rendered on its own, on all cores, and joined in order (`unione`), so memory
/// holds a few registers whatever the batch size.
pub fn un_pdf_in<W: std::io::Write>(
    dati: &[DatiRegistro],
    variante: Variante,
    progresso: &(dyn Fn(usize, usize) + Sync),
    out: W,
) -> std::io::Result<W> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut unione = super::unione::Unione::new(out)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(dati.len().max(1));
    let prossimo = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(2 * threads);
    std::thread::scope(|s| -> std::io::Result<()> {
        for _ in 0..threads {
            let (tx, prossimo) = (tx.clone(), &prossimo);
            s.spawn(move || {
                loop {
                    let i = prossimo.fetch_add(1, Ordering::Relaxed);
                    let Some(d) = dati.get(i) else { break };
                    if tx.send((i, pdf::registro(d, variante))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Registers arrive nearly in order; the few ahead wait here.
        let mut attesa = std::collections::BTreeMap::new();
        let mut fatti = 0;
        for (i, bytes) in rx {
            attesa.insert(i, bytes);
            while let Some(bytes) = attesa.remove(&fatti) {
                unione.aggiungi(&bytes)?;
                fatti += 1;
                progresso(fatti, dati.len());
            }
        }
        Ok(())
    })?;
    let data = dati.iter().filter_map(|d| d.data_documento()).max();
    unione.finisci(super::unione::info("Registri", data))
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
