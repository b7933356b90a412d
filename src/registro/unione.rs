//! Many registers in one PDF without holding them all in memory. Each register is
//! a finished PDF of its own (made on all cores, see `batch`); here they are read
//! back one at a time, in order, and their objects written straight to the output
//! with new numbers. They all embed the same font program, which the joined file
//! keeps once. Memory holds one register at a time, whatever the batch size.
//!
//! The output depends only on the registers' bytes and their order: the same data
//! gives the same file (its `/ID` is a hash of what was joined, its dates come
//! from the data).

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::io::{self, Write};

/// Object 1 is the page tree; the registers' objects follow.
const PAGINE: u32 = 1;

pub struct Unione<W: Write> {
    out: Conta<W>,
    /// Byte offset of each object written, by number (index 0 unused).
    offsets: Vec<u64>,
    pagine: Vec<u32>,
    /// Font programs already written: (their bytes, their number).
    programmi: Vec<(Vec<u8>, u32)>,
    impronta: Impronta,
}

impl<W: Write> Unione<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut out = Conta { w: out, n: 0 };
        // The binary comment tells transfer tools the file is not text.
        out.write_all(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(Unione {
            out,
            offsets: vec![0, 0],
            pagine: Vec::new(),
            programmi: Vec::new(),
            impronta: Impronta::new(),
        })
    }

    /// Appends one finished register PDF; its pages follow the previous ones.
    pub fn aggiungi(&mut self, pdf: &[u8]) -> io::Result<()> {
        self.impronta.add(pdf);
        let d = Document::load_mem(pdf).map_err(io::Error::other)?;
        let trailer_ref = |k: &[u8]| d.trailer.get(k).and_then(Object::as_reference).ok();
        let catalogo = trailer_ref(b"Root");
        let albero = d
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Pages").and_then(Object::as_reference).ok());
        let saltati = [catalogo, albero, trailer_ref(b"Info")];
        // New numbers: the page tree becomes ours, a font program already written
        // is shared, every other object gets the next free number.
        let mut nuovi: HashMap<ObjectId, u32> = HashMap::new();
        if let Some(a) = albero {
            nuovi.insert(a, PAGINE);
        }
        let mut da_scrivere = Vec::new();
        for (id, obj) in &d.objects {
            if saltati.contains(&Some(*id)) {
                continue;
            }
            if let Object::Stream(s) = obj
                && is_programma(&d, *id)
            {
                if let Some((_, n)) = self.programmi.iter().find(|(c, _)| *c == s.content) {
                    nuovi.insert(*id, *n);
                    continue;
                }
                let n = self.offsets.len() as u32;
                self.offsets.push(0);
                self.programmi.push((s.content.clone(), n));
                nuovi.insert(*id, n);
                da_scrivere.push(*id);
                continue;
            }
            let n = self.offsets.len() as u32;
            self.offsets.push(0);
            nuovi.insert(*id, n);
            da_scrivere.push(*id);
        }
        for id in d.get_pages().into_values() {
            self.pagine.push(nuovi[&id]);
        }
        for id in da_scrivere {
            let n = nuovi[&id];
            self.offsets[n as usize] = self.out.n;
            writeln!(self.out, "{n} 0 obj")?;
            scrivi(&mut self.out, &d.objects[&id], &nuovi)?;
            self.out.write_all(b"\nendobj\n")?;
        }
        Ok(())
    }

    /// Writes the page tree, the catalogue, `info` and the cross-reference table.
    pub fn finisci(mut self, info: Dictionary) -> io::Result<W> {
        self.offsets[PAGINE as usize] = self.out.n;
        let kids: Vec<String> = self.pagine.iter().map(|p| format!("{p} 0 R")).collect();
        write!(
            self.out,
            "{PAGINE} 0 obj\n<</Type/Pages/Count {}/Kids[{}]>>\nendobj\n",
            self.pagine.len(),
            kids.join(" ")
        )?;
        let catalogo = self.offsets.len() as u32;
        self.offsets.push(self.out.n);
        write!(
            self.out,
            "{catalogo} 0 obj\n<</Type/Catalog/Pages {PAGINE} 0 R>>\nendobj\n"
        )?;
        let info_n = self.offsets.len() as u32;
        self.offsets.push(self.out.n);
        writeln!(self.out, "{info_n} 0 obj")?;
        scrivi(&mut self.out, &Object::Dictionary(info), &HashMap::new())?;
        self.out.write_all(b"\nendobj\n")?;
        let xref = self.out.n;
        write!(
            self.out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.offsets.len()
        )?;
        for o in &self.offsets[1..] {
            writeln!(self.out, "{o:010} 00000 n ")?;
        }
        let id = self.impronta.hex();
        write!(
            self.out,
            "trailer\n<</Size {}/Root {catalogo} 0 R/Info {info_n} 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len()
        )?;
        self.out.w.flush()?;
        Ok(self.out.w)
    }
}

/// Whether the object is a font program (what a font descriptor's `FontFile*` points at).
fn is_programma(d: &Document, id: ObjectId) -> bool {
    d.objects.values().any(|o| match o {
        Object::Dictionary(f) => [&b"FontFile2"[..], b"FontFile3", b"FontFile"]
            .iter()
            .any(|k| f.get(k).and_then(Object::as_reference).ok() == Some(id)),
        _ => false,
    })
}

/// PDF syntax of one object, references renumbered through `nuovi`.
fn scrivi(out: &mut dyn Write, obj: &Object, nuovi: &HashMap<ObjectId, u32>) -> io::Result<()> {
    match obj {
        Object::Null => out.write_all(b"null"),
        Object::Boolean(b) => write!(out, "{b}"),
        Object::Integer(i) => write!(out, "{i}"),
        Object::Real(r) => write!(out, "{}", if r.is_finite() { *r } else { 0.0 }),
        Object::Name(n) => nome(out, n),
        // Hex strings need no escaping and read back byte for byte.
        Object::String(s, _) => {
            out.write_all(b"<")?;
            for b in s {
                write!(out, "{b:02X}")?;
            }
            out.write_all(b">")
        }
        Object::Array(a) => {
            out.write_all(b"[")?;
            for (k, o) in a.iter().enumerate() {
                if k > 0 {
                    out.write_all(b" ")?;
                }
                scrivi(out, o, nuovi)?;
            }
            out.write_all(b"]")
        }
        Object::Dictionary(d) => dizionario(out, d, nuovi, None),
        Object::Stream(s) => {
            dizionario(out, &s.dict, nuovi, Some(s.content.len()))?;
            out.write_all(b"\nstream\n")?;
            out.write_all(&s.content)?;
            out.write_all(b"\nendstream")
        }
        Object::Reference(id) => match nuovi.get(id) {
            Some(n) => write!(out, "{n} 0 R"),
            // A reference to something not joined (the source's catalogue): none.
            None => out.write_all(b"null"),
        },
    }
}

fn dizionario(
    out: &mut dyn Write,
    d: &Dictionary,
    nuovi: &HashMap<ObjectId, u32>,
    lunghezza: Option<usize>,
) -> io::Result<()> {
    out.write_all(b"<<")?;
    for (k, v) in d {
        if lunghezza.is_some() && k.as_slice() == b"Length" {
            continue;
        }
        nome(out, k)?;
        out.write_all(b" ")?;
        scrivi(out, v, nuovi)?;
    }
    if let Some(l) = lunghezza {
        write!(out, "/Length {l}")?;
    }
    out.write_all(b">>")
}

/// A name, with the characters PDF reserves written as `#xx`.
fn nome(out: &mut dyn Write, n: &[u8]) -> io::Result<()> {
    out.write_all(b"/")?;
    for &b in n {
        if b.is_ascii_graphic() && !b"#()<>[]{}/%".contains(&b) {
            out.write_all(&[b])?;
        } else {
            write!(out, "#{b:02X}")?;
        }
    }
    Ok(())
}

/// Counts the bytes written, for the cross-reference offsets.
struct Conta<W: Write> {
    w: W,
    n: u64,
}

impl<W: Write> Write for Conta<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let k = self.w.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// FNV-1a in two lanes over everything joined: the file's stable `/ID`
/// (std's hasher may change between Rust releases; this cannot).
pub(crate) struct Impronta([u64; 2]);

impl Impronta {
    pub(crate) fn new() -> Self {
        Impronta([0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142])
    }

    pub(crate) fn add(&mut self, bytes: &[u8]) {
        for h in &mut self.0 {
            for &b in bytes {
                *h ^= u64::from(b);
                *h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }

    pub(crate) fn hex(&self) -> String {
        format!("{:016X}{:016X}", self.0[0], self.0[1])
    }
}

/// The Info dictionary of a joined file: title, producer, and a date from the data.
pub fn info(titolo: &str, data: Option<chrono::NaiveDate>) -> Dictionary {
    let mut d = Dictionary::new();
    d.set(
        "Title",
        Object::String(utf16(titolo), lopdf::StringFormat::Hexadecimal),
    );
    d.set("Creator", Object::string_literal("Sportello"));
    d.set("Producer", Object::string_literal("Sportello"));
    if let Some(data) = data {
        let t = Object::string_literal(format!("D:{}000000Z", data.format("%Y%m%d")));
        d.set("CreationDate", t.clone());
        d.set("ModDate", t);
    }
    d
}

/// A text string as PDF wants it outside ASCII: UTF-16BE with its byte-order mark.
fn utf16(s: &str) -> Vec<u8> {
    let mut v = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        v.extend(u.to_be_bytes());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_strings_are_escaped() {
        let mut out = Vec::new();
        nome(&mut out, b"A B#(x)").unwrap();
        assert_eq!(out, b"/A#20B#23#28x#29");
        let mut out = Vec::new();
        scrivi(
            &mut out,
            &Object::String(b"(a)".to_vec(), lopdf::StringFormat::Literal),
            &HashMap::new(),
        )
        .unwrap();
        assert_eq!(out, b"<286129>");
    }

    #[test]
    fn the_fingerprint_is_fixed() {
        let mut a = Impronta::new();
        a.add(b"registro");
        let mut b = Impronta::new();
        b.add(b"registro");
        assert_eq!(a.hex(), b.hex());
        assert_eq!(a.hex().len(), 32);
        b.add(b"!");
        assert_ne!(a.hex(), b.hex());
    }
}
