//! Imports: participants from the schools' spreadsheets into a servizio
//! (`destinatari`), schools from the ministry's registry (`scuole`), and the
//! Excel template Sportello hands out (`modello_excel`). Every import is
//! plan, then apply: the plan is the preview the user confirms, and applying
//! it is one transaction.

pub mod colonne;
pub mod destinatari;
pub mod lettura;
pub mod modello_excel;
pub mod normalizza;
pub mod scuole;
