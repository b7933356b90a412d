//! A scanner's multi-page TIFF, page by page (the `image` crate reads only a
//! TIFF's first page): 8-bit grey or RGB, or 1-bit black and white (fax
//! compression included), within the same limits as any page.

use super::immagine::{controlla_pixel, troppo_grande};
use crate::error::{Error, Result};
use crate::limiti::{MAX_PAGINE_SCANSIONE, MAX_PIXEL_PAGINA};
use image::GrayImage;
use std::io::Cursor;
use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::{ColorType, TiffError};

fn decoder(bytes: &[u8]) -> std::result::Result<Decoder<Cursor<&[u8]>>, TiffError> {
    let mut limiti = Limits::default();
    limiti.decoding_buffer_size = MAX_PIXEL_PAGINA as usize * 3;
    Ok(Decoder::new(Cursor::new(bytes))?.with_limits(limiti))
}

/// How many pages the TIFF holds, within the limit; a damaged list of pages
/// counts the pages before the damage (at least the first, which the page
/// reader then says if it cannot read).
pub fn pagine(bytes: &[u8], nome: &str) -> Result<usize> {
    let Ok(mut d) = decoder(bytes) else {
        return Ok(1);
    };
    let mut n = 1;
    while d.more_images() {
        if d.next_image().is_err() {
            break;
        }
        n += 1;
        if n > MAX_PAGINE_SCANSIONE {
            return Err(Error::dati(format!(
                "{nome} ha più di {MAX_PAGINE_SCANSIONE} pagine: dividi la scansione in più file."
            )));
        }
    }
    Ok(n)
}

/// Page `k` (from 0) in grey; Err is the Italian reason it cannot be read.
pub fn pagina(bytes: &[u8], k: usize) -> std::result::Result<GrayImage, String> {
    let danneggiata = |e: TiffError| match e {
        TiffError::LimitsExceeded => troppo_grande(),
        TiffError::UnsupportedError(_) => "formato TIFF non gestito".to_string(),
        _ => "pagina TIFF danneggiata o illeggibile".to_string(),
    };
    let mut d = decoder(bytes).map_err(danneggiata)?;
    d.seek_to_image(k).map_err(danneggiata)?;
    let (w, h) = d.dimensions().map_err(danneggiata)?;
    controlla_pixel(w.into(), h.into())?;
    // A page whose white is zero (fax pages often are) comes inverted back
    // by the decoder: 1 is white in every page read here.
    let tipo = d.colortype().map_err(danneggiata)?;
    let DecodingResult::U8(dati) = d.read_image().map_err(danneggiata)? else {
        return Err("formato dei pixel TIFF non gestito (16 bit o più)".into());
    };
    let (wu, hu) = (w as usize, h as usize);
    let px: Vec<u8> = match tipo {
        ColorType::Gray(8) if dati.len() >= wu * hu => dati[..wu * hu].to_vec(),
        ColorType::RGB(8) if dati.len() >= wu * hu * 3 => dati
            .chunks_exact(3)
            .take(wu * hu)
            .map(|c| ((c[0] as u32 * 30 + c[1] as u32 * 59 + c[2] as u32 * 11) / 100) as u8)
            .collect(),
        ColorType::Gray(1) if dati.len() >= wu.div_ceil(8) * hu => {
            let riga = wu.div_ceil(8);
            (0..wu * hu)
                .map(|i| {
                    let (x, y) = (i % wu, i / wu);
                    if dati[y * riga + x / 8] & (0x80 >> (x % 8)) != 0 {
                        255
                    } else {
                        0
                    }
                })
                .collect()
        }
        _ => return Err("formato dei pixel TIFF non gestito".into()),
    };
    GrayImage::from_raw(w, h, px).ok_or_else(|| "pagina TIFF incompleta".into())
}
