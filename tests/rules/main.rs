//! One test that makes each rule of `domain.md` §4 fire and one that shows it
//! passing, named `<code>_fires` and `<code>_passes` (`mod_01_fires`…);
//! `coverage` checks that none is missing. Notes (DES-06, DES-07) have `<code>_applies`.

#[path = "../common/mod.rs"]
mod common;

mod coverage;
mod destinatario;
mod incontro;
mod intervento;
mod modello;
mod scadenze;
mod servizio;
