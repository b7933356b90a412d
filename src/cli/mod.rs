//! The command line's own parts (the binary in `src/main.rs`).

pub mod accesso;
pub mod italiano;
