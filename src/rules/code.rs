//! The 51 rule codes of `domain.md` §4 as a closed type: a typo in a code does
//! not compile, and the UI's bindings get the same list as a string union.

use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($variant:ident = $text:literal),* $(,)?) => {
        /// One rule code; serialized as written in the rule book (`INC-06`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[allow(non_camel_case_types)]
        pub enum Code {
            $(#[serde(rename = $text)] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the rule book.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }

            pub fn parse(text: &str) -> Option<Code> {
                match text {
                    $($text => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    // In the order of domain.md §4 and of `RULES`.
    MOD_01 = "MOD-01", MOD_02 = "MOD-02", MOD_03 = "MOD-03", MOD_04 = "MOD-04",
    MOD_05 = "MOD-05", MOD_06 = "MOD-06", INT_01 = "INT-01", INT_02 = "INT-02",
    INT_03 = "INT-03", INT_06 = "INT-06", INT_04 = "INT-04", INT_05 = "INT-05",
    SER_01 = "SER-01", SER_02 = "SER-02", SER_03 = "SER-03", SER_04 = "SER-04",
    SER_15 = "SER-15", SER_05 = "SER-05", SER_06 = "SER-06", SER_07 = "SER-07",
    SER_08 = "SER-08", SER_09 = "SER-09", SER_10 = "SER-10", SER_11 = "SER-11",
    SER_12 = "SER-12", SER_13 = "SER-13", SER_16 = "SER-16", SER_17 = "SER-17",
    SER_18 = "SER-18", SER_19 = "SER-19", INC_01 = "INC-01", INC_02 = "INC-02",
    INC_03 = "INC-03", INC_04 = "INC-04", INC_05 = "INC-05", INC_06 = "INC-06",
    INC_07 = "INC-07", INC_08 = "INC-08", INC_09 = "INC-09", INC_10 = "INC-10",
    INC_11 = "INC-11", INC_12 = "INC-12", SER_14 = "SER-14", GEN_01 = "GEN-01",
    DES_01 = "DES-01", DES_02 = "DES-02", DES_03 = "DES-03", DES_04 = "DES-04",
    DES_05 = "DES-05", DES_06 = "DES-06", DES_07 = "DES-07",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and callers holding a code as text compare it directly.
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
