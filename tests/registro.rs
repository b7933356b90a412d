//! The paper registers: what the text says (pdftotext), where things are (the
//! layout's geometry, for small and very large registers), and the same bytes
//! for the same data.

mod common;

use common::World;
use serde_json::json;
use sportello::registro::layout::{
    self, CASELLA_MIN_H, CASELLA_MIN_W, Elemento, MARGINE, Misura, PAGINA_H, PAGINA_W, TipoCasella,
};
use sportello::registro::pdf::MisuraFont;
use sportello::registro::{self, DatiRegistro, Variante, batch};
use std::process::Command;

fn pdftotext(pdf: &[u8], page: Option<u32>) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut c = Command::new("pdftotext");
    if let Some(p) = page {
        c.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = c.arg(&path).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A recorded OR3 servizio: participants with accents and long names, two incontri.
fn servizio_registrato(w: &World) -> String {
    let s = w.servizio();
    let nomi = [
        ("D'Angelo", "Nicolò"),
        (
            "Dell'Acqua Bianchi Di Montefeltro",
            "Maria Antonietta Benedetta",
        ),
        ("Popescu", "Ioana"),
        ("Zoè", "Perù"),
    ];
    let ids: Vec<String> = nomi.iter().map(|(c, n)| w.destinatario(c, n)).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    w.enrol(&s, &refs);
    let mut a = w.incontro_input(&s, "2026-01-12", &refs);
    a["famiglie_presenti"] = json!(7);
    w.ok("create_incontro", a);
    let mut b = w.incontro_input(&s, "2026-01-15", &refs[..3]);
    b["ora_inizio"] = json!("14:30");
    b["ora_fine"] = json!("16:00");
    w.ok("create_incontro", b);
    s
}

#[test]
fn the_text_of_a_register_holds_every_field_and_participant() {
    let w = World::new();
    let s = servizio_registrato(&w);
    let d = registro::dati(&w.store, s.parse().unwrap()).unwrap();
    let pdf = registro::pdf::registro(&d, Variante::Dopo);
    let Some(text) = pdftotext(&pdf, None) else {
        eprintln!("pdftotext not installed: text checks skipped");
        return;
    };
    for expected in [
        "REGISTRO PRESENZE – OR3",
        "Centro di Formazione Esempio",
        "Sede di Biella",
        "Biella",
        "Seminario scelta scuola superiore",
        &s,
        "Orientamento classi terze",
        "Scuola media Beta (BIMM80001B)",
        "A.s. 2025/26",
        "Classe/sezione 3A",
        &format!("Registro n. {}", d.numero),
        "12/01/2026",
        "15/01/2026",
        "09:00–11:00 (2h)",
        "14:30–16:00 (1h30)",
        "Famiglie presenti: 7",
        "D'Angelo",
        "Nicolò",
        "Popescu",
        "Zoè",
        "Perù",
        "Ore totali svolte: 3 h 30 min in 2 incontri",
    ] {
        assert!(
            text.contains(expected),
            "«{expected}» missing from:\n{text}"
        );
    }
    // The long name is there, wrapped or shrunk, not cut.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Montefeltro") && flat.contains("Benedetta"),
        "{flat}"
    );
    // Page n of N on every page.
    let pages = layout::impagina(&d, Variante::Dopo, &MisuraFont).len() as u32;
    for p in 1..=pages {
        let t = pdftotext(&pdf, Some(p)).unwrap();
        assert!(
            t.contains(&format!("Pagina {p} di {pages}")),
            "page {p}: {t}"
        );
        assert!(t.contains(&format!("Registro n. {}", d.numero)));
    }
}

#[test]
fn families_are_asked_only_for_or3() {
    let w = World::new();
    let or3 = servizio_registrato(&w);
    let mut input = w.servizio_input();
    input["intervento_id"] = json!(null);
    input["codice_azione"] = json!("OR2");
    input["numero_famiglie"] = json!(null);
    input["numero_destinatari"] = json!(1);
    input["durata_prevista_minuti"] = json!(60);
    let or2 = w.id("create_servizio", input);
    let text = |s: &str| {
        let d = registro::dati(&w.store, s.parse().unwrap()).unwrap();
        pdftotext(&registro::pdf::registro(&d, Variante::Prima), None)
    };
    let (Some(a), Some(b)) = (text(&or3), text(&or2)) else {
        return;
    };
    assert!(a.contains("Famiglie presenti"));
    assert!(!b.contains("Famiglie presenti"), "{b}");
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let w = World::new();
    let s = servizio_registrato(&w);
    let d = registro::dati(&w.store, s.parse().unwrap()).unwrap();
    let a = registro::pdf::registro(&d, Variante::Prima);
    let b = registro::pdf::registro(&d, Variante::Prima);
    assert!(a.starts_with(b"%PDF"));
    assert_eq!(a, b);
    assert_ne!(a, registro::pdf::registro(&d, Variante::Dopo));
}

/// Long names in some rows, to stress the columns.
fn sintetico(partecipanti: usize, incontri: usize) -> DatiRegistro {
    common::registro_sintetico::registro("OR3-TEST", 42, partecipanti, incontri, |i| {
        let cognome = if i % 7 == 0 {
            "Dell'Acqua Bianchi Di Montefeltro Rossi".into()
        } else {
            format!("Cognome{i}")
        };
        let nome = if i % 5 == 0 {
            "Maria Antonietta Benedetta Giovanna"
        } else {
            "Anna"
        };
        (cognome, nome.into())
    })
}

#[test]
fn geometry_holds_for_small_and_very_large_registers() {
    for partecipanti in [1, 25, 60, 150] {
        for incontri in [1, 8, 20] {
            for variante in [Variante::Prima, Variante::Dopo] {
                let d = sintetico(partecipanti, incontri);
                let pagine = layout::impagina(&d, variante, &MisuraFont);
                let case =
                    format!("{partecipanti} partecipanti × {incontri} incontri, {variante:?}");
                let inside = |x: f32, y: f32, w: f32, h: f32| {
                    x >= MARGINE - 0.01
                        && y >= MARGINE - 0.01
                        && x + w <= PAGINA_W - MARGINE + 0.01
                        && y + h <= PAGINA_H - MARGINE + 0.01
                };
                for p in &pagine {
                    assert_eq!(p.totale as usize, pagine.len());
                    for e in &p.elementi {
                        let ok = match e {
                            Elemento::Testo {
                                x,
                                y,
                                pt,
                                grassetto,
                                testo,
                            } => {
                                let w = MisuraFont.larghezza(testo, *pt, *grassetto);
                                assert!(
                                    *pt >= 6.5,
                                    "{case}: text below legibility: {testo} at {pt}"
                                );
                                inside(*x, y - pt * 0.35, w, pt * 0.35)
                            }
                            Elemento::Riquadro { x, y, w, h } | Elemento::Pieno { x, y, w, h } => {
                                inside(*x, *y, *w, *h)
                            }
                            Elemento::Linea { x1, y1, x2, y2 } => {
                                inside(x1.min(*x2), y1.min(*y2), (x2 - x1).abs(), (y2 - y1).abs())
                            }
                        };
                        assert!(
                            ok,
                            "{case}: page {} element outside the margins: {e:?}",
                            p.numero
                        );
                    }
                    for c in &p.caselle {
                        assert!(
                            c.w >= CASELLA_MIN_W && c.h >= CASELLA_MIN_H,
                            "{case}: box too small {c:?}"
                        );
                        assert!(inside(c.x, c.y, c.w, c.h), "{case}: box outside {c:?}");
                    }
                    // No two boxes overlap.
                    for (i, a) in p.caselle.iter().enumerate() {
                        for b in &p.caselle[i + 1..] {
                            let overlap = a.x + 0.01 < b.x + b.w
                                && b.x + 0.01 < a.x + a.w
                                && a.y + 0.01 < b.y + b.h
                                && b.y + 0.01 < a.y + a.h;
                            assert!(!overlap, "{case}: overlapping boxes {a:?} {b:?}");
                        }
                    }
                }
                // Every participant has exactly one box per incontro; each incontro one orientatore box.
                let caselle: Vec<_> = pagine.iter().flat_map(|p| &p.caselle).collect();
                for part in &d.partecipanti {
                    for inc in &d.incontri {
                        let n = caselle
                            .iter()
                            .filter(|c| {
                                c.tipo == TipoCasella::Partecipante
                                    && c.destinatario_id == Some(part.id)
                                    && c.incontro_id == Some(inc.id)
                            })
                            .count();
                        assert_eq!(n, 1, "{case}");
                    }
                }
                let firme = caselle
                    .iter()
                    .filter(|c| c.tipo == TipoCasella::Orientatore && c.incontro_id.is_some())
                    .count();
                assert!(firme >= incontri, "{case}");
                assert_eq!(
                    caselle
                        .iter()
                        .filter(|c| c.tipo == TipoCasella::Chiusura)
                        .count(),
                    1,
                    "{case}"
                );
                // The page's identity and the fingerprint of its boxes, read back from scans.
                for p in &pagine {
                    assert_eq!(
                        p.qr,
                        format!(
                            "SPORTELLO SERVIZIO:{} PAGINA:{}/{} V:{}",
                            d.servizio_id.to_string().to_uppercase(),
                            p.numero,
                            p.totale,
                            layout::impronta(variante, &p.caselle).to_uppercase()
                        ),
                        "{case}"
                    );
                }
                let impronte: std::collections::HashSet<_> =
                    pagine.iter().map(|p| &p.qr[p.qr.len() - 8..]).collect();
                // 33 modules a side: the code is read at 150 dpi.
                for p in &pagine {
                    assert_eq!(
                        qrcode::QrCode::new(p.qr.as_bytes()).unwrap().width(),
                        33,
                        "{case}"
                    );
                }
                assert!(
                    impronte.len() > 1 || pagine.len() == 1,
                    "{case}: pages differ"
                );
            }
        }
    }
}

#[test]
fn a_batch_puts_each_register_on_fresh_pages() {
    let ds = vec![sintetico(25, 1), sintetico(60, 8), sintetico(1, 1)];
    let pagine: usize = ds
        .iter()
        .map(|d| layout::impagina(d, Variante::Prima, &MisuraFont).len())
        .sum();
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let pdf = batch::un_pdf(&ds, Variante::Prima, &|_, _| {
        calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(calls.into_inner(), 3, "progress after each register");
    if let Some(text) = pdftotext(&pdf, None) {
        assert_eq!(
            text.matches("Pagina 1 di").count(),
            3,
            "each register restarts its numbering"
        );
        assert_eq!(
            text.matches('\u{c}').count(),
            pagine,
            "pdftotext ends every page with a form feed"
        );
    }
    let files = std::sync::Mutex::new(Vec::new());
    batch::un_file_ciascuno(&ds, Variante::Dopo, &|_, _| {}, &|nome, pdf| {
        files.lock().unwrap().push((nome, pdf));
        Ok(())
    })
    .unwrap();
    let files = files.into_inner().unwrap();
    assert_eq!(files.len(), 3);
    assert!(
        files
            .iter()
            .all(|(n, b)| n.ends_with(".pdf") && b.starts_with(b"%PDF"))
    );
}

/// The text layout of a fixed register, compared with `tests/snapshots/registro.txt`
/// (regenerate with `UPDATE_SNAPSHOTS=1` after a deliberate change, and review the diff).
#[test]
fn the_text_layout_matches_its_snapshot() {
    let d = sintetico(25, 4);
    let pdf = registro::pdf::registro(&d, Variante::Dopo);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Ok(out) = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
    else {
        eprintln!("pdftotext not installed: snapshot skipped");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let snapshot =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/registro.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&snapshot)
        .expect("tests/snapshots/registro.txt (UPDATE_SNAPSHOTS=1 creates it)");
    assert!(
        text == expected,
        "the register's text layout changed: run with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

/// Long names and places are never cut: names stay at 10 pt and their rows grow,
/// places wrap in the incontro column; every word reaches the paper.
#[test]
fn long_names_and_places_are_kept_whole_at_10_pt() {
    let mut d = sintetico(3, 2);
    d.partecipanti[1].cognome = "Nguyễn Thị Minh Khai Ørsted-Łukasiewicz Dell'Acqua".into();
    d.partecipanti[1].nome = "Ludovica Àlèssia Ìrene Òrsola Ùrsula D’Alessandro".into();
    d.incontri[1].luogo =
        "Istituto di Istruzione Superiore «Quintino Sella» – Via Addis Abeba 20, 13900 Biella"
            .into();
    let pagine = layout::impagina(&d, Variante::Prima, &MisuraFont);
    let testi: Vec<(f32, String)> = pagine
        .iter()
        .flat_map(|p| &p.elementi)
        .filter_map(|e| match e {
            Elemento::Testo { pt, testo, .. } => Some((*pt, testo.clone())),
            _ => None,
        })
        .collect();
    assert!(
        testi.iter().all(|(_, t)| !t.contains('…')),
        "nothing is cut with an ellipsis"
    );
    for p in &d.partecipanti {
        for parola in p.cognome.split(' ').chain(p.nome.split(' ')) {
            assert!(
                testi
                    .iter()
                    .any(|(pt, t)| *pt >= 10.0 && t.split(' ').any(|w| w == parola)),
                "«{parola}» is printed whole at 10 pt or more"
            );
        }
    }
    // The row of the long names is taller, and so are its signature boxes.
    let caselle: Vec<_> = pagine[0]
        .caselle
        .iter()
        .filter(|c| c.tipo == TipoCasella::Partecipante)
        .collect();
    let alta = caselle.iter().find(|c| c.riga == Some(2)).expect("row 2");
    let bassa = caselle.iter().find(|c| c.riga == Some(3)).expect("row 3");
    assert!(alta.h > bassa.h && bassa.h >= CASELLA_MIN_H);
    if let Some(text) = pdftotext(&registro::pdf::registro(&d, Variante::Prima), None) {
        for parola in [
            "«Quintino",
            "Sella»",
            "Abeba",
            "13900",
            "Nguyễn",
            "Ørsted-Łukasiewicz",
        ] {
            assert!(text.contains(parola), "«{parola}» in the text");
        }
    }
}

/// Many registers in one PDF are joined as they are made: the font program is
/// embedded once, and the same data gives the same bytes.
#[test]
fn a_joined_batch_embeds_the_font_once_and_is_stable() {
    let ds: Vec<DatiRegistro> = (0..6).map(|k| sintetico(20 + k, 1 + k % 3)).collect();
    let singoli: usize = ds
        .iter()
        .map(|d| registro::pdf::registro(d, Variante::Dopo).len())
        .sum();
    let a = batch::un_pdf(&ds, Variante::Dopo, &|_, _| {});
    let b = batch::un_pdf(&ds, Variante::Dopo, &|_, _| {});
    assert_eq!(a, b, "same data, same bytes");
    let font = include_bytes!("../assets/fonts/DejaVuSansCondensed.ttf").len();
    // Five of the six font programs (≥ 40 KB each, compressed) are not repeated.
    assert!(
        a.len() + 5 * font * 2 / 5 < singoli,
        "joined {} bytes vs {} separately",
        a.len(),
        singoli
    );
    let streamed = batch::un_pdf_in(&ds, Variante::Dopo, &|_, _| {}, Vec::new()).unwrap();
    assert_eq!(streamed, a);
    if let Some(text) = pdftotext(&a, None) {
        assert_eq!(text.matches("Pagina 1 di").count(), 6);
    }
}

#[test]
fn any_name_is_laid_out_in_bounded_time_wrapped_shrunk_then_cut() {
    // A ~700-character surname (a school file can carry one) and an endless place.
    let mut d = sintetico(3, 2);
    d.partecipanti[1].cognome = "Bartolomeo ".repeat(64);
    d.partecipanti[2].nome = "X".repeat(5000);
    d.incontri[0].luogo = "Aula magna ".repeat(300);
    d.ente_attuatore = "Ente ".repeat(400);
    let t = std::time::Instant::now();
    let pagine = layout::impagina(&d, Variante::Prima, &MisuraFont);
    assert!(t.elapsed().as_secs() < 10, "layout must not loop");
    assert!(
        pagine.len() <= 2,
        "three people, a few pages: {}",
        pagine.len()
    );
    if std::env::var_os("SALVA_PDF").is_some() {
        std::fs::write(
            "/tmp/lungo.pdf",
            registro::pdf::registro(&d, Variante::Prima),
        )
        .unwrap();
    }
    let testi: Vec<&str> = pagine[0]
        .elementi
        .iter()
        .filter_map(|e| match e {
            Elemento::Testo { testo, pt, .. } if *pt >= 7.9 => Some(testo.as_str()),
            _ => None,
        })
        .collect();
    assert!(testi.iter().any(|t| t.starts_with("Bartolomeo")));
    assert!(
        testi.iter().any(|t| t.ends_with('…')),
        "a cut name ends with an ellipsis"
    );
    let pdf = registro::pdf::registro(&d, Variante::Prima);
    assert!(pdf.starts_with(b"%PDF"));
}

/// A batch print cancelled half-way (as the window's Annulla does): one PDF is
/// not written at all, a folder keeps the registers already whole, and the
/// message says which.
#[test]
fn a_cancelled_batch_leaves_only_whole_files() {
    use sportello::commands::registro::{StampaRegistri, stampa_registri_con};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let w = World::new();
    for cognome in ["Bianchi", "Verdi", "Neri", "Gallo", "Conti", "Costa"] {
        let s = w.servizio();
        let d = w.destinatario(cognome, "Anna");
        w.enrol(&s, &[&d]);
    }
    let dir = tempfile::tempdir().unwrap();
    for (nome, cartella) in [("tutti.pdf", false), ("registri", true)] {
        let flag = Arc::new(AtomicBool::new(false));
        let ctx = w.ctx().with_annulla(flag.clone());
        let percorso = dir.path().join(nome);
        let s = StampaRegistri {
            intervento_id: w.intervento.parse().ok(),
            percorso: percorso.display().to_string(),
            ..Default::default()
        };
        // The user cancels once the first register is done.
        let r = stampa_registri_con(&w.store, &ctx, s, &|a| {
            if a.fatto >= 1 {
                flag.store(true, Ordering::Relaxed)
            }
        });
        let Err(sportello::Error::Annullato { message }) = r else {
            panic!("{nome}: {r:?}")
        };
        assert!(message.starts_with("Stampa annullata"), "{message}");
        let visibili: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        assert!(!visibili.contains(&"tutti.pdf".to_string()), "{visibili:?}");
        if cartella {
            let scritti = std::fs::read_dir(&percorso).unwrap().count();
            assert!((1..6).contains(&scritti), "{scritti} of 6: {message}");
            assert!(
                message.contains(&format!("{scritti} registri su 6")),
                "{message}"
            );
        }
    }
    // Not cancelled, the same batch is whole.
    let s = StampaRegistri {
        intervento_id: w.intervento.parse().ok(),
        percorso: dir.path().join("tutti.pdf").display().to_string(),
        ..Default::default()
    };
    let r = stampa_registri_con(&w.store, &w.ctx(), s, &|_| {}).unwrap();
    assert_eq!(r.value.registri, 6);
}
