//! The progress of a long command (a class list's import, a batch of
//! registers) on the terminal: the same `Avanzamento` events the window's
//! progress bar gets, drawn by indicatif on stderr when it is a terminal, and
//! nothing at all when stderr is piped or the output is JSON, so that what a
//! script reads is never mixed with counters.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sportello::import::destinatari::Avanzamento;

pub struct Barra(ProgressBar);

impl Barra {
    /// A bar drawn only when `visibile` and stderr is a terminal (indicatif
    /// hides it otherwise).
    pub fn nuova(visibile: bool) -> Barra {
        let dove = if visibile {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, dove);
        // Numbers and a bar only: no English units from the library.
        let stile = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(stile);
        Barra(bar)
    }

    /// One event of the operation.
    pub fn segna(&self, a: Avanzamento) {
        self.0.set_length(a.totale as u64);
        self.0.set_message(a.fase);
        self.0.set_position(a.fatto as u64);
    }
}

impl Drop for Barra {
    /// Gone from the terminal once the command has its answer to print.
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
