//! A scanner's multi-page TIFF, page by page (the `image` crate reads only a
//! TIFF's first page): 8-bit grey or RGB, or 1-bit black and white (fax
//! compression included), within the same limits as any page.

use super::immagine::{Pixel, controlla_pixel, in_grigio, troppo_grande};
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
    let formato = match tipo {
        ColorType::Gray(8) => Pixel::Grigio8,
        ColorType::RGB(8) => Pixel::Rgb8,
        ColorType::Gray(1) => Pixel::Bit1,
        _ => return Err("formato dei pixel TIFF non gestito".into()),
    };
    in_grigio(&dati, w, h, formato).ok_or_else(|| "pagina TIFF incompleta".into())
}
