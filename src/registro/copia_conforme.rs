//! The "copia conforme" of a register page kept from a reading: an A4 PDF
//! with the page as it was read (its JPEG passes into the PDF untouched) and,
//! beneath, where it comes from and a place for the signature of whoever
//! attests that the copy conforms to the paper.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

const A4: (f32, f32) = (595.28, 841.89);
const MARGINE: f32 = 28.35; // 10 mm
/// Room under the picture for the attestation (30 mm).
const PIEDE: f32 = 85.0;

/// Text for the PDF's standard font (WinAnsi: Italian letters and « » are
/// where Latin-1 has them; anything else prints as «?»).
fn winansi(testo: &str) -> Object {
    Object::string_literal(
        testo
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect::<Vec<u8>>(),
    )
}

/// The PDF of a kept page: `jpeg` of `w`×`h` pixels, and the lines beneath.
pub fn pdf(jpeg: &[u8], (w, h): (u32, u32), righe: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let immagine = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image",
            "Width" => w as i64, "Height" => h as i64,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            "Filter" => "DCTDecode",
        },
        jpeg.to_vec(),
    ));
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1",
        "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    // The picture as large as the page allows, centred above the foot.
    let (lw, lh) = (A4.0 - 2.0 * MARGINE, A4.1 - 2.0 * MARGINE - PIEDE);
    let scala = (lw / w.max(1) as f32).min(lh / h.max(1) as f32);
    let (iw, ih) = (w as f32 * scala, h as f32 * scala);
    let (ix, iy) = ((A4.0 - iw) / 2.0, MARGINE + PIEDE + (lh - ih));
    let mut ops = vec![
        Operation::new("q", vec![]),
        Operation::new(
            "cm",
            vec![
                iw.into(),
                0.into(),
                0.into(),
                ih.into(),
                ix.into(),
                iy.into(),
            ],
        ),
        Operation::new("Do", vec!["Im1".into()]),
        Operation::new("Q", vec![]),
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 8.5.into()]),
        Operation::new("TL", vec![11.into()]),
        Operation::new("Td", vec![MARGINE.into(), (MARGINE + PIEDE - 14.0).into()]),
    ];
    for riga in righe {
        ops.push(Operation::new("Tj", vec![winansi(riga)]));
        ops.push(Operation::new("T*", vec![]));
    }
    ops.push(Operation::new("ET", vec![]));
    let contenuto = Content { operations: ops }.encode().unwrap_or_default();
    let contenuto = doc.add_object(Stream::new(dictionary! {}, contenuto));
    let pagine = doc.new_object_id();
    let pagina = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pagine,
        "MediaBox" => vec![0.into(), 0.into(), A4.0.into(), A4.1.into()],
        "Contents" => contenuto,
        "Resources" => dictionary! {
            "XObject" => dictionary! { "Im1" => immagine },
            "Font" => dictionary! { "F1" => font },
        },
    });
    doc.objects.insert(
        pagine,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![pagina.into()], "Count" => 1,
        }),
    );
    let catalogo = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pagine });
    doc.trailer.set("Root", catalogo);
    let mut out = Vec::new();
    // Saving into memory fails only on a write error, which a Vec has not.
    let _ = doc.save_to(&mut out);
    out
}
