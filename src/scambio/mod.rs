//! The exchange between desks and the regional office (domain.md §7, §8):
//! a desk exports what it recorded into a signed, encrypted file
//! (`formato`, `esporta`); the office merges the files of many desks into
//! one database, plan then apply (`unisci`); a person resolves the conflicts
//! it lists (`conflitti`). Keys in `chiavi`; the SQL in
//! `store::scambio`.

pub mod chiavi;
pub mod conflitti;
pub mod esporta;
pub mod formato;
pub mod unisci;
