//! Paper registers: one register of 30 participants × 10 incontri (target ≤ 20 ms),
//! a batch of 1,000 such registers on all cores (target ≤ 20 s, peak memory ≤ 150 MB),
//! and the tool coordinators use today, LibreOffice converting an equivalent .xlsx
//! register to PDF, timed in the same run (target ≥ 50× slower than Sportello).
//! Run: cargo bench --bench registri

use rust_xlsxwriter::Workbook;
use sportello::registro::{DatiRegistro, Variante, batch, pdf};
use std::time::Instant;

#[path = "../tests/common/registro_sintetico.rs"]
mod registro_sintetico;

/// Register `n`: 30 participants (apostrophes and accents) × 10 incontri, with
/// the layout tests' long names of the body and the place (since stop 30:
/// a longer header than the figures of earlier stops were measured on).
fn dati(n: u128) -> DatiRegistro {
    registro_sintetico::registro(&format!("OR3-{n:08}"), n, 30, 10, |i| {
        let cognome = ["Rossi", "D'Angelo", "Bianchi", "Esposito", "Dell'Acqua"][i % 5];
        let nome = ["Nicolò", "Anna Maria", "Zoè", "Luca", "Francesca"][i % 5];
        (cognome.into(), nome.into())
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}

/// The same register as a spreadsheet, the way a coordinator keeps it today.
fn xlsx(d: &DatiRegistro, path: &std::path::Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(
        0,
        0,
        format!("REGISTRO PRESENZE – {} {}", d.codice_azione, d.nome_azione),
    )
    .unwrap();
    ws.write_string(
        1,
        0,
        format!("Ente attuatore: {} – Sede: {}", d.ente_attuatore, d.sede),
    )
    .unwrap();
    ws.write_string(
        2,
        0,
        format!("Servizio: {} – Registro n. {}", d.titolo, d.numero),
    )
    .unwrap();
    for (k, h) in ["N.", "Cognome", "Nome", "Cl./Sez."].iter().enumerate() {
        ws.write_string(4, k as u16, *h).unwrap();
    }
    for (k, i) in d.incontri.iter().enumerate() {
        ws.write_string(
            4,
            4 + k as u16,
            format!("{} {}–{}", i.data.format("%d/%m/%Y"), i.inizio, i.fine),
        )
        .unwrap();
    }
    for (r, p) in d.partecipanti.iter().enumerate() {
        let row = 5 + r as u32;
        ws.write_number(row, 0, r as f64 + 1.0).unwrap();
        ws.write_string(row, 1, &p.cognome).unwrap();
        ws.write_string(row, 2, &p.nome).unwrap();
        ws.write_string(row, 3, &p.classe_sezione).unwrap();
    }
    wb.save(path).unwrap();
}

fn main() {
    let d = dati(1);
    let mut single = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let bytes = pdf::registro(&d, Variante::Prima);
        single.push(t.elapsed().as_secs_f64());
        assert!(bytes.starts_with(b"%PDF"));
    }
    let single = median(single);

    let many: Vec<DatiRegistro> = (0..1000).map(dati).collect();
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::sync::atomic::AtomicUsize::new(0);
    batch::un_file_ciascuno(&many, Variante::Dopo, &|_, _| {}, &|nome, pdf| {
        bytes.fetch_add(pdf.len(), std::sync::atomic::Ordering::Relaxed);
        std::fs::write(dir.path().join(nome), pdf).unwrap();
        Ok(())
    })
    .unwrap();
    let batch_s = t.elapsed().as_secs_f64();
    let bytes = bytes.into_inner();
    let batch_rss = peak_rss_mb();

    // The same 1,000 joined into one PDF file; the peak is measured afresh
    // (writing 5 to clear_refs resets VmHWM).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let joined = dir.path().join("registri.pdf");
    let file = std::io::BufWriter::new(std::fs::File::create(&joined).unwrap());
    batch::un_pdf_in(&many, Variante::Dopo, &|_, _| {}, file).unwrap();
    let one_s = t.elapsed().as_secs_f64();
    let one_bytes = std::fs::metadata(&joined).unwrap().len();
    let one_rss = peak_rss_mb();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    println!("registers (30 participants × 10 incontri)");
    println!(
        "  one register, layout + PDF:   median {:>7.2} ms (target ≤ 20 ms)",
        single * 1e3
    );
    println!(
        "  batch of 1,000 on {cores} cores:     {:>7.2} s (target ≤ 20 s), {:.0} MB of PDF, peak RSS {} (target ≤ 150 MB)",
        batch_s,
        bytes as f64 / 1e6,
        batch_rss.map_or("n/a".into(), |m| format!("{m:.0} MB"))
    );
    println!(
        "  the same 1,000 in one PDF:       {:>7.2} s, {:.0} MB of PDF, peak RSS {}",
        one_s,
        one_bytes as f64 / 1e6,
        one_rss.map_or("n/a".into(), |m| format!("{m:.0} MB"))
    );

    let path = dir.path().join("registro.xlsx");
    xlsx(&d, &path);
    let lo: Vec<f64> = (0..3)
        .filter_map(|_| {
            let t = Instant::now();
            let out = std::process::Command::new("libreoffice")
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dir.path())
                .arg(&path)
                .output()
                .ok()?;
            out.status.success().then(|| t.elapsed().as_secs_f64())
        })
        .collect();
    if lo.is_empty() {
        println!("  LibreOffice: not installed (apt install libreoffice-calc), no ratio");
    } else {
        let lo = median(lo);
        println!(
            "  LibreOffice --convert-to pdf of the same register as .xlsx: median {:.0} ms",
            lo * 1e3
        );
        println!(
            "  ratio LibreOffice / Sportello: {:.0}× (target ≥ 50×)",
            lo / single
        );
    }
}
