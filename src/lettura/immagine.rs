//! A scanned file as grey pages: a PDF from a scanner (each page's largest
//! embedded image: JPEG, deflated pixels or CCITT G4 fax) or a PNG, JPEG or
//! TIFF picture (a scanner's multi-page TIFF page by page). Sizes are measured before anything is decoded (`limiti`),
//! and a page that cannot be decoded is said, in Italian, without stopping
//! the others.

use crate::error::{Error, Result};
use crate::limiti::{MAX_BYTE_SCANSIONE, MAX_PAGINE_SCANSIONE, MAX_PIXEL_PAGINA};
use image::GrayImage;
use lopdf::{Document, Object, ObjectId, Stream};
use std::path::Path;

use super::multipagina;

/// An opened scan: its pages are decoded one at a time, so memory holds one.
pub struct Scansione {
    fonte: Fonte,
    /// SHA-256 of the file, for the evidence kept of its pages.
    impronta: String,
}

enum Fonte {
    Pdf {
        doc: Box<Document>,
        pagine: Vec<ObjectId>,
    },
    Immagine(Vec<u8>),
    /// A TIFF of more than one page.
    Tiff {
        bytes: Vec<u8>,
        pagine: usize,
    },
}

impl Scansione {
    /// Opens `path` (.pdf, .png, .jpg/.jpeg, .tif/.tiff) within the limits.
    pub fn apri(path: &Path) -> Result<Scansione> {
        let nome = path.display();
        let non_leggo = |e: std::io::Error| {
            Error::dati(format!(
                "Non riesco a leggere {nome}: {}.",
                crate::error::io_it(&e)
            ))
        };
        let dimensione = std::fs::metadata(path).map_err(non_leggo)?.len();
        if dimensione > MAX_BYTE_SCANSIONE {
            return Err(Error::dati(format!(
                "{nome} pesa {} MB: il massimo è {} MB. Dividi la scansione in più file.",
                dimensione / (1024 * 1024),
                MAX_BYTE_SCANSIONE / (1024 * 1024)
            )));
        }
        let bytes = std::fs::read(path).map_err(non_leggo)?;
        let impronta = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
        let fonte = if bytes.starts_with(b"%PDF") {
            apri_pdf(&bytes, &nome.to_string())?
        } else if image::guess_format(&bytes).is_ok_and(|f| f == image::ImageFormat::Tiff) {
            match multipagina::pagine(&bytes, &nome.to_string())? {
                1 => Fonte::Immagine(bytes),
                pagine => Fonte::Tiff { bytes, pagine },
            }
        } else if image::guess_format(&bytes).is_ok() {
            Fonte::Immagine(bytes)
        } else {
            return Err(Error::dati(format!(
                "{nome} non è un PDF né un'immagine (PNG, JPEG, TIFF): non lo leggo."
            )));
        };
        Ok(Scansione { fonte, impronta })
    }

    pub fn impronta(&self) -> &str {
        &self.impronta
    }

    pub fn pagine(&self) -> usize {
        match &self.fonte {
            Fonte::Pdf { pagine, .. } => pagine.len(),
            Fonte::Immagine(_) => 1,
            Fonte::Tiff { pagine, .. } => *pagine,
        }
    }

    /// Page `k` (from 0) in grey; Err is the Italian reason it cannot be read.
    pub fn pagina(&self, k: usize) -> std::result::Result<GrayImage, String> {
        match &self.fonte {
            Fonte::Pdf { doc, pagine } => immagine_pdf(doc, pagine[k]),
            Fonte::Immagine(bytes) => decodifica(bytes),
            Fonte::Tiff { bytes, .. } => multipagina::pagina(bytes, k),
        }
    }
}

fn apri_pdf(bytes: &[u8], nome: &str) -> Result<Fonte> {
    let opzioni = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_PIXEL_PAGINA as usize * 3),
        ..Default::default()
    };
    let doc = Document::load_mem_with_options(bytes, opzioni).map_err(|_| {
        Error::dati(format!(
            "{nome} non è un PDF leggibile (danneggiato o protetto da password)."
        ))
    })?;
    let pagine: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pagine.len() > MAX_PAGINE_SCANSIONE {
        return Err(Error::dati(format!(
            "{nome} ha {} pagine: il massimo è {MAX_PAGINE_SCANSIONE}. Dividi la scansione in più file.",
            pagine.len()
        )));
    }
    Ok(Fonte::Pdf {
        doc: Box::new(doc),
        pagine,
    })
}

/// A PNG, JPEG or TIFF picture in grey (a TIFF's first page).
fn decodifica(bytes: &[u8]) -> std::result::Result<GrayImage, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "immagine illeggibile".to_string())?;
    let mut limiti = image::Limits::default();
    let lato = (MAX_PIXEL_PAGINA as f64).sqrt() as u32 * 2;
    limiti.max_image_width = Some(lato);
    limiti.max_image_height = Some(lato);
    limiti.max_alloc = Some(MAX_PIXEL_PAGINA * 4);
    reader.limits(limiti);
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => troppo_grande(),
        image::ImageError::Unsupported(_) => "formato d'immagine non gestito".to_string(),
        _ => "immagine danneggiata o illeggibile".to_string(),
    })?;
    controlla_pixel(img.width().into(), img.height().into())?;
    Ok(img.into_luma8())
}

pub(super) fn troppo_grande() -> String {
    format!(
        "immagine troppo grande (oltre {} milioni di pixel): scansiona a 300 dpi",
        MAX_PIXEL_PAGINA / 1_000_000
    )
}

pub(super) fn controlla_pixel(w: u64, h: u64) -> std::result::Result<(), String> {
    if w == 0 || h == 0 {
        return Err("immagine vuota".into());
    }
    if w.saturating_mul(h) > MAX_PIXEL_PAGINA {
        return Err(troppo_grande());
    }
    Ok(())
}

/// The largest image on a PDF page: a scanner puts one per page.
fn immagine_pdf(doc: &Document, pagina: ObjectId) -> std::result::Result<GrayImage, String> {
    let immagini = doc
        .get_page_images(pagina)
        .map_err(|_| "pagina PDF danneggiata".to_string())?;
    let img = immagini
        .iter()
        .max_by_key(|i| i.width.saturating_mul(i.height))
        .ok_or_else(|| {
            "la pagina non contiene un'immagine: non è una scansione (è forse il PDF stampato?)"
                .to_string()
        })?;
    let (w, h) = (img.width.max(0) as u64, img.height.max(0) as u64);
    controlla_pixel(w, h)?;
    let stream = doc
        .get_object(img.id)
        .and_then(Object::as_stream)
        .map_err(|_| "immagine della pagina danneggiata".to_string())?;
    let filtri = img.filters.clone().unwrap_or_default();
    let ultimo = filtri.last().map(String::as_str).unwrap_or("");
    match ultimo {
        "DCTDecode" | "JPXDecode" if filtri.len() == 1 => decodifica(&stream.content),
        "CCITTFaxDecode" if filtri.len() == 1 => fax(stream, w as u32, h as u32),
        "JBIG2Decode" => Err(
            "compressione JBIG2 non gestita: scansiona in grigio, o in bianco e nero senza JBIG2"
                .into(),
        ),
        _ => pixel_grezzi(stream, img.color_space.as_deref(), w as u32, h as u32),
    }
}

/// Deflated (or plain) pixels: 8-bit grey or RGB, or 1-bit black and white.
fn pixel_grezzi(
    stream: &Stream,
    spazio: Option<&str>,
    w: u32,
    h: u32,
) -> std::result::Result<GrayImage, String> {
    let bit = stream
        .dict
        .get(b"BitsPerComponent")
        .and_then(Object::as_i64)
        .unwrap_or(8);
    let canali = match spazio {
        Some("DeviceRGB") | Some("CalRGB") => 3,
        Some("DeviceGray") | Some("CalGray") | None => 1,
        _ => return Err("spazio di colore dell'immagine non gestito".into()),
    };
    let dati = stream
        .decompressed_content_with_limit(MAX_PIXEL_PAGINA as usize * 3)
        .map_err(|_| "immagine della pagina danneggiata o compressa in modo non gestito")?;
    let formato = match (bit, canali) {
        (8, 1) => Pixel::Grigio8,
        (8, 3) => Pixel::Rgb8,
        (1, 1) => Pixel::Bit1,
        _ => return Err("formato dei pixel dell'immagine non gestito".into()),
    };
    in_grigio(&dati, w, h, formato).ok_or_else(|| "immagine incompleta".into())
}

/// How raw pixels are laid out: 8-bit grey, 8-bit RGB, or 1 bit a pixel
/// (1 white, rows padded to a byte).
#[derive(Clone, Copy)]
pub(super) enum Pixel {
    Grigio8,
    Rgb8,
    Bit1,
}

/// Raw pixels in grey; None when `dati` is shorter than `w`×`h` of them.
pub(super) fn in_grigio(dati: &[u8], w: u32, h: u32, formato: Pixel) -> Option<GrayImage> {
    let (wu, hu) = (w as usize, h as usize);
    let px: Vec<u8> = match formato {
        Pixel::Grigio8 if dati.len() >= wu * hu => dati[..wu * hu].to_vec(),
        Pixel::Rgb8 if dati.len() >= wu * hu * 3 => dati
            .chunks_exact(3)
            .take(wu * hu)
            .map(|c| ((c[0] as u32 * 30 + c[1] as u32 * 59 + c[2] as u32 * 11) / 100) as u8)
            .collect(),
        Pixel::Bit1 if dati.len() >= wu.div_ceil(8) * hu => {
            let riga = wu.div_ceil(8);
            (0..wu * hu)
                .map(|k| {
                    let (x, y) = (k % wu, k / wu);
                    if dati[y * riga + x / 8] & (0x80 >> (x % 8)) != 0 {
                        255
                    } else {
                        0
                    }
                })
                .collect()
        }
        _ => return None,
    };
    GrayImage::from_raw(w, h, px)
}

/// CCITT fax (group 4, or group 3 one-dimensional), black and white.
fn fax(stream: &Stream, w: u32, h: u32) -> std::result::Result<GrayImage, String> {
    let parametri = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .ok();
    let intero = |k: &[u8], d: i64| {
        parametri
            .and_then(|p| p.get(k).and_then(Object::as_i64).ok())
            .unwrap_or(d)
    };
    let nero_uno = parametri
        .and_then(|p| p.get(b"BlackIs1").and_then(Object::as_bool).ok())
        .unwrap_or(false);
    let colonne = intero(b"Columns", 1728).clamp(1, u16::MAX as i64) as u16;
    let (w, h) = (w.min(colonne as u32), h.min(u16::MAX as u32));
    let mut px = Vec::with_capacity((w * h) as usize);
    let mut riga = |transizioni: &[u16]| {
        px.extend(
            fax::decoder::pels(transizioni, colonne)
                .take(w as usize)
                .map(|c| match (c, nero_uno) {
                    (fax::Color::Black, false) | (fax::Color::White, true) => 0u8,
                    _ => 255u8,
                }),
        );
    };
    let dati = stream.content.iter().copied();
    let fatto = if intero(b"K", 0) < 0 {
        fax::decoder::decode_g4(dati, colonne, Some(h as u16), &mut riga)
    } else {
        fax::decoder::decode_g3(dati, &mut riga)
    };
    px.resize((w * h) as usize, 255);
    match fatto {
        Some(()) => GrayImage::from_raw(w, h, px).ok_or_else(|| "immagine incompleta".into()),
        None => Err("immagine fax danneggiata".into()),
    }
}
