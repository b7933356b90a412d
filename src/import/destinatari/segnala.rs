//! The findings of a row: each with the severity the rule table gives it,
//! and the few places where the preview accepts what a rule would block.

use super::*;

pub(super) struct Segnala<'a>(pub &'a mut Vec<Segnalazione>);

/// Why the preview only warns where `RULES` would block: the row is
/// accepted, and the warning says how. Each downgrade is named here, once.
#[derive(Clone, Copy)]
pub(super) enum Deroga {
    /// DES-01 with a forzatura given for the row.
    Forzatura,
    /// DES-03 satisfied by the school's contacts, as the user chose.
    ContattiScuola,
    /// DES-04: "II", "seconda", "2ª" read as 2 (domain.md §4).
    ClasseNormalizzata,
    /// DES-05: the CF matches an existing person, who is used (not duplicated).
    StessaPersona,
}

impl Segnala<'_> {
    /// A finding of `code` with the severity `RULES` gives it; `DATI` (not a
    /// rule: unreadable data) is always an error.
    pub(super) fn errore(
        &mut self,
        code: impl AsRef<str>,
        cella: Option<String>,
        messaggio: String,
    ) {
        let code = code.as_ref();
        let rule = crate::rules::rule(code);
        let severity = match rule.map(|r| r.kind) {
            None | Some(crate::rules::Kind::Errore) => Severity::Errore,
            Some(_) => Severity::Avviso,
        };
        self.push(
            code,
            severity,
            cella,
            messaggio,
            rule.is_some_and(|r| r.forzabile),
        );
    }
    /// A rule that is a warning in `RULES` (DES-02).
    pub(super) fn avviso(
        &mut self,
        code: impl AsRef<str>,
        cella: Option<String>,
        messaggio: String,
    ) {
        let code = code.as_ref();
        debug_assert!(
            crate::rules::rule(code).is_some_and(|r| r.kind != crate::rules::Kind::Errore)
        );
        self.push(code, Severity::Avviso, cella, messaggio, false);
    }
    /// A blocking rule met in an allowed way: a warning, for the reason named.
    pub(super) fn deroga(
        &mut self,
        code: impl AsRef<str>,
        _perche: Deroga,
        cella: Option<String>,
        messaggio: String,
    ) {
        self.push(code.as_ref(), Severity::Avviso, cella, messaggio, false);
    }
    pub(super) fn push(
        &mut self,
        code: impl AsRef<str>,
        severity: Severity,
        cella: Option<String>,
        messaggio: String,
        forzabile: bool,
    ) {
        self.0.push(Segnalazione {
            code: code.as_ref().into(),
            severity,
            cella,
            messaggio,
            forzabile,
        });
    }
}
