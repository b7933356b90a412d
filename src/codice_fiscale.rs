//! The Italian codice fiscale of a person (DES-01, DES-02), written by hand:
//! the crates that exist reject omocodic codes, and the check needs no table of comuni.
//!
//! Layout (16 characters): `CCC NNN YY M DD LNNN K`: surname, name, year, month letter,
//! day (+40 for women), place of birth (a letter and three digits), check character.
//! When two people would share a code, the tax office replaces digits with letters from
//! the right ("omocodia"), so each digit position may hold a digit or its letter.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Sesso {
    M,
    F,
}

/// What a well-formed code says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CfInfo {
    /// Two-digit year of birth: the century is not in the code.
    pub anno: u32,
    pub mese: u32,
    pub giorno: u32,
    pub sesso: Sesso,
    /// Codice catastale of the comune (or `Z…` for a foreign state), omocodia undone.
    pub luogo: String,
    /// Whether some digits were replaced by letters.
    pub omocodico: bool,
}

/// Why a code is not a valid codice fiscale of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CfError {
    Vuoto,
    /// An 11-digit number: the provisional code of a person, or a company's.
    Numerico,
    Lunghezza(usize),
    /// 1-based position and what belongs there.
    Carattere {
        posizione: usize,
        trovato: char,
        atteso: &'static str,
    },
    Mese(char),
    Giorno(u32),
    Controllo {
        atteso: char,
        trovato: char,
    },
}

impl CfError {
    pub fn message_it(&self) -> String {
        match self {
            CfError::Vuoto => "Il codice fiscale è vuoto.".into(),
            CfError::Numerico => {
                "Il codice fiscale è di 11 cifre: è un codice provvisorio o di un'azienda, non quello di una persona."
                    .into()
            }
            CfError::Lunghezza(n) => format!("Il codice fiscale deve avere 16 caratteri, questo ne ha {n}."),
            CfError::Carattere { posizione, trovato, atteso } => {
                format!("Nel codice fiscale il carattere {posizione} ({trovato}) dovrebbe essere {atteso}.")
            }
            CfError::Mese(c) => format!("Nel codice fiscale la lettera del mese ({c}) non esiste."),
            CfError::Giorno(g) => format!("Nel codice fiscale il giorno di nascita ({g:02}) non esiste."),
            CfError::Controllo { atteso, trovato } => format!(
                "Il carattere di controllo del codice fiscale è {trovato} ma dovrebbe essere {atteso}: c'è probabilmente un errore di battitura."
            ),
        }
    }
}

impl std::fmt::Display for CfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_it())
    }
}

impl std::error::Error for CfError {}

const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";
/// The letters that stand for 0–9 in an omocodic code.
const OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";
/// 0-based positions that hold digits, from the right: the order omocodia replaces them.
const DIGIT_POSITIONS: [usize; 7] = [14, 13, 12, 10, 9, 7, 6];
/// Values of the characters in odd (1st, 3rd…) positions, for 0–9 and A–Z alike.
const ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Uppercase, without spaces or separators: the form codes are stored and compared in.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The check character of the first 15 characters (uppercase ASCII alphanumerics).
pub fn check_char(first15: &[u8]) -> char {
    let sum: u32 = first15
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let v = if c.is_ascii_digit() {
                u32::from(c - b'0')
            } else {
                u32::from(c - b'A')
            };
            if i % 2 == 0 { ODD[v as usize] } else { v }
        })
        .sum();
    char::from(b'A' + (sum % 26) as u8)
}

/// A digit position's value, whether it holds a digit or its omocodia letter.
fn digit(c: u8) -> Option<u32> {
    if c.is_ascii_digit() {
        Some(u32::from(c - b'0'))
    } else {
        OMOCODIA.iter().position(|&l| l == c).map(|p| p as u32)
    }
}

/// Checks a code (already normalized or not) and reads what it says.
pub fn parse(s: &str) -> Result<CfInfo, CfError> {
    let cf = normalize(s);
    if cf.is_empty() {
        return Err(CfError::Vuoto);
    }
    if cf.len() == 11 && cf.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CfError::Numerico);
    }
    if cf.len() != 16 {
        return Err(CfError::Lunghezza(cf.len()));
    }
    let b = cf.as_bytes();
    let wrong = |i: usize, atteso| CfError::Carattere {
        posizione: i + 1,
        trovato: char::from(b[i]),
        atteso,
    };
    for i in (0..6).chain([8, 11, 15]) {
        if !b[i].is_ascii_uppercase() {
            return Err(wrong(i, "una lettera"));
        }
    }
    let mut omocodico = false;
    for i in DIGIT_POSITIONS {
        if !b[i].is_ascii_digit() {
            if digit(b[i]).is_none() {
                return Err(wrong(
                    i,
                    "una cifra o una delle lettere L M N P Q R S T U V",
                ));
            }
            omocodico = true;
        }
    }
    let num = |range: std::ops::Range<usize>| {
        range.fold(0, |acc, i| acc * 10 + digit(b[i]).expect("checked"))
    };
    let mese = MONTHS
        .iter()
        .position(|&m| m == b[8])
        .ok_or(CfError::Mese(char::from(b[8])))? as u32
        + 1;
    let raw_day = num(9..11);
    let (giorno, sesso) = if raw_day > 40 {
        (raw_day - 40, Sesso::F)
    } else {
        (raw_day, Sesso::M)
    };
    // Leap years are allowed for February: the century is unknown.
    let days_in_month = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mese as usize - 1];
    if giorno == 0 || giorno > days_in_month {
        return Err(CfError::Giorno(raw_day));
    }
    let atteso = check_char(&b[..15]);
    if char::from(b[15]) != atteso {
        return Err(CfError::Controllo {
            atteso,
            trovato: char::from(b[15]),
        });
    }
    Ok(CfInfo {
        anno: num(6..8),
        mese,
        giorno,
        sesso,
        luogo: format!("{}{:03}", char::from(b[11]), num(12..15)),
        omocodico,
    })
}

/// Where a valid code disagrees with the sex and birth date recorded (DES-02), in Italian.
pub fn disagreements(
    info: &CfInfo,
    sesso: Option<Sesso>,
    nascita: Option<NaiveDate>,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = sesso
        && s != info.sesso
    {
        let nome = |s| {
            if s == Sesso::F {
                "femminile"
            } else {
                "maschile"
            }
        };
        out.push(format!(
            "Il codice fiscale è di sesso {}, l'anagrafica dice {}.",
            nome(info.sesso),
            nome(s)
        ));
    }
    if let Some(d) = nascita
        && (d.year().rem_euclid(100) as u32, d.month(), d.day())
            != (info.anno, info.mese, info.giorno)
    {
        out.push(format!(
            "Il codice fiscale indica la nascita il {:02}/{:02}/..{:02}, l'anagrafica dice {}.",
            info.giorno,
            info.mese,
            info.anno,
            d.format("%d/%m/%Y")
        ));
    }
    out
}

/// Letters of a name, uppercase, accents folded (`D'Angelò` → `DANGELO`).
fn letters(s: &str) -> Vec<u8> {
    s.chars()
        .filter_map(|c| {
            let folded = piega(c);
            folded.is_ascii_uppercase().then_some(folded as u8)
        })
        .collect()
}

/// A character uppercase with its accent folded (`ò` → `O`); others as they are.
pub fn piega(c: char) -> char {
    match c.to_uppercase().next().unwrap_or(c) {
        'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'O',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'Ç' => 'C',
        'Ñ' => 'N',
        'Š' => 'S',
        'Ž' => 'Z',
        c => c,
    }
}

fn is_vowel(c: &u8) -> bool {
    b"AEIOU".contains(c)
}

/// Three letters: consonants, then vowels, then X.
fn three(consonants: Vec<u8>, vowels: Vec<u8>) -> String {
    let mut code: Vec<u8> = consonants.into_iter().chain(vowels).take(3).collect();
    code.resize(3, b'X');
    String::from_utf8(code).expect("ascii")
}

fn split(s: &str) -> (Vec<u8>, Vec<u8>) {
    letters(s).into_iter().partition(|c| !is_vowel(c))
}

/// The regular (non-omocodic) code for a person; `luogo` is the codice catastale.
/// Used to suggest a code and to build demo data; the tax office's code is the authority.
pub fn compute(cognome: &str, nome: &str, sesso: Sesso, nascita: NaiveDate, luogo: &str) -> String {
    let (cc, cv) = split(cognome);
    let (mut nc, nv) = split(nome);
    // A name with four or more consonants takes the 1st, 3rd and 4th.
    if nc.len() >= 4 {
        nc = vec![nc[0], nc[2], nc[3]];
    }
    let day = nascita.day() + if sesso == Sesso::F { 40 } else { 0 };
    let first15 = format!(
        "{}{}{:02}{}{:02}{}",
        three(cc, cv),
        three(nc, nv),
        nascita.year().rem_euclid(100),
        char::from(MONTHS[nascita.month0() as usize]),
        day,
        normalize(luogo),
    );
    let k = check_char(first15.as_bytes());
    format!("{first15}{k}")
}

/// The code with its `level` rightmost digits replaced by letters (level 1–7), as the
/// tax office does for the second, third… person who would get the same code.
pub fn omocode(cf: &str, level: usize) -> String {
    let mut b = normalize(cf).into_bytes();
    assert!(
        b.len() == 16 && level <= DIGIT_POSITIONS.len(),
        "omocode of a 16-character code, level ≤ 7"
    );
    for &i in &DIGIT_POSITIONS[..level] {
        if let Some(d) = digit(b[i]) {
            b[i] = OMOCODIA[d as usize];
        }
    }
    b[15] = check_char(&b[..15]) as u8;
    String::from_utf8(b).expect("ascii")
}

#[cfg(test)]
mod tests;
