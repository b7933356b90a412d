//! A signed register for the end-to-end test of #13, made as the reading's
//! tests make theirs: the register of servizio SERVIZIO printed ("prima"),
//! rendered at 200 dpi, the column of incontro INCONTRO signed (a signature
//! in most boxes, every fourth left blank, and a short dash in the second and
//! third: too little ink to be sure either way), turned 1° as a scanner feeds
//! it, and written as a scanner's PDF at OUT. Prints, as JSON, the boxes
//! signed and the doubtful ones (destinatario ids). The database is opened
//! with the login of SPORTELLO_UTENTE and SPORTELLO_PASSWORD.
//!
//! `cargo run --example firma_registro -- DB SERVIZIO INCONTRO OUT.pdf`

#[path = "mod.rs"]
mod scansione;

use scansione::{BIRO, Caso, firma, pdf_scansione, rasterizza, scanner, tratto};
use sportello::ids::Id;
use sportello::registro::layout::{self, TipoCasella};
use sportello::registro::pdf::MisuraFont;
use sportello::registro::{self, Variante};
use std::path::Path;

const DPI: u32 = 200;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let [db, servizio, incontro, out] = &a[..] else {
        eprintln!("uso: firma_registro DB SERVIZIO INCONTRO OUT.pdf");
        std::process::exit(2);
    };
    let utente = std::env::var("SPORTELLO_UTENTE").expect("SPORTELLO_UTENTE");
    let password = std::env::var("SPORTELLO_PASSWORD").expect("SPORTELLO_PASSWORD");
    let (store, _) = sportello::accesso::apri(Path::new(db), &utente, &password).expect("login");
    let servizio: Id = servizio.parse().expect("servizio id");
    let incontro: Id = incontro.parse().expect("incontro id");
    let d = registro::dati(&store, servizio).expect("servizio");
    let pagine = layout::impagina(&d, Variante::Prima, &MisuraFont);
    let mut immagini = rasterizza(&registro::pdf::registro(&d, Variante::Prima), DPI);
    let (mut firmate, mut incerte) = (Vec::new(), Vec::new());
    let mut caso = Caso(7);
    // Rows counted over the whole register: its column may run onto a second page.
    let mut k = 0;
    for (img, p) in immagini.iter_mut().zip(&pagine) {
        let colonna = p.caselle.iter().filter(|c| {
            c.tipo == TipoCasella::Partecipante
                && c.incontro_id == Some(incontro)
                && c.destinatario_id.is_some()
        });
        for c in colonna {
            let chi = c.destinatario_id.unwrap().to_string();
            if k == 1 || k == 2 {
                // A dash 2 mm long: about 1.4 mm² of ink, between blank and signed.
                let (x, y) = (c.x as f64 + c.w as f64 / 2.0, c.y as f64 + c.h as f64 / 2.0);
                tratto(img, DPI as f64, &[(x - 1.0, y), (x + 1.0, y)], BIRO);
                incerte.push(chi);
            } else if k % 4 != 3 {
                firma(img, DPI as f64, c, BIRO, &mut caso);
                firmate.push(chi);
            }
            k += 1;
        }
    }
    let scansioni: Vec<_> = immagini
        .iter()
        .map(|img| scanner(img, 1.0, 1.0, (0.5, -0.5), 0.0, DPI as f64))
        .collect();
    std::fs::write(out, pdf_scansione(&scansioni, 85)).expect("write the scan");
    println!(
        "{}",
        serde_json::json!({ "firmate": firmate, "incerte": incerte })
    );
}
