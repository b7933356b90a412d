//! The rules of `domain.md` §4. `RULES` (`tabella.rs`) is the one table of
//! codes, kinds and sources; this file holds its row type, the lookups, and
//! `Findings`, through which every finding is built so its severity comes from
//! the table. The checks live beside it, one file per aggregate. Grep a code
//! (`INC-06`) to find its definition, its check and its tests.

pub mod code;
pub mod destinatario;
pub mod incontro;
pub mod intervento;
pub mod modello;
pub mod scadenze;
pub mod servizio;
mod tabella;
pub mod verifica;

use crate::error::{Error, Finding, RecordRef, Result, Severity};
pub use code::Code;
use serde::Serialize;
pub use tabella::RULES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Errore,
    Avviso,
    /// A deadline: a warning from day 10, late after day 15.
    Scadenza,
    /// A stated default, not a check (DES-06, DES-07).
    Nota,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rule {
    pub code: Code,
    pub kind: Kind,
    /// May be overridden with a recorded forzatura.
    pub forzabile: bool,
    /// Where it comes from in the seeds.
    pub fonte: &'static str,
    /// When Sportello checks it (which operations, and `check`).
    pub quando: &'static str,
    pub descrizione: &'static str,
}

/// A row of `RULES`; the few forzabile ones say so (`Rule { forzabile: true, ..r(…) }`).
const fn r(
    code: Code,
    kind: Kind,
    fonte: &'static str,
    quando: &'static str,
    descrizione: &'static str,
) -> Rule {
    Rule {
        code,
        kind,
        forzabile: false,
        fonte,
        quando,
        descrizione,
    }
}

/// The row of a code written as text (`INC-06`), if it is one.
pub fn rule(code: &str) -> Option<&'static Rule> {
    Code::parse(code).map(rule_of)
}

/// The row of a code: `RULES` holds one per code, in `Code::ALL`'s order
/// (a test in `tabella.rs` keeps both in step).
pub fn rule_of(code: Code) -> &'static Rule {
    &RULES[code as usize]
}

/// Collects what the rules say during one operation.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    /// Adds a finding of `code`; its severity and forzabile come from `RULES`.
    pub fn add(
        &mut self,
        code: Code,
        record: Option<RecordRef>,
        field: Option<&'static str>,
        message: String,
    ) {
        let rule = rule_of(code);
        let severity = match rule.kind {
            Kind::Errore => Severity::Errore,
            Kind::Avviso | Kind::Scadenza | Kind::Nota => Severity::Avviso,
        };
        self.0.push(Finding {
            code,
            severity,
            message,
            record,
            field,
            forzabile: rule.forzabile,
        });
    }

    /// Adds a finding on a catalogue bound (SER-12, SER-19): an error by the
    /// table, but only a warning while the catalogue marks the bound
    /// provisional — nobody has confirmed it, so it must not block a closing.
    pub fn add_bound(
        &mut self,
        code: Code,
        provvisorio: bool,
        record: Option<RecordRef>,
        field: Option<&'static str>,
        message: String,
    ) {
        if provvisorio {
            self.add(
                code,
                record,
                field,
                format!("{message} (Limite provvisorio del catalogo: solo un avviso.)"),
            );
            if let Some(last) = self.0.last_mut() {
                last.severity = Severity::Avviso;
            }
        } else {
            self.add(code, record, field, message);
        }
    }

    /// Adds a deadline finding with the severity the deadline computed.
    pub fn deadline(&mut self, code: Code, severity: Severity, record: RecordRef, message: String) {
        self.0.push(Finding {
            code,
            severity,
            message,
            record: Some(record),
            field: None,
            forzabile: false,
        });
    }

    pub fn extend(&mut self, other: Findings) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Errore)
    }

    /// Err with every blocking finding when there is one; otherwise the warnings.
    pub fn into_result(self) -> Result<Vec<Finding>> {
        if self.has_errors() {
            Err(Error::Regole {
                findings: self
                    .0
                    .into_iter()
                    .filter(|f| f.severity == Severity::Errore)
                    .collect(),
            })
        } else {
            Ok(self.0)
        }
    }

    /// Only blocking findings are an error; warnings are dropped (for checks that must pass first).
    pub fn errors_only(self) -> Result<()> {
        self.into_result().map(|_| ())
    }
}

/// "Who" of a reopening or a forzatura (INC-09, SER-14, DES-01): a known,
/// active user of this database who is a coordinatore (the seed gives the
/// authority to "sbloccare" to the helpdesk, at a desk its coordinatore);
/// refused under `code` otherwise.
pub fn utente_noto(
    conn: &rusqlite::Connection,
    ctx: &crate::context::Ctx,
    code: Code,
    record: Option<RecordRef>,
) -> Result<crate::domain::Utente> {
    use crate::domain::Permesso;
    let mut f = Findings::default();
    let problem = match ctx.actor {
        None => "nessun utente ha fatto l'accesso".to_string(),
        Some(id) => match crate::store::utenti::get(conn, id) {
            Ok(u) if u.dati.attivo && u.dati.ruolo.puo(Permesso::Coordinare) => return Ok(u),
            Ok(u) if u.dati.attivo => format!("{} è {}", u.dati.nome, u.dati.ruolo.as_str()),
            Ok(u) => format!("l'utente {} è disattivato", u.dati.nome),
            Err(_) => format!("l'utente {id} non è tra gli utenti di questo database"),
        },
    };
    f.add(
        code,
        record,
        None,
        format!(
            "Questa azione registra chi la compie e spetta a un coordinatore, ma {problem}: \
             chiedi a un coordinatore di farla con il suo accesso."
        ),
    );
    Err(Error::Regole { findings: f.0 })
}

/// The rule book, as `docs/regole.md` holds it.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Le regole\n\nGenerated from `src/rules/tabella.rs` (`RULES`); a test keeps this file in step \
         (`UPDATE_DOCS=1 cargo test --test rules` rewrites it). One row per code of `domain.md` §4, \
         with the seed section it comes from; grep a code to find its check and its tests.\n\n\
         | codice | tipo | forzabile | quando | fonte | regola |\n|---|---|---|---|---|---|\n",
    );
    for r in RULES {
        let tipo = match r.kind {
            Kind::Errore => "errore",
            Kind::Avviso => "avviso",
            Kind::Scadenza => "scadenza",
            Kind::Nota => "nota",
        };
        out.push_str(&format!(
            "| {} | {tipo} | {} | {} | {} | {} |\n",
            r.code,
            if r.forzabile { "sì" } else { "" },
            r.quando,
            r.fonte,
            r.descrizione
        ));
    }
    out
}
