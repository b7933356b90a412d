//! Draws laid-out register pages into a PDF with printpdf: A4, black on white,
//! DejaVu Sans Condensed embedded (subset) so accents and foreign names print.
//! Bold is the same face filled and stroked: one font program per file, deflated
//! once per process and reused; the pages are deflated at the default level.
//! (Together: 13.7 → 10.3 ms for a register of 30 × 10, `cargo bench --bench registri`.)
//! The same data gives the same bytes: fixed font names, dates from the data, and
//! a trailer /ID hashed from the content instead of printpdf's random one.

use super::layout::{self, Elemento, Misura, Pagina};
use super::{DatiRegistro, Variante};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextRenderingMode,
};
use std::sync::OnceLock;

const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
/// Stroke width of the faux bold, in points.
const BOLD_STROKE: f32 = 0.35;

fn font() -> &'static ParsedFont {
    static PARSED: OnceLock<ParsedFont> = OnceLock::new();
    PARSED.get_or_init(|| {
        ParsedFont::from_bytes(FONT, 0, &mut Vec::new()).expect("the embedded font parses")
    })
}

/// Text widths from the embedded font's metrics.
pub struct MisuraFont;

impl Misura for MisuraFont {
    fn larghezza(&self, testo: &str, pt: f32, grassetto: bool) -> f32 {
        let f = font();
        let upem = f32::from(f.units_per_em.max(1));
        let units: u32 = testo
            .chars()
            .map(|c| {
                f.lookup_glyph_index(c as u32)
                    .and_then(|g| f.get_glyph_width(g))
                    .map_or(upem as u32 / 2, u32::from)
            })
            .sum();
        let stroke = if grassetto { BOLD_STROKE * 0.3528 } else { 0.0 };
        units as f32 / upem * pt * 0.3528 + stroke
    }
}

fn pt(mm: f32) -> Pt {
    Mm(mm).into()
}

/// A point from top-left millimetres.
fn punto(x: f32, y_top: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(layout::PAGINA_H - y_top),
    }
}

fn ops(p: &Pagina, font: &FontId) -> Vec<Op> {
    let black = Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let mut ops = vec![
        Op::SetFillColor { col: black.clone() },
        Op::SetOutlineColor { col: black },
        Op::SetOutlineThickness { pt: Pt(0.6) },
    ];
    for e in &p.elementi {
        match e {
            Elemento::Testo {
                x,
                y,
                pt: size,
                grassetto,
                testo,
            } => {
                let mode = if *grassetto {
                    TextRenderingMode::FillStroke
                } else {
                    TextRenderingMode::Fill
                };
                ops.extend([
                    Op::SetOutlineThickness {
                        pt: Pt(if *grassetto { BOLD_STROKE } else { 0.6 }),
                    },
                    Op::StartTextSection,
                    Op::SetTextRenderingMode { mode },
                    Op::SetFont {
                        font: PdfFontHandle::External(font.clone()),
                        size: Pt(*size),
                    },
                    Op::SetTextCursor { pos: punto(*x, *y) },
                    Op::ShowText {
                        items: vec![TextItem::Text(testo.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
            Elemento::Riquadro { x, y, w, h } | Elemento::Pieno { x, y, w, h } => {
                let mode = if matches!(e, Elemento::Pieno { .. }) {
                    PaintMode::Fill
                } else {
                    PaintMode::Stroke
                };
                let mut rectangle =
                    Rect::from_xywh(pt(*x), pt(layout::PAGINA_H - y - h), pt(*w), pt(*h));
                rectangle.mode = Some(mode);
                ops.push(Op::DrawRectangle { rectangle });
            }
            Elemento::Linea { x1, y1, x2, y2 } => ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: punto(*x1, *y1),
                            bezier: false,
                        },
                        LinePoint {
                            p: punto(*x2, *y2),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            }),
        }
    }
    ops.extend(qr_ops(&p.qr));
    ops
}

/// The page identity as a QR code, drawn module by module.
fn qr_ops(data: &str) -> Vec<Op> {
    let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else {
        return vec![];
    };
    let n = code.width();
    let (x0, y0, side) = layout::QR;
    let m = side / n as f32;
    code.to_colors()
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == qrcode::Color::Dark)
        .map(|(k, _)| {
            let (cx, cy) = ((k % n) as f32, (k / n) as f32);
            let mut rectangle = Rect::from_xywh(
                pt(x0 + cx * m),
                pt(layout::PAGINA_H - y0 - (cy + 1.0) * m),
                pt(m),
                pt(m),
            );
            rectangle.mode = Some(PaintMode::Fill);
            Op::DrawRectangle { rectangle }
        })
        .collect()
}

/// Pages of one or more registers into one PDF. `data` fixes the document dates.
pub fn documento(titolo: &str, pagine: &[Pagina], data: Option<chrono::NaiveDate>) -> Vec<u8> {
    let mut doc = PdfDocument::new(titolo);
    // Fixed resource names keep the output byte-identical from one run to the next.
    let id = FontId("F1".into());
    doc.resources
        .fonts
        .map
        .insert(id.clone(), PdfFont::new(font().clone()));
    if let Some(d) = data.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        let t = printpdf::OffsetDateTime::from_unix_timestamp(d.and_utc().timestamp())
            .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
        doc.metadata.info.creation_date = t;
        doc.metadata.info.modification_date = t;
        doc.metadata.info.metadata_date = t;
    }
    doc.metadata.info.creator = "Sportello".into();
    doc.metadata.info.producer = "Sportello".into();
    let pages = pagine
        .iter()
        .map(|p| PdfPage::new(Mm(layout::PAGINA_W), Mm(layout::PAGINA_H), ops(p, &id)))
        .collect();
    // printpdf's own `save` is these steps with a random /ID and the font program
    // compressed anew each time.
    let mut lo = doc
        .with_pages(pages)
        .to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    let mut impronta = super::unione::Impronta::new();
    impronta.add(titolo.as_bytes());
    for obj in lo.objects.values_mut() {
        if let lopdf::Object::Stream(s) = obj {
            if s.dict.has(b"Length1") && s.content == FONT {
                s.dict
                    .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
                s.set_content(programma_compresso().to_vec());
            } else {
                impronta.add(&s.content);
            }
        }
    }
    deflate(&mut lo);
    let id = lopdf::Object::String(impronta.hex().into_bytes(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut out = Vec::new();
    lo.save_to(&mut out).expect("writing to memory");
    out
}

/// Deflates the streams not yet compressed, at the default level: lopdf's own
/// `compress` uses the best one, a fifth of a register's time for files no smaller.
fn deflate(doc: &mut lopdf::Document) {
    use std::io::Write;
    for obj in doc.objects.values_mut() {
        if let lopdf::Object::Stream(s) = obj
            && s.allows_compression
            && !s.dict.has(b"Filter")
        {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            if z.write_all(&s.content).is_ok()
                && let Ok(compressed) = z.finish()
                && compressed.len() < s.content.len()
            {
                s.dict
                    .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
                s.set_content(compressed);
            }
        }
    }
}

/// The embedded font program, deflated once per process.
fn programma_compresso() -> &'static [u8] {
    static DEFLATED: OnceLock<Vec<u8>> = OnceLock::new();
    DEFLATED.get_or_init(|| {
        let mut s = lopdf::Stream::new(lopdf::Dictionary::new(), FONT.to_vec());
        s.compress().expect("deflating in memory");
        s.content
    })
}

/// One register as a PDF.
pub fn registro(d: &DatiRegistro, variante: Variante) -> Vec<u8> {
    let pagine = layout::impagina(d, variante, &MisuraFont);
    documento(
        &format!("Registro {}", d.numero),
        &pagine,
        d.data_documento(),
    )
}
