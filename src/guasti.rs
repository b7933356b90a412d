//! Fault injection for the crash tests (a process killed in the middle of
//! a write must leave the database as it was). Only debug builds, which the
//! tests run, read the variable; a release build has no such hook.

/// A crash asked for at step `n` of a long write, by an environment variable.
pub struct Guasto(Option<usize>);

impl Guasto {
    /// `SPORTELLO_TEST_ABORT_IMPORT_AFTER=3`: abort before the fourth row is written.
    pub fn da_ambiente(variabile: &str) -> Self {
        if cfg!(debug_assertions) {
            Guasto(std::env::var(variabile).ok().and_then(|v| v.parse().ok()))
        } else {
            let _ = variabile;
            Guasto(None)
        }
    }

    /// Ends the process at once, as a power cut would, when this is the step.
    pub fn al_passo(&self, n: usize) {
        if self.0 == Some(n) {
            std::process::abort();
        }
    }
}
