//! The rules of `domain.md` §4. `RULES` is the one table of codes, kinds and
//! sources; the checks live beside it, one file per aggregate, and every
//! finding is built through `Findings` so its severity comes from the table.
//! Grep a code (`INC-06`) to find its definition, its check and its tests.

pub mod destinatario;
pub mod incontro;
pub mod intervento;
pub mod modello;
pub mod scadenze;
pub mod servizio;

use crate::error::{Error, Finding, RecordRef, Result, Severity};
use serde::Serialize;

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
    pub code: &'static str,
    pub kind: Kind,
    /// May be overridden with a recorded forzatura.
    pub forzabile: bool,
    /// Where it comes from in the seeds.
    pub fonte: &'static str,
    pub descrizione: &'static str,
}

const fn r(code: &'static str, kind: Kind, fonte: &'static str, descrizione: &'static str) -> Rule {
    Rule {
        code,
        kind,
        forzabile: false,
        fonte,
        descrizione,
    }
}

use Kind::{Avviso, Errore, Nota, Scadenza};

pub static RULES: &[Rule] = &[
    r(
        "MOD-01",
        Errore,
        "000 §1",
        "Un modello ha almeno un target destinatari.",
    ),
    r(
        "MOD-02",
        Avviso,
        "000 §1",
        "Un modello con più di un target è insolito.",
    ),
    r("MOD-03", Errore, "000 §1", "Un modello ha almeno una CMS."),
    r(
        "MOD-04",
        Errore,
        "000 §1",
        "Un modello ha almeno un ente coinvolto nel ruolo di destinatario.",
    ),
    r(
        "MOD-05",
        Errore,
        "000 §2",
        "Ogni ente coprogettatore ha una persona di riferimento.",
    ),
    r(
        "MOD-06",
        Errore,
        "000 §2",
        "Ogni servizio esterno ha un ente, un titolo e una durata.",
    ),
    r(
        "INT-01",
        Errore,
        "000 §3",
        "Un intervento senza modello ha referente ed ente coinvolto prima dell'attivazione.",
    ),
    r(
        "INT-02",
        Errore,
        "000 §3, §4",
        "Enti coinvolti e modello si cambiano solo con l'intervento in bozza.",
    ),
    r(
        "INT-03",
        Errore,
        "000 §3",
        "Un servizio si collega a un intervento solo se attivo, e solo alla creazione.",
    ),
    r(
        "INT-04",
        Errore,
        "000 §3",
        "Target, CMS e destinatari dell'intervento derivano dai suoi servizi.",
    ),
    r(
        "INT-05",
        Avviso,
        "000 §6.1",
        "L'ente coinvolto è un istituto principale con plessi o indirizzi: usa il plesso.",
    ),
    r(
        "SER-01",
        Errore,
        "000 §4",
        "La sede è una delle sedi dell'ente attuatore.",
    ),
    r(
        "SER-02",
        Errore,
        "000 intro, catalogo",
        "La durata prevista è nei limiti del catalogo per il percorso.",
    ),
    r(
        "SER-03",
        Errore,
        "000 §4, §9.4",
        "Or.3: il numero famiglie è indicato (0 se solo ragazzi).",
    ),
    r(
        "SER-04",
        Errore,
        "000 §4, §9.3",
        "Un servizio ha target, CMS e, salvo dispersi, un ente coinvolto.",
    ),
    r(
        "SER-05",
        Errore,
        "000 §4",
        "Un servizio sotto un intervento ne eredita gli enti coinvolti.",
    ),
    r(
        "SER-06",
        Avviso,
        "000 §6",
        "Or.8: l'azienda visitata è un ente coinvolto accanto alla scuola.",
    ),
    r(
        "SER-07",
        Errore,
        "000 §6",
        "Colloqui individuali: l'ente coinvolto è la scuola o università frequentata.",
    ),
    r(
        "SER-08",
        Errore,
        "000 §3",
        "Un destinatario non riceve la stessa azione da due enti attuatori nello stesso a.s.",
    ),
    r(
        "SER-09",
        Errore,
        "000 §9.2",
        "OR4-2A/3A e OR5-2A/3A stanno sotto l'intervento dell'azione dell'anno prima.",
    ),
    r(
        "SER-10",
        Avviso,
        "000 §4",
        "Il numero destinatari differisce dagli iscritti.",
    ),
    r(
        "SER-11",
        Scadenza,
        "000 §5",
        "Il servizio si chiude entro 15 giorni dall'ultimo incontro.",
    ),
    r(
        "SER-12",
        Errore,
        "catalogo",
        "Le ore degli incontri chiusi sono nei limiti del catalogo per il percorso.",
    ),
    r(
        "SER-13",
        Errore,
        "000 §5",
        "Un servizio si chiude solo con tutti gli incontri chiusi.",
    ),
    r(
        "SER-14",
        Errore,
        "000 §5",
        "Un servizio chiuso è bloccato; riaprirlo registra chi, quando e perché.",
    ),
    r(
        "INC-01",
        Errore,
        "000 §5",
        "L'ora di fine segue l'ora di inizio; durata = fine − inizio.",
    ),
    r(
        "INC-02",
        Errore,
        "000 §5",
        "I partecipanti sono destinatari del servizio.",
    ),
    r(
        "INC-03",
        Errore,
        "000 §5",
        "È indicato l'orientatore che firma il registro.",
    ),
    r(
        "INC-04",
        Errore,
        "000 §5",
        "È indicato il luogo dell'incontro.",
    ),
    r(
        "INC-05",
        Errore,
        "000 §8",
        "Un incontro si chiude solo con i dati peculiari dei partecipanti completi.",
    ),
    r(
        "INC-06",
        Scadenza,
        "000 §5",
        "Un incontro si inserisce e si chiude entro 15 giorni dalla data.",
    ),
    r(
        "INC-07",
        Avviso,
        "catalogo",
        "La durata dell'incontro è nei limiti del catalogo per incontro.",
    ),
    r(
        "INC-08",
        Errore,
        "registro",
        "Lo stesso orientatore non è in due incontri sovrapposti.",
    ),
    r(
        "INC-09",
        Errore,
        "000 §5",
        "Un incontro chiuso è bloccato; riaprirlo registra chi, quando e perché.",
    ),
    r(
        "GEN-01",
        Errore,
        "—",
        "Un record con incontri chiusi non si cancella.",
    ),
    Rule {
        forzabile: true,
        ..r(
            "DES-01",
            Errore,
            "000 §7",
            "Il codice fiscale è corretto; uno calcolato o fittizio richiede una forzatura.",
        )
    },
    r(
        "DES-02",
        Avviso,
        "000 §7",
        "Il codice fiscale concorda con sesso e data di nascita.",
    ),
    r(
        "DES-03",
        Errore,
        "000 §7",
        "C'è almeno uno tra e-mail e telefono (anche quelli della scuola).",
    ),
    r(
        "DES-04",
        Errore,
        "000 §8",
        "La classe è un numero da 1 a 5.",
    ),
    r(
        "DES-05",
        Errore,
        "—",
        "Lo stesso codice fiscale è un solo destinatario.",
    ),
    r(
        "DES-06",
        Nota,
        "000 §7",
        "La città estera di nascita è facoltativa.",
    ),
    r(
        "DES-07",
        Nota,
        "000 §8",
        "La disabilità è «no» se non indicata.",
    ),
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Collects what the rules say during one operation.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    /// Adds a finding of `code`; its severity and forzabile come from `RULES`.
    pub fn add(
        &mut self,
        code: &'static str,
        record: Option<RecordRef>,
        field: Option<&'static str>,
        message: String,
    ) {
        let rule = rule(code).unwrap_or_else(|| panic!("unknown rule code {code}"));
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

    /// Adds a deadline finding with the severity the deadline computed.
    pub fn deadline(
        &mut self,
        code: &'static str,
        severity: Severity,
        record: RecordRef,
        message: String,
    ) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_of_domain_md_is_in_the_table_once() {
        let domain = include_str!("../../../shared/domain.md");
        let mut in_doc: Vec<&str> = domain
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(' ').next())
            .filter(|c| {
                c.len() == 6
                    && c.as_bytes()[3] == b'-'
                    && c[..3].chars().all(|ch| ch.is_ascii_uppercase())
            })
            .collect();
        in_doc.sort();
        let mut ours: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        ours.sort();
        assert_eq!(in_doc, ours);
    }
}
