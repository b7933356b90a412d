//! Signed registers read back (#13): the demo year's registers printed,
//! rendered by pdftoppm at 200 dpi in grey, signed in chosen boxes, one page
//! turned upside down and one turned 2°, put in a scanner's PDF, read, and
//! the proposals compared with the boxes signed; a page that is not
//! Sportello's and a page scanned twice are said, not guessed.

mod scansione;

use chrono::NaiveDate;
use image::GrayImage;
use scansione::{BIRO, Caso, firma, pdf_scansione, rasterizza, scanner};
use sportello::commands::demo;
use sportello::commands::lettura;
use sportello::domain::StatoIncontro;
use sportello::ids::Id;
use sportello::lettura::{PianoLettura, StatoPagina};
use sportello::registro::layout::{self, Casella, TipoCasella};
use sportello::registro::pdf::MisuraFont;
use sportello::registro::{self, Variante};
use sportello::{Ctx, Source, Store};
use std::collections::BTreeSet;

const DPI: u32 = 200;

fn oggi() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// The demo year, and its registers with an open incontro (before the
/// meetings: the variant the desk signs), most participants first.
fn demo() -> (Store, Ctx, Vec<Id>) {
    let ctx = Ctx::new(Source::Cli, oggi());
    let store = Store::open_in_memory().unwrap();
    demo::fill(&store, &ctx).unwrap();
    let conn = store.read();
    let mut servizi: Vec<(usize, Id)> = sportello::store::incontri::aperti(conn, None)
        .unwrap()
        .into_iter()
        .filter(|(i, _, _)| i.dati.data <= oggi())
        .map(|(i, _, _)| i.dati.servizio_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|s| (registro::dati(&store, s).unwrap().partecipanti.len(), s))
        .collect();
    servizi.sort_by(|a, b| b.cmp(a));
    (store, ctx, servizi.into_iter().map(|(_, s)| s).collect())
}

/// A register's pages in grey at 200 dpi, with their boxes.
fn stampa(store: &Store, servizio: Id) -> Vec<(GrayImage, Vec<Casella>)> {
    let d = registro::dati(store, servizio).unwrap();
    let pagine = layout::impagina(&d, Variante::Prima, &MisuraFont);
    let pdf = registro::pdf::registro(&d, Variante::Prima);
    rasterizza(&pdf, DPI)
        .into_iter()
        .zip(pagine)
        .map(|(img, p)| (img, p.caselle))
        .collect()
}

/// The registers' pages in order, whole registers, until there are `n` or more
/// (fewer if the registers run out).
fn prime_pagine(store: &Store, servizi: &[Id], n: usize) -> Vec<(GrayImage, Vec<Casella>)> {
    let mut pagine = Vec::new();
    for s in servizi {
        pagine.extend(stampa(store, *s));
        if pagine.len() >= n {
            break;
        }
    }
    pagine
}

/// The participant's boxes of recorded incontri.
fn di_partecipanti(caselle: &[Casella]) -> impl Iterator<Item = &Casella> {
    caselle.iter().filter(|c| {
        c.tipo == TipoCasella::Partecipante
            && c.destinatario_id.is_some()
            && c.incontro_id.is_some()
    })
}

type Chiave = (Id, Id);

fn chiave(c: &Casella) -> Chiave {
    (c.destinatario_id.unwrap(), c.incontro_id.unwrap())
}

/// Signs about two boxes in three, differently each time; returns whose.
fn firma_pagina(img: &mut GrayImage, caselle: &[Casella], caso: &mut Caso) -> BTreeSet<Chiave> {
    let mut firmate = BTreeSet::new();
    for (k, c) in di_partecipanti(caselle).enumerate() {
        if k % 3 != 1 {
            firma(img, DPI as f64, c, BIRO, caso);
            firmate.insert(chiave(c));
        }
    }
    firmate
}

fn scrivi(dir: &std::path::Path, nome: &str, bytes: &[u8]) -> String {
    let p = dir.join(nome);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn proposte(piano: &PianoLettura) -> (BTreeSet<Chiave>, BTreeSet<Chiave>) {
    let mut presenti = BTreeSet::new();
    let mut tutte = BTreeSet::new();
    for f in &piano.firme {
        if let (Some(d), Some(i)) = (f.destinatario_id, f.incontro_id) {
            tutte.insert((d, i));
            if f.presente {
                presenti.insert((d, i));
            }
        }
    }
    (presenti, tutte)
}

#[test]
fn signed_registers_are_read_back_upright_upside_down_and_turned() {
    let (store, ctx, servizi) = demo();
    let pagine = prime_pagine(&store, &servizi, 3);
    assert!(pagine.len() >= 3, "three pages from the demo's registers");
    let mut caso = Caso(13);
    let mut firmate = BTreeSet::new();
    let mut caselle = BTreeSet::new();
    let mut scansioni = Vec::new();
    for (k, (mut img, cs)) in pagine.into_iter().enumerate() {
        firmate.extend(firma_pagina(&mut img, &cs, &mut caso));
        caselle.extend(di_partecipanti(&cs).map(chiave));
        let d = DPI as f64;
        scansioni.push(match k {
            1 => scanner(&img, 180.0, 1.0, (0.0, 0.0), 0.0, d),
            2 => scanner(&img, 2.0, 1.0, (1.5, -2.0), 0.0, d),
            _ => img,
        });
    }
    let dir = tempfile::tempdir().unwrap();
    if let Ok(d) = std::env::var("LETTURA_SALVA") {
        for (k, img) in scansioni.iter().enumerate() {
            img.save(format!("{d}/pagina-{k}.png")).unwrap();
        }
    }
    let file = scrivi(dir.path(), "scansione.pdf", &pdf_scansione(&scansioni, 85));
    let inizio = std::time::Instant::now();
    let piano = leggi(&store, std::slice::from_ref(&file)).unwrap();
    eprintln!("{} pages in {:?}", piano.pagine.len(), inizio.elapsed());
    for p in &piano.pagine {
        assert_eq!(p.stato, StatoPagina::Letta, "{p:?}");
    }
    let rotazioni: Vec<f32> = piano.pagine.iter().filter_map(|p| p.rotazione).collect();
    assert!((rotazioni[1].abs() - 180.0).abs() < 0.5, "{rotazioni:?}");
    assert!((rotazioni[2] - 2.0).abs() < 0.3, "{rotazioni:?}");
    let (presenti, tutte) = proposte(&piano);
    assert_eq!(tutte, caselle, "every box of a recorded incontro read");
    assert_eq!(presenti, firmate, "present exactly where signed");
    let dubbie: Vec<_> = piano.firme.iter().filter(|f| f.dubbia).collect();
    assert!(dubbie.is_empty(), "{dubbie:?}");
    applica_e_controlla(&store, &ctx, file, &piano, &firmate);
}

/// Applies the reading and checks the database: on open incontri each box
/// read is recorded as signed or not; closed incontri are untouched and said.
fn applica_e_controlla(
    store: &Store,
    ctx: &Ctx,
    file: String,
    piano: &PianoLettura,
    firmate: &BTreeSet<Chiave>,
) {
    let prima: Vec<_> = piano
        .firme
        .iter()
        .map(|f| (f.incontro_id, f.registrato))
        .collect();
    let input = lettura::LeggiRegistri {
        percorsi: vec![file],
        conferma: sportello::commands::Conferma {
            applica: true,
            impronta: Some(piano.impronta.clone()),
        },
        ritagli: false,
        decisioni: Vec::new(),
    };
    let esito = lettura::leggi_registri(store, ctx, input).unwrap().value;
    assert!(
        esito.applicato && esito.registrate == piano.da_applicare,
        "{esito:?}"
    );
    assert!(esito.registrate > 0);
    for (f, (_, registrato)) in piano.firme.iter().zip(prima) {
        let (Some(d), Some(i)) = (f.destinatario_id, f.incontro_id) else {
            continue;
        };
        let incontro = sportello::store::incontri::get(store.read(), i).unwrap();
        let ora = incontro
            .dati
            .presenze
            .iter()
            .find(|p| p.destinatario_id == d)
            .map(|p| p.presente);
        if incontro.stato == StatoIncontro::Aperto {
            assert!(f.applicabile, "{f:?}");
            assert_eq!(ora, Some(firmate.contains(&(d, i))), "{f:?}");
        } else {
            assert!(!f.applicabile && f.nota.as_deref().unwrap().contains("chiuso"));
            assert_eq!(ora, registrato, "a closed incontro is untouched");
        }
    }
}

/// A page read alone, as a PNG file.
fn leggi_png(store: &Store, pagine: &[&GrayImage]) -> PianoLettura {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = pagine
        .iter()
        .enumerate()
        .map(|(k, img)| scrivi(dir.path(), &format!("p{k}.png"), &scansione::png(img)))
        .collect();
    leggi(store, &files).unwrap()
}

#[test]
fn pages_that_are_not_sportello_registers_are_said_not_guessed() {
    let (store, _, _) = demo();
    let bianca = GrayImage::from_pixel(1654, 2339, image::Luma([250]));
    // A page with somebody else's QR code where a register has its own.
    let qr = qrcode::QrCode::new(b"https://example.org/modulo").unwrap();
    let (n, colori) = (qr.width(), qr.to_colors());
    let altra = GrayImage::from_fn(n as u32 * 8, n as u32 * 8, |x, y| {
        let k = (y / 8) as usize * n + (x / 8) as usize;
        image::Luma([if colori[k] == qrcode::Color::Dark {
            0
        } else {
            250
        }])
    });
    let mut estranea = bianca.clone();
    image::imageops::overlay(&mut estranea, &altra, 1300, 2000);
    let piano = leggi_png(&store, &[&bianca, &estranea]);
    for p in &piano.pagine {
        assert_eq!(p.stato, StatoPagina::NonSportello, "{p:?}");
    }
    assert!(
        piano.pagine[1]
            .messaggio
            .as_deref()
            .unwrap()
            .contains("example.org")
    );
    assert!(piano.firme.is_empty() && piano.da_applicare == 0);
}

#[test]
fn a_page_scanned_twice_is_read_once_and_a_changed_register_is_not_read() {
    let (store, ctx, servizi) = demo();
    let (mut img, caselle) = stampa(&store, servizi[0]).swap_remove(0);
    let firmate = firma_pagina(&mut img, &caselle, &mut Caso(7));
    let piano = leggi_png(&store, &[&img, &img]);
    assert_eq!(piano.pagine[0].stato, StatoPagina::Letta);
    assert_eq!(
        piano.pagine[1].stato,
        StatoPagina::Duplicata,
        "{:?}",
        piano.pagine[1]
    );
    assert!(piano.firme.iter().all(|f| f.pagina == 0 && !f.dubbia));
    assert_eq!(proposte(&piano).0, firmate);

    // Two copies of the page signed differently: the boxes they disagree on are doubtful.
    let (mut altra, _) = stampa(&store, servizi[0]).swap_remove(0);
    firma_pagina(&mut altra, &caselle, &mut Caso(8));
    let c = di_partecipanti(&caselle).nth(1).unwrap();
    firma(&mut altra, DPI as f64, c, BIRO, &mut Caso(9));
    let piano = leggi_png(&store, &[&img, &altra]);
    let dubbie: Vec<_> = piano.firme.iter().filter(|f| f.dubbia).collect();
    assert_eq!(dubbie.len(), 1, "{dubbie:?}");
    assert_eq!(
        (dubbie[0].destinatario_id, dubbie[0].incontro_id),
        (c.destinatario_id, c.incontro_id)
    );

    // An incontro deleted after printing: the page's boxes are no longer the register's.
    let aperto = caselle
        .iter()
        .filter_map(|c| c.incontro_id)
        .find(|i| {
            sportello::store::incontri::get(store.read(), *i)
                .unwrap()
                .stato
                == StatoIncontro::Aperto
        })
        .unwrap();
    let per_id = sportello::commands::PerId { id: aperto };
    sportello::commands::incontri::delete_incontro(&store, &ctx, per_id).unwrap();
    let piano = leggi_png(&store, &[&img]);
    assert_eq!(piano.pagine[0].stato, StatoPagina::Modificata);
    let m = piano.pagine[0].messaggio.as_deref().unwrap();
    assert!(
        m.contains("stampato prima di una modifica: rileggerlo a mano"),
        "{m}"
    );
}

#[test]
fn a_file_that_is_not_a_scan_is_refused_in_italian() {
    let (store, _, _) = demo();
    let dir = tempfile::tempdir().unwrap();
    let testo = scrivi(dir.path(), "elenco.csv", b"cognome;nome\nRossi;Anna\n");
    let e = leggi(&store, &[testo]).unwrap_err();
    assert!(e.to_string().contains("non è un PDF né un'immagine"), "{e}");
    let manca = dir.path().join("manca.pdf").display().to_string();
    let e = leggi(&store, &[manca]).unwrap_err();
    assert!(e.to_string().contains("non esiste"), "{e}");
    // A register printed, not scanned: its pages hold no image.
    let s = registro::dati(&store, demo_servizio(&store)).unwrap();
    let pdf = scrivi(
        dir.path(),
        "r.pdf",
        &registro::pdf::registro(&s, Variante::Prima),
    );
    let piano = leggi(&store, &[pdf]).unwrap();
    assert!(piano.pagine.iter().all(|p| {
        p.stato == StatoPagina::Illeggibile
            && p.messaggio
                .as_deref()
                .unwrap()
                .contains("non è una scansione")
    }));
    let e = leggi(&store, &[]).unwrap_err();
    assert!(e.to_string().contains("Indica almeno un file"), "{e}");
}

/// The plan of a reading of `files` (nothing kept, no crops).
fn leggi(store: &Store, files: &[String]) -> sportello::Result<PianoLettura> {
    let opzioni = sportello::lettura::Opzioni::default();
    sportello::lettura::pianifica(store, files, opzioni, &|_| {}).map(|l| l.piano)
}

fn demo_servizio(store: &Store) -> Id {
    sportello::store::incontri::aperti(store.read(), None).unwrap()[0]
        .0
        .dati
        .servizio_id
}

/// The boxes of one open incontro on a page: most signed, the second and
/// third with a 2 mm dash (too little ink to be sure), every fourth blank.
fn firma_colonna(
    img: &mut GrayImage,
    caselle: &[Casella],
    store: &Store,
) -> (Id, Vec<Id>, Vec<Id>) {
    let aperto = |i: &Id| {
        sportello::store::incontri::get(store.read(), *i)
            .unwrap()
            .stato
            == StatoIncontro::Aperto
    };
    let incontro = di_partecipanti(caselle)
        .filter_map(|c| c.incontro_id)
        .find(aperto)
        .expect("an open incontro on the page");
    let (mut firmate, mut incerte) = (Vec::new(), Vec::new());
    let colonna = di_partecipanti(caselle).filter(|c| c.incontro_id == Some(incontro));
    for (k, c) in colonna.enumerate() {
        if k == 1 || k == 2 {
            let (x, y) = (c.x as f64 + c.w as f64 / 2.0, c.y as f64 + c.h as f64 / 2.0);
            scansione::tratto(img, DPI as f64, &[(x - 1.0, y), (x + 1.0, y)], BIRO);
            incerte.push(c.destinatario_id.unwrap());
        } else if k % 4 != 3 {
            firma(img, DPI as f64, c, BIRO, &mut Caso(k as u64));
            firmate.push(c.destinatario_id.unwrap());
        }
    }
    (incontro, firmate, incerte)
}

#[test]
fn a_reviewed_reading_writes_the_decisions_and_keeps_the_page_as_evidence() {
    let (store, ctx, servizi) = demo();
    // A register page with more than one incontro's column.
    let (mut img, caselle) = servizi
        .iter()
        .map(|s| stampa(&store, *s).swap_remove(0))
        .find(|(_, cs)| {
            let incontri: BTreeSet<Id> =
                di_partecipanti(cs).filter_map(|c| c.incontro_id).collect();
            incontri.len() > 1
        })
        .expect("a page with two incontri");
    let (incontro, firmate, incerte) = firma_colonna(&mut img, &caselle, &store);
    let dir = tempfile::tempdir().unwrap();
    let file = scrivi(dir.path(), "firmato.png", &scansione::png(&img));
    let input = |applica: bool, impronta: Option<String>, decisioni| lettura::LeggiRegistri {
        percorsi: vec![file.clone()],
        conferma: sportello::commands::Conferma { applica, impronta },
        ritagli: !applica,
        decisioni,
    };
    let anteprima = lettura::leggi_registri(&store, &ctx, input(false, None, vec![]))
        .unwrap()
        .value
        .piano;
    assert_eq!(
        anteprima.impronta,
        leggi(&store, std::slice::from_ref(&file)).unwrap().impronta,
        "crops do not change the plan's fingerprint"
    );
    let colonna: Vec<_> = anteprima
        .firme
        .iter()
        .filter(|f| f.incontro_id == Some(incontro))
        .collect();
    let dubbie: Vec<Id> = colonna
        .iter()
        .filter(|f| f.dubbia)
        .map(|f| f.destinatario_id.unwrap())
        .collect();
    assert_eq!(dubbie, incerte, "the dashes, and only they, are doubtful");
    assert!(colonna.iter().all(|f| {
        f.ritaglio
            .as_deref()
            .unwrap()
            .starts_with("data:image/png;base64,")
    }));
    assert!(colonna.iter().filter(|f| f.dubbia).all(|f| !f.applicabile));

    // The reviewer: the first dash is a signature, the second is not.
    let decisioni = vec![
        sportello::lettura::Decisione {
            destinatario_id: incerte[0],
            incontro_id: incontro,
            presente: true,
        },
        sportello::lettura::Decisione {
            destinatario_id: incerte[1],
            incontro_id: incontro,
            presente: false,
        },
    ];
    let esito = lettura::leggi_registri(
        &store,
        &ctx,
        input(true, Some(anteprima.impronta.clone()), decisioni),
    )
    .unwrap()
    .value;
    assert!(
        esito.applicato && esito.registrate == anteprima.da_applicare + 2,
        "{esito:?}"
    );
    let registrate = sportello::store::incontri::get(store.read(), incontro)
        .unwrap()
        .dati
        .presenze;
    let presente = |d: Id| {
        registrate
            .iter()
            .find(|p| p.destinatario_id == d)
            .map(|p| p.presente)
    };
    for f in &colonna {
        let d = f.destinatario_id.unwrap();
        assert_eq!(
            presente(d),
            Some(firmate.contains(&d) || d == incerte[0]),
            "{f:?}"
        );
    }

    // The page is kept beside the incontro, and printed as copia conforme.
    let per_id = sportello::commands::PerId { id: incontro };
    let kept = lettura::scansioni_incontro(&store, &ctx, per_id)
        .unwrap()
        .value;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        (kept[0].file.as_str(), kept[0].pagina, kept[0].pagina_file),
        ("firmato.png", 1, 1)
    );
    let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
        std::fs::read(&file).unwrap(),
    ));
    assert_eq!(kept[0].impronta_file, hash);
    let immagine =
        lettura::immagine_scansione(&store, &ctx, sportello::commands::PerId { id: kept[0].id })
            .unwrap()
            .value;
    assert!(immagine.starts_with("data:image/jpeg;base64,"));
    let pdf = dir.path().join("copia.pdf");
    let copia = lettura::CopiaConforme {
        scansione_id: kept[0].id,
        percorso: pdf.display().to_string(),
    };
    lettura::copia_conforme(&store, &ctx, copia).unwrap();
    let testo = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let testo = String::from_utf8_lossy(&testo.stdout);
    assert!(
        testo.contains("COPIA CONFORME ALL'ORIGINALE CARTACEO") && testo.contains(&hash),
        "{testo}"
    );
    assert!(testo.contains("attesta la conformità"), "{testo}");
    let storia = sportello::store::storia::di(store.read(), incontro, 50).unwrap();
    assert!(storia.iter().any(|v| {
        v.dettaglio
            .as_deref()
            .unwrap_or("")
            .contains("lette dal registro firmato: firmato.png")
    }));

    // Another incontro on the same page, closed or with a column left blank,
    // was not written: the page is not its evidence.
    let altro = di_partecipanti(&caselle)
        .filter_map(|c| c.incontro_id)
        .find(|i| *i != incontro)
        .expect("another incontro on the page");
    let per_id = sportello::commands::PerId { id: altro };
    assert!(
        lettura::scansioni_incontro(&store, &ctx, per_id)
            .unwrap()
            .value
            .is_empty()
    );
    assert!(
        anteprima
            .firme
            .iter()
            .filter(|f| f.incontro_id == Some(altro))
            .all(|f| !f.applicabile)
    );
    // The same scan applied again: the page is kept once, its change noted once.
    let di_nuovo = leggi(&store, std::slice::from_ref(&file)).unwrap();
    lettura::leggi_registri(&store, &ctx, input(true, Some(di_nuovo.impronta), vec![])).unwrap();
    let per_id = sportello::commands::PerId { id: incontro };
    assert_eq!(
        lettura::scansioni_incontro(&store, &ctx, per_id)
            .unwrap()
            .value
            .len(),
        1
    );
    let righe = sportello::store::storia::di(store.read(), incontro, 50).unwrap();
    let note = righe.iter().filter(|v| {
        v.dettaglio
            .as_deref()
            .unwrap_or("")
            .contains("registro firmato")
    });
    assert_eq!(note.count(), 1);
}

#[test]
fn a_scanners_multi_page_tiff_is_read_page_by_page() {
    let (store, _, servizi) = demo();
    let pagine = prime_pagine(&store, &servizi, 2);
    let (mut firmate, mut scansioni) = (BTreeSet::new(), Vec::new());
    for (k, (mut img, cs)) in pagine.into_iter().take(2).enumerate() {
        firmate.extend(firma_pagina(&mut img, &cs, &mut Caso(k as u64 + 3)));
        if k == 1 {
            img = scanner(&img, 180.0, 1.0, (0.0, 0.0), 0.0, DPI as f64);
        }
        scansioni.push(img);
    }
    // In grey, 8 bits a pixel.
    let mut grigio = Vec::new();
    let mut e = tiff::encoder::TiffEncoder::new(std::io::Cursor::new(&mut grigio)).unwrap();
    for img in &scansioni {
        let (w, h) = img.dimensions();
        e.write_image::<tiff::encoder::colortype::Gray8>(w, h, img.as_raw())
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let grigio = scrivi(dir.path(), "grigio.tif", &grigio);
    // In black and white, fax-compressed, white as zero: as office scanners write.
    let png: Vec<String> = (0..2)
        .map(|k| {
            scrivi(
                dir.path(),
                &format!("p{k}.png"),
                &scansione::png(&scansioni[k]),
            )
        })
        .collect();
    let fax = dir.path().join("fax.tif");
    let fatto = std::process::Command::new("convert")
        .args(&png)
        .args(["-threshold", "60%", "-compress", "Group4"])
        .arg(&fax)
        .status()
        .expect("ImageMagick installed");
    assert!(fatto.success());
    for file in [grigio, fax.display().to_string()] {
        let piano = leggi(&store, std::slice::from_ref(&file)).unwrap();
        assert_eq!(piano.pagine.len(), 2, "{file}");
        for p in &piano.pagine {
            assert_eq!(p.stato, StatoPagina::Letta, "{file}: {p:?}");
        }
        assert!((piano.pagine[1].rotazione.unwrap().abs() - 180.0).abs() < 0.5);
        assert_eq!(
            proposte(&piano).0,
            firmate,
            "{file}: present exactly where signed"
        );
    }
}
