//! Closed vocabularies: a stable code (stored, exported, sent to the window)
//! and its Italian label (shown, printed), declared once with `vocabolario!`.
//! The window's labels are generated from here (`etichette.ts`), and imports
//! read what schools write through `Vocabolario::parse`.

/// One closed vocabulary: a stable code (stored, exported) and its Italian label (shown).
pub trait Vocabolario: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// Matches what schools write (imports): a code or a label, ignoring case
    /// and spaces; else, forgivingly, the one label that the text begins
    /// (`Nessun disagio`, `Licenza media`), or the one label holding all its
    /// words (`Laurea`, `ISCED 2`), with -o/-a endings alike (`Disoccupata`).
    /// Two labels that fit equally are no match: the import then asks.
    fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        if let Some(v) = Self::ALL
            .iter()
            .copied()
            .find(|v| v.code().eq_ignore_ascii_case(t) || v.label().eq_ignore_ascii_case(t))
        {
            return Some(v);
        }
        let cercate = parole(t);
        if cercate.is_empty() {
            return None;
        }
        let unico = |adatta: &dyn Fn(&[String]) -> bool| {
            let mut trovati = Self::ALL
                .iter()
                .copied()
                .filter(|v| adatta(&parole(v.label())));
            match (trovati.next(), trovati.next()) {
                (Some(v), None) => Some(v),
                _ => None,
            }
        };
        unico(&|l| l.starts_with(&cercate))
            .or_else(|| unico(&|l| cercate.iter().all(|p| l.contains(p))))
    }
}

/// The words of a label or a cell, lowercase, accents and punctuation gone,
/// a final -o/-a/-e/-i of longer words dropped so genders and numbers meet.
fn parole(testo: &str) -> Vec<String> {
    testo
        .to_lowercase()
        .chars()
        .map(|c| match crate::testo::senza_accento(c) {
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect::<String>()
        .split_whitespace()
        .map(|w| {
            let n = w.chars().count();
            if n > 4 && w.ends_with(['a', 'e', 'i', 'o']) {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// A closed vocabulary: the enum (serialized as its codes, exported to
/// TypeScript) and its `Vocabolario` impl, from one list of
/// `Variant = "code", "Label";`.
macro_rules! vocabolario {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $code)] $variant,)+ }

        impl $crate::domain::Vocabolario for $name {
            const ALL: &'static [Self] = &[$(Self::$variant,)+];
            fn code(self) -> &'static str { match self { $(Self::$variant => $code,)+ } }
            fn label(self) -> &'static str { match self { $(Self::$variant => $label,)+ } }
        }
    };
}
pub(crate) use vocabolario;
