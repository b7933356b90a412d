//! Text folded the same way wherever Sportello compares what people typed:
//! search keys, the headers of a school's file, the closed values of a cell.

/// A lowercase vowel without its accent (`è` → `e`); any other character as is.
pub fn senza_accento(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        c => c,
    }
}
