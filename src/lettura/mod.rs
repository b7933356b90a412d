//! Reading signed paper registers back from a scanner (issue #13). A page is
//! a grey image (`immagine`: a scanner's PDF, PNG, JPEG, TIFF); its QR code
//! says which register and page it is (`codice`); the code's corners give a
//! rough map of the sheet, the four corner marks an exact one
//! (`segni`, `trasformazione`); the register is laid out again as it was
//! printed (`registri`: only when the page's code is still the code that page
//! would carry, boxes' fingerprint included), and the ink in each
//! participant's box, away from its border and from a neighbour's spill,
//! makes a proposal with a confidence (`caselle`). The plan (`piano`) says
//! every page and every box; nothing is written until it is applied
//! (`commands::lettura`), and then only confident proposals on open incontri.

mod acquisite;
mod caselle;
mod codice;
mod immagine;
mod multipagina;
mod pagina;
mod piano;
mod registri;
mod ritagli;
mod segni;
mod trasformazione;

pub use acquisite::{Acquisita, Acquisite};
pub use caselle::{ASSENTE_SOTTO, FIDUCIA_MINIMA, PRESENTE_SOPRA};
pub use piano::{
    Decisione, FirmaLetta, Lettura, Opzioni, PaginaLetta, PianoLettura, StatoPagina, pianifica,
};
