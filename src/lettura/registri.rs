//! The registers a reading meets, each laid out again from the database as it
//! would be printed now: a scanned page is read only when its code is the
//! very code that page would carry today (register, page of pages, the
//! fingerprint of its boxes), so a box is never given to the wrong person.

use super::pagina::{self, Identificata};
use super::piano::{FirmaLetta, PaginaLetta, StatoPagina, firma, scarta};
use super::ritagli::ritaglio;
use super::trasformazione::Affine;
use crate::domain::{Incontro, StatoIncontro};
use crate::error::{Error, Result};
use crate::ids::Id;
use crate::limiti::MAX_RITAGLI;
use crate::registro::layout::{self, Pagina};
use crate::registro::pdf::MisuraFont;
use crate::registro::{self, DatiRegistro, Variante};
use crate::store::{self, Store};
use image::GrayImage;
use std::collections::HashMap;

struct Registro {
    dati: DatiRegistro,
    prima: Vec<Pagina>,
    dopo: Vec<Pagina>,
}

pub struct Registri<'a> {
    store: &'a Store,
    /// None: a servizio this database does not hold.
    servizi: HashMap<Id, Option<Registro>>,
    incontri: HashMap<Id, Incontro>,
    /// (servizio, page) → the plan's page where it was first read.
    lette: HashMap<(Id, u32), u32>,
    /// Box crops made so far (at most `MAX_RITAGLI`).
    ritagli: usize,
}

impl<'a> Registri<'a> {
    pub fn new(store: &'a Store) -> Self {
        Registri {
            store,
            servizi: HashMap::new(),
            incontri: HashMap::new(),
            lette: HashMap::new(),
            ritagli: 0,
        }
    }

    fn registro(&mut self, id: Id) -> Result<Option<&Registro>> {
        if !self.servizi.contains_key(&id) {
            let r = match registro::dati(self.store, id) {
                Ok(dati) => Some(Registro {
                    prima: layout::impagina(&dati, Variante::Prima, &MisuraFont),
                    dopo: layout::impagina(&dati, Variante::Dopo, &MisuraFont),
                    dati,
                }),
                Err(Error::NonTrovato { .. }) => None,
                Err(e) => return Err(e),
            };
            self.servizi.insert(id, r);
        }
        Ok(self.servizi[&id].as_ref())
    }

    /// Reads an identified page into `p` (its state and message) and returns
    /// its boxes' proposals (with their crops when `ritagli`) and the page's
    /// map; None when the page cannot be used.
    pub fn leggi(
        &mut self,
        img: &GrayImage,
        id: &Identificata,
        p: &mut PaginaLetta,
        (indice, pagine): (u32, &[PaginaLetta]),
        ritagli: bool,
    ) -> Result<Option<(Vec<FirmaLetta>, Affine)>> {
        let servizio = id.identita.servizio_id;
        let Some(r) = self.registro(servizio)? else {
            return Ok(scarta(
                p,
                StatoPagina::AltroDatabase,
                "registro di un servizio che questo database non ha (stampato da un altro sportello?)",
            ));
        };
        p.registro = Some(r.dati.numero.clone());
        let layout = match stampata(r, id) {
            Ok(l) => l,
            Err((stato, perche)) => return Ok(scarta(p, stato, perche)),
        };
        let letta = match pagina::leggi(img, id, &layout) {
            Ok(l) => l,
            Err(pagina::Problema::Illeggibile(m) | pagina::Problema::NonSportello(m)) => {
                return Ok(scarta(p, StatoPagina::Illeggibile, m));
            }
        };
        // Remembered once read: a copy that could not be read does not turn
        // away the rescan that replaces it.
        self.segna_duplicato(p, servizio, id.identita.pagina, indice, pagine);
        if letta.bitonale {
            let avviso = "scansione in bianco e nero: una firma a matita leggera può non vedersi; meglio in grigio";
            p.messaggio = Some(match p.messaggio.take() {
                Some(m) => format!("{m}; {avviso}"),
                None => avviso.into(),
            });
        }
        p.rotazione = Some((letta.mappa.rotazione() * 10.0).round() as f32 / 10.0);
        p.dpi = Some((letta.mappa.px_per_mm() * 25.4).round() as f32);
        let firme = self.firme(servizio, indice, &letta, ritagli.then_some(img))?;
        Ok(Some((firme, letta.mappa)))
    }

    /// A page already read in this reading is marked, else remembered.
    fn segna_duplicato(
        &mut self,
        p: &mut PaginaLetta,
        servizio: Id,
        pagina: u32,
        indice: u32,
        pagine: &[PaginaLetta],
    ) {
        if let Some(&prima) = self.lette.get(&(servizio, pagina)) {
            let f = &pagine[prima as usize];
            p.stato = StatoPagina::Duplicata;
            p.messaggio = Some(format!(
                "pagina già letta ({}, pagina {}): non si legge due volte",
                f.file, f.pagina_file
            ));
        } else {
            self.lette.insert((servizio, pagina), indice);
        }
    }

    /// The proposals of a page's boxes, with whose they are (and each box's
    /// crop, given the scan).
    fn firme(
        &mut self,
        servizio: Id,
        indice: u32,
        letta: &pagina::Letta,
        scansione: Option<&GrayImage>,
    ) -> Result<Vec<FirmaLetta>> {
        let mut firme = Vec::new();
        for (c, m) in &letta.misure {
            let r = self.servizi[&servizio].as_ref().expect("read before");
            let nome = r
                .dati
                .partecipanti
                .iter()
                .find(|x| Some(x.id) == c.destinatario_id)
                .map(|x| format!("{} {}", x.cognome, x.nome))
                .unwrap_or_default();
            let mut f = firma(indice, c, m, nome);
            if self.annota(&mut f)? {
                // Crops are for deciding: only boxes of open incontri have one.
                if let Some(img) = scansione.filter(|_| f.aperto && self.ritagli < MAX_RITAGLI) {
                    f.ritaglio = Some(ritaglio(img, &letta.mappa, c));
                    self.ritagli += 1;
                }
                firme.push(f);
            }
        }
        Ok(firme)
    }

    /// What the database says of the box's incontro; false for a blank box
    /// that belongs to nobody (nothing to report).
    fn annota(&mut self, f: &mut FirmaLetta) -> Result<bool> {
        let segnata = f.presente || f.dubbia;
        let (Some(destinatario), Some(incontro)) = (f.destinatario_id, f.incontro_id) else {
            f.nota = Some(if f.destinatario_id.is_none() {
                "firma in una riga aggiunta a mano: registrala a mano".into()
            } else {
                "firma in una colonna di un incontro non ancora registrato: registra l'incontro e rileggi la pagina".into()
            });
            return Ok(segnata);
        };
        if !self.incontri.contains_key(&incontro) {
            let i = store::incontri::get(self.store.read(), incontro)?;
            self.incontri.insert(incontro, i);
        }
        let i = &self.incontri[&incontro];
        f.data_incontro = Some(i.dati.data);
        f.registrato = i
            .dati
            .presenze
            .iter()
            .find(|p| p.destinatario_id == destinatario)
            .map(|p| p.presente);
        f.aperto = i.stato != StatoIncontro::Chiuso;
        if !f.aperto {
            f.nota = Some("incontro chiuso: non si modifica (riaprilo per registrare)".into());
        } else if f.dubbia {
            f.nota = Some("lettura incerta: verificala a mano".into());
        } else {
            f.applicabile = true;
            if f.registrato == Some(!f.presente) {
                f.nota = Some("diversa da quanto registrato: la carta prevale".into());
            }
        }
        Ok(true)
    }

    /// A page read twice: its first reading stays, and where the two copies
    /// disagree the first becomes doubtful.
    pub fn confronta_duplicato(
        &self,
        p: &mut PaginaLetta,
        copia: &[FirmaLetta],
        firme: &mut [FirmaLetta],
    ) {
        let Some(&prima) = p.servizio_id.zip(p.pagina).and_then(|k| self.lette.get(&k)) else {
            return;
        };
        let mut discordi = 0;
        for f in firme.iter_mut().filter(|f| f.pagina == prima) {
            let altra = copia.iter().find(|c| {
                (c.riga, c.destinatario_id, c.incontro_id)
                    == (f.riga, f.destinatario_id, f.incontro_id)
            });
            if altra.is_some_and(|c| c.presente != f.presente || c.dubbia) {
                f.dubbia = true;
                f.applicabile = false;
                f.nota = Some("le due copie della pagina non concordano: verificala a mano".into());
                discordi += 1;
            }
        }
        if discordi > 0 {
            let m = p.messaggio.take().unwrap_or_default();
            p.messaggio = Some(format!(
                "{m}; {discordi} caselle diverse dalla prima copia, rese incerte"
            ));
        }
    }
}

/// The page of the register as printed: only when its code is the very code
/// that page carries today; otherwise why not.
fn stampata(
    r: &Registro,
    id: &Identificata,
) -> std::result::Result<Pagina, (StatoPagina, &'static str)> {
    if id.identita.impronta.is_none() {
        return Err((
            StatoPagina::Modificata,
            "registro stampato da una versione precedente di Sportello, senza l'impronta delle caselle: rileggerlo a mano",
        ));
    }
    let pagina = |pagine: &[Pagina]| {
        pagine
            .get(id.identita.pagina as usize - 1)
            .filter(|x| x.qr == id.codice.testo)
            .cloned()
    };
    if let Some(p) = pagina(&r.prima) {
        return Ok(p);
    }
    Err(match pagina(&r.dopo) {
        Some(_) => (
            StatoPagina::Compilata,
            "copia stampata dopo gli incontri, già compilata: non si rilegge",
        ),
        None => (
            StatoPagina::Modificata,
            "registro stampato prima di una modifica: rileggerlo a mano",
        ),
    })
}
