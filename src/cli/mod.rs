//! The command line's own parts (the binary in `src/main.rs`).

pub mod italiano;
