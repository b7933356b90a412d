//! Who is acting, from where, and on which day. "Today" is injected so the
//! 15-day deadlines (INC-06, SER-11) can be tested on fixed dates.

use crate::ids::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a write came from; kept with each record and in the change log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Ui,
    Cli,
    Import,
    Merge,
    Demo,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Ui => "ui",
            Source::Cli => "cli",
            Source::Import => "import",
            Source::Merge => "merge",
            Source::Demo => "demo",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Ctx {
    /// The orientatore acting, when known.
    pub actor: Option<Id>,
    pub source: Source,
    pub oggi: NaiveDate,
    /// Set by the caller to stop a long operation (a batch print) between
    /// two steps; nothing is written that is not whole.
    pub annulla: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Ctx {
    pub fn new(source: Source, oggi: NaiveDate) -> Self {
        Ctx {
            actor: None,
            source,
            oggi,
            annulla: None,
        }
    }

    /// Today by the machine's clock.
    pub fn today(source: Source) -> Self {
        Self::new(source, chrono::Local::now().date_naive())
    }

    pub fn with_actor(mut self, actor: Option<Id>) -> Self {
        self.actor = actor;
        self
    }

    pub fn with_annulla(mut self, flag: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Self {
        self.annulla = Some(flag);
        self
    }

    /// Whether the caller asked to stop.
    pub fn annullato(&self) -> bool {
        self.annulla
            .as_ref()
            .is_some_and(|f| f.load(std::sync::atomic::Ordering::Relaxed))
    }
}
