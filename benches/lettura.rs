//! Reading signed registers back (#13), on a corpus made here: the demo
//! year's registers printed before the meetings, rendered by pdftoppm at 150,
//! 200 and 300 dpi in grey, signed in chosen boxes (pen of varied width and
//! darkness, faint pencil, initials; a signature's tail spilling into the
//! blank box below, a long one running into the box beside; a pencil pressed
//! hard on the black-and-white scans, which erase a faint one; and in a few
//! boxes a mere 2 mm dash, a mark the reader cannot call and must flag as
//! doubtful), then what
//! scanners do (turned ±3°, scaled ±3 %, shifted ±4 mm, a quarter upside
//! down, dust, uneven light, blur, noise, JPEG q50, black and white) on a
//! glass 6 mm wider than
//! the sheet. Prints per dpi: pages identified, boxes right, false presente
//! on blank boxes (and on blank boxes with a neighbour's spill), wrong
//! answers not flagged doubtful, dashes flagged, ms per page, and the
//! confusion matrix.
//! `cargo bench --bench lettura` (LETTURA_VARIANTI=N scans per page, 12;
//! LETTURA_DPI=150,300 to choose; LETTURA_SALVA=DIR keeps the pages not read).

#[path = "../tests/scansione/mod.rs"]
mod scansione;

use chrono::NaiveDate;
use image::GrayImage;
use scansione::{Caso, Penna};
use sportello::commands::demo;
use sportello::ids::Id;
use sportello::registro::layout::{self, Casella, TipoCasella};
use sportello::registro::pdf::MisuraFont;
use sportello::registro::{self, Variante};
use sportello::{Ctx, Source, Store};
use std::collections::{BTreeSet, HashMap};

/// What was drawn in a box.
#[derive(Clone, Copy, PartialEq)]
enum Vero {
    /// With what: pen, pencil, initials.
    Firmata(&'static str),
    Vuota,
    /// Blank, with a neighbour's stroke spilling in.
    VuotaConIntrusione,
    /// A 2 mm dash: neither a signature nor blank; must be flagged doubtful.
    Segno,
}

#[derive(Default)]
struct Conti {
    pagine: usize,
    identificate: usize,
    /// [truth: signed, blank, blank with spill, dash][read: present, absent, doubtful]
    matrice: [[usize; 3]; 4],
    sbagliate_sicure: usize,
    ms: Vec<f64>,
    /// Ink read (mm²) in blank boxes and in signed ones.
    inchiostro: [Vec<f32>; 2],
}

fn main() {
    let varianti: usize = std::env::var("LETTURA_VARIANTI")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let ctx = Ctx::new(Source::Cli, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    let store = Store::open_in_memory().unwrap();
    demo::fill(&store, &ctx).unwrap();
    let servizi = registri_con_partecipanti(&store, 4);
    let dir = tempfile::tempdir().unwrap();
    let risoluzioni: Vec<u32> = std::env::var("LETTURA_DPI")
        .ok()
        .map(|v| v.split(',').filter_map(|d| d.trim().parse().ok()).collect())
        .unwrap_or(vec![150, 200, 300]);
    for &dpi in &risoluzioni {
        let mut conti = Conti::default();
        let mut caso = Caso(u64::from(dpi));
        for s in &servizi {
            let d = registro::dati(&store, *s).unwrap();
            let pagine = layout::impagina(&d, Variante::Prima, &MisuraFont);
            let immagini =
                scansione::rasterizza(&registro::pdf::registro(&d, Variante::Prima), dpi);
            for (pagina, img) in pagine.iter().zip(&immagini) {
                for _ in 0..varianti {
                    let (file, vero) =
                        scansione_di(img, &pagina.caselle, dpi, dir.path(), &mut caso);
                    leggi(&store, &file, &vero, &mut conti);
                }
            }
        }
        stampa(dpi, &conti);
    }
}

/// The `n` registers with an open incontro and the most participants.
fn registri_con_partecipanti(store: &Store, n: usize) -> Vec<Id> {
    let aperti = sportello::store::incontri::aperti(store.read(), None).unwrap();
    let ids: BTreeSet<Id> = aperti.iter().map(|(i, _, _)| i.dati.servizio_id).collect();
    let mut v: Vec<(usize, Id)> = ids
        .into_iter()
        .map(|s| (registro::dati(store, s).unwrap().partecipanti.len(), s))
        .collect();
    v.sort_by(|a, b| b.cmp(a));
    v.into_iter().take(n).map(|(_, s)| s).collect()
}

type Chiave = (Option<Id>, Option<Id>, u32);

fn chiave(c: &Casella) -> Chiave {
    (c.destinatario_id, c.incontro_id, c.riga.unwrap_or(0))
}

/// One scan of a page: signed, spoilt as a scanner would, written as a file.
fn scansione_di(
    img: &GrayImage,
    caselle: &[Casella],
    dpi: u32,
    dir: &std::path::Path,
    caso: &mut Caso,
) -> (String, HashMap<Chiave, Vero>) {
    let mut img = img.clone();
    let bitonale = caso.u() < 0.15;
    let vero = firma(&mut img, caselle, dpi as f64, bitonale, caso);
    let d = dpi as f64;
    let gradi = if caso.u() < 0.25 { 180.0 } else { 0.0 } + caso.tra(-3.0, 3.0);
    let scala = caso.tra(0.97, 1.03);
    let sposta = (caso.tra(-4.0, 4.0), caso.tra(-4.0, 4.0));
    let mut img = scansione::scanner(&img, gradi, scala, sposta, 6.0, d);
    let mut guasti = format!("{gradi:.1}°, scala {scala:.3}");
    scansione::polvere(&mut img, d, 40, caso);
    if caso.u() < 0.3 {
        let quanto = caso.tra(10.0, 30.0);
        scansione::ombra(&mut img, quanto);
        guasti += &format!(", ombra {quanto:.0}");
    }
    if caso.u() < 0.3 {
        let sigma = caso.tra(0.4, 1.0);
        img = scansione::sfoca(&img, sigma);
        guasti += &format!(", sfocata {sigma:.2}");
    }
    if caso.u() < 0.5 {
        let sigma = caso.tra(3.0, 10.0);
        scansione::rumore(&mut img, sigma, caso);
        guasti += &format!(", rumore {sigma:.1}");
    }
    let n = caso.0 % 100_000;
    let (nome, bytes) = if bitonale {
        scansione::bitonale(&mut img);
        (format!("s{n}-bitonale.png"), scansione::png(&img))
    } else {
        let q = if caso.u() < 0.4 { 50 } else { 85 };
        (format!("s{n}-q{q}.jpg"), scansione::jpeg(&img, q))
    };
    let nome = format!("{}-{}", guasti.replace([' ', ',', '°'], ""), nome);
    let path = dir.join(nome);
    std::fs::write(&path, bytes).unwrap();
    (path.display().to_string(), vero)
}

/// Signs the page's participant boxes at random; returns what each holds.
/// A black-and-white scan keeps only what is darker than mid-grey: there a
/// pencil is one pressed hard (a faint one would be erased by the scanner
/// itself, and the reader says so of every bi-tonal page).
fn firma(
    img: &mut GrayImage,
    caselle: &[Casella],
    dpi: f64,
    bitonale: bool,
    caso: &mut Caso,
) -> HashMap<Chiave, Vero> {
    let mut vero = HashMap::new();
    let proprie: Vec<&Casella> = caselle
        .iter()
        .filter(|c| {
            c.tipo == TipoCasella::Partecipante
                && c.destinatario_id.is_some()
                && c.incontro_id.is_some()
        })
        .collect();
    for c in &proprie {
        let r = caso.u();
        let penna = Penna {
            spessore: caso.tra(0.3, 0.7),
            grigio: caso.tra(0.0, 90.0) as u8,
        };
        let matita = Penna {
            spessore: caso.tra(0.25, 0.35),
            grigio: if bitonale {
                caso.tra(70.0, 110.0)
            } else {
                caso.tra(150.0, 180.0)
            } as u8,
        };
        let stato = if r < 0.4 {
            scansione::firma(img, dpi, c, penna, caso);
            Vero::Firmata("penna")
        } else if r < 0.5 {
            scansione::firma(img, dpi, c, matita, caso);
            Vero::Firmata("matita")
        } else if r < 0.58 {
            scansione::sigla(img, dpi, c, penna, caso);
            Vero::Firmata("sigla")
        } else if r < 0.61 {
            let (x, y) = (c.x as f64 + c.w as f64 / 2.0, c.y as f64 + c.h as f64 / 2.0);
            let mezzo = caso.tra(0.9, 1.1);
            let pen = Penna {
                spessore: 0.45,
                grigio: penna.grigio,
            };
            scansione::tratto(img, dpi, &[(x - mezzo, y), (x + mezzo, y)], pen);
            Vero::Segno
        } else {
            Vero::Vuota
        };
        vero.insert(chiave(c), stato);
    }
    spill(img, &proprie, &mut vero, dpi, caso);
    vero
}

/// Signatures spilling over: into the blank box below, or beside.
fn spill(
    img: &mut GrayImage,
    proprie: &[&Casella],
    vero: &mut HashMap<Chiave, Vero>,
    dpi: f64,
    caso: &mut Caso,
) {
    let vicina = |c: &Casella, dx: f32, dy: f32| {
        proprie
            .iter()
            .find(|o| (o.x - (c.x + dx)).abs() < 0.5 && (o.y - (c.y + dy)).abs() < 0.5)
    };
    for c in proprie {
        if !matches!(vero[&chiave(c)], Vero::Firmata(_)) || caso.u() > 0.35 {
            continue;
        }
        let sotto = vicina(c, 0.0, c.h).filter(|o| vero[&chiave(o)] == Vero::Vuota);
        let accanto = vicina(c, c.w, 0.0).filter(|o| vero[&chiave(o)] == Vero::Vuota);
        let penna = Penna {
            spessore: caso.tra(0.3, 0.6),
            grigio: caso.tra(0.0, 80.0) as u8,
        };
        if let Some(o) = sotto.filter(|_| caso.u() < 0.6) {
            scansione::coda_in_basso(img, dpi, c, caso.tra(1.0, 2.5), penna);
            vero.insert(chiave(o), Vero::VuotaConIntrusione);
        } else if let Some(o) = accanto {
            scansione::coda_a_destra(img, dpi, c, caso.tra(1.0, 3.0), penna);
            vero.insert(chiave(o), Vero::VuotaConIntrusione);
        }
    }
}

fn leggi(store: &Store, file: &str, vero: &HashMap<Chiave, Vero>, conti: &mut Conti) {
    let inizio = std::time::Instant::now();
    let opzioni = sportello::lettura::Opzioni::default();
    let piano = sportello::lettura::pianifica(store, &[file.to_string()], opzioni, &|_| {})
        .unwrap()
        .piano;
    conti.ms.push(inizio.elapsed().as_secs_f64() * 1000.0);
    conti.pagine += 1;
    let letta = piano.pagine[0].stato == sportello::lettura::StatoPagina::Letta;
    if !letta {
        eprintln!("non letta: {file}: {:?}", piano.pagine[0].messaggio);
        if let Ok(d) = std::env::var("LETTURA_SALVA") {
            std::fs::copy(
                file,
                std::path::Path::new(&d).join(std::path::Path::new(file).file_name().unwrap()),
            )
            .unwrap();
        }
        return;
    }
    conti.identificate += 1;
    let lette: HashMap<Chiave, (bool, bool)> = piano
        .firme
        .iter()
        .map(|f| {
            (
                (f.destinatario_id, f.incontro_id, f.riga),
                (f.presente, f.dubbia),
            )
        })
        .collect();
    for (k, v) in vero {
        let (presente, dubbia) = lette.get(k).copied().unwrap_or((false, true));
        let riga = match v {
            Vero::Firmata(_) => 0,
            Vero::Vuota => 1,
            Vero::VuotaConIntrusione => 2,
            Vero::Segno => 3,
        };
        let colonna = if dubbia {
            2
        } else if presente {
            0
        } else {
            1
        };
        conti.matrice[riga][colonna] += 1;
        let firmata = matches!(v, Vero::Firmata(_));
        let f = piano
            .firme
            .iter()
            .find(|f| (f.destinatario_id, f.incontro_id, f.riga) == *k);
        if *v == Vero::Segno {
            // Not right either way: only flagging it is.
            continue;
        }
        conti.inchiostro[firmata as usize].push(f.map_or(0.0, |f| f.inchiostro));
        if !dubbia && presente != firmata {
            conti.sbagliate_sicure += 1;
        }
        if dubbia || presente != firmata {
            let come = if let Vero::Firmata(c) = v { c } else { "vuota" };
            let f = piano
                .firme
                .iter()
                .find(|f| (f.destinatario_id, f.incontro_id, f.riga) == *k);
            let inchiostro = f.map_or(0.0, |f| f.inchiostro);
            let nome = std::path::Path::new(file)
                .file_name()
                .unwrap()
                .to_string_lossy();
            eprintln!(
                "sbagliata: {come} letta presente={presente} dubbia={dubbia} inchiostro={inchiostro} riga {} in {nome}",
                k.2
            );
        }
    }
}

fn stampa(dpi: u32, c: &Conti) {
    let m = &c.matrice;
    let caselle: usize = m[..3].iter().flatten().sum();
    let giuste = m[0][0] + m[1][1] + m[2][1];
    let vuote = m[1].iter().sum::<usize>() + m[2].iter().sum::<usize>();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let mut ms = c.ms.clone();
    ms.sort_by(f64::total_cmp);
    let media = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    let p95 = ms.get(ms.len() * 95 / 100).copied().unwrap_or(0.0);
    let esito = |ok: bool| if ok { "ok" } else { "MANCATO" };
    // The targets: boxes right 99.9 % at 300 dpi, 99 % at 150.
    let obiettivo = if dpi >= 300 { 99.9 } else { 99.0 };
    let (pagine, giuste) = (pct(c.identificate, c.pagine), pct(giuste, caselle));
    let falsi = pct(m[1][0] + m[2][0], vuote);
    println!("== {dpi} dpi: {} pages, {caselle} boxes", c.pagine);
    println!(
        "pages identified   {pagine:>7.2} %   target 100 %: {}",
        esito(pagine == 100.0)
    );
    println!(
        "boxes right        {giuste:>7.2} %   target {obiettivo} %: {} (doubtful count as not right)",
        esito(giuste >= obiettivo)
    );
    println!(
        "false presente     {falsi:>7.3} %   target 0.1 %: {} (of {vuote} blank boxes; {} with a neighbour's spill, {} of them read present)",
        esito(falsi <= 0.1),
        m[2].iter().sum::<usize>(),
        m[2][0]
    );
    println!(
        "wrong, not doubtful {:>6}     target 0: {}",
        c.sbagliate_sicure,
        esito(c.sbagliate_sicure == 0)
    );
    println!(
        "ms per page        {media:>7.1} mean, {p95:.1} p95 (decoding included){}",
        if dpi == 200 {
            format!("; target 150: {}", esito(p95 <= 150.0))
        } else {
            String::new()
        }
    );
    let segni: usize = m[3].iter().sum();
    println!(
        "dashes flagged     {:>7.2} %   target 100 %: {} (of {segni} boxes with a 2 mm dash, not counted above)",
        pct(m[3][2], segni),
        esito(m[3][2] == segni)
    );
    stampa_inchiostro(c);
    println!("                   presente  assente  dubbia");
    for (nome, r) in ["firmata", "vuota", "vuota+spill", "trattino 2 mm"]
        .iter()
        .zip(m)
    {
        println!("{nome:<18} {:>8} {:>8} {:>7}", r[0], r[1], r[2]);
    }
}

/// How far apart blank and signed boxes are: the margin the thresholds have.
fn stampa_inchiostro(c: &Conti) {
    let ordina = |v: &[f32]| {
        let mut v = v.to_vec();
        v.sort_by(f32::total_cmp);
        v
    };
    let (vuote, firmate) = (ordina(&c.inchiostro[0]), ordina(&c.inchiostro[1]));
    let q = |v: &[f32], p: usize| v.get(v.len() * p / 100).copied().unwrap_or(0.0);
    println!(
        "ink mm²            blank max {:.1}, p99 {:.1}; signed min {:.1}, p1 {:.1}, median {:.1} (absent below {}, present above {})",
        vuote.last().copied().unwrap_or(0.0),
        q(&vuote, 99),
        firmate.first().copied().unwrap_or(0.0),
        q(&firmate, 1),
        q(&firmate, 50),
        sportello::lettura::ASSENTE_SOTTO,
        sportello::lettura::PRESENTE_SOPRA
    );
}
