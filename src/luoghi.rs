//! Places of birth and their codici catastali (Belfiore): every Italian
//! comune, past and present, and the foreign states (`Z…`), from the ISTAT
//! lists in `data/belfiore/` (see `FONTE.md` there). DES-02 compares the
//! place code inside a codice fiscale with the place of birth written in the
//! anagrafica; the import tells a foreign state from a comune.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One validity period of a place under one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Luogo {
    pub codice: &'static str,
    pub nome: &'static str,
    /// The province's sigla; `EE` for a foreign state.
    pub provincia: &'static str,
    pub dal: Option<NaiveDate>,
    pub al: Option<NaiveDate>,
}

impl Luogo {
    pub fn estero(&self) -> bool {
        self.codice.starts_with('Z')
    }

    fn valido_il(&self, giorno: NaiveDate) -> bool {
        self.dal.is_none_or(|d| d <= giorno) && self.al.is_none_or(|a| giorno <= a)
    }

    /// "Torino (TO)", "Romania".
    pub fn descrizione(&self) -> String {
        if self.estero() {
            self.nome.to_string()
        } else {
            format!("{} ({})", self.nome, self.provincia)
        }
    }
}

struct Elenco {
    luoghi: Vec<Luogo>,
    per_codice: HashMap<&'static str, Vec<usize>>,
    per_nome: HashMap<String, Vec<usize>>,
}

static COMUNI: &str = include_str!("../data/belfiore/comuni.tsv");
static STATI: &str = include_str!("../data/belfiore/stati.tsv");

fn elenco() -> &'static Elenco {
    static E: OnceLock<Elenco> = OnceLock::new();
    E.get_or_init(|| {
        let mut e = Elenco {
            luoghi: Vec::with_capacity(20_000),
            per_codice: HashMap::new(),
            per_nome: HashMap::new(),
        };
        for riga in COMUNI.lines().chain(STATI.lines()) {
            let c: Vec<&'static str> = riga.split('\t').collect();
            let [codice, nome, altro, provincia, dal, al] = c[..] else {
                continue;
            };
            if codice == "codice" {
                continue; // a header
            }
            let i = e.luoghi.len();
            e.luoghi.push(Luogo {
                codice,
                nome,
                provincia,
                dal: NaiveDate::parse_from_str(dal, "%Y-%m-%d").ok(),
                al: NaiveDate::parse_from_str(al, "%Y-%m-%d").ok(),
            });
            e.per_codice.entry(codice).or_default().push(i);
            for n in [nome, altro].into_iter().filter(|n| !n.is_empty()) {
                let v = e.per_nome.entry(chiave(n)).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        e
    })
}

/// A name reduced to its letters and digits, uppercase, accents folded:
/// "Sant'Angelo  Lodigiano" and "SANT ANGELO LODIGIANO" meet.
fn chiave(nome: &str) -> String {
    nome.chars()
        .map(crate::codice_fiscale::piega)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// "Torino (TO)" → ("Torino", Some("TO")).
fn con_provincia(testo: &str) -> (&str, Option<&str>) {
    let t = testo.trim();
    if let Some(aperta) = t.rfind('(')
        && t.ends_with(')')
    {
        let sigla = t[aperta + 1..t.len() - 1].trim();
        if sigla.len() == 2 && sigla.chars().all(|c| c.is_ascii_alphabetic()) {
            return (t[..aperta].trim(), Some(sigla));
        }
    }
    (t, None)
}

/// The places a name may mean on a given day: comuni (`estero` false) or
/// foreign states (`estero` true). A name valid on that day is preferred; if
/// none is, every period of that name (the dates in the lists are the
/// administrative ones, births are recorded loosely).
pub fn cerca(testo: &str, estero: bool, giorno: NaiveDate) -> Vec<&'static Luogo> {
    let e = elenco();
    let (nome, sigla) = con_provincia(testo);
    let Some(idx) = e.per_nome.get(&chiave(nome)) else {
        return Vec::new();
    };
    let tutti: Vec<&Luogo> = idx
        .iter()
        .map(|&i| &e.luoghi[i])
        .filter(|l| l.estero() == estero)
        .filter(|l| sigla.is_none_or(|s| estero || l.provincia.eq_ignore_ascii_case(s)))
        .collect();
    let validi: Vec<&Luogo> = tutti
        .iter()
        .copied()
        .filter(|l| l.valido_il(giorno))
        .collect();
    if validi.is_empty() { tutti } else { validi }
}

/// Places whose name starts with `testo` (accents, case and spacing folded),
/// for typing a place of birth: comuni, foreign states or both (`estero`
/// None); each code once, in its period valid on `giorno` if it has one; the
/// exact name first, then the places valid that day, then by name. Fewer than
/// two letters suggest nothing.
pub fn suggerisci(
    testo: &str,
    estero: Option<bool>,
    giorno: NaiveDate,
    limite: usize,
) -> Vec<&'static Luogo> {
    let e = elenco();
    let (nome, sigla) = con_provincia(testo);
    let k = chiave(nome);
    if k.len() < 2 {
        return Vec::new();
    }
    let mut per_codice: HashMap<&str, &Luogo> = HashMap::new();
    for (nome_k, idx) in &e.per_nome {
        if !nome_k.starts_with(&k) {
            continue;
        }
        for l in idx.iter().map(|&i| &e.luoghi[i]) {
            if estero.is_some_and(|x| x != l.estero())
                || sigla.is_some_and(|s| !l.estero() && !l.provincia.eq_ignore_ascii_case(s))
            {
                continue;
            }
            let tieni = per_codice.get(l.codice).is_none_or(|prima| {
                !prima.valido_il(giorno) && (l.valido_il(giorno) || l.al > prima.al)
            });
            if tieni {
                per_codice.insert(l.codice, l);
            }
        }
    }
    let mut v: Vec<&Luogo> = per_codice.into_values().collect();
    v.sort_by_key(|l| {
        (
            chiave(l.nome) != k,
            !l.valido_il(giorno),
            l.nome.len(),
            l.nome,
            l.codice,
        )
    });
    v.truncate(limite);
    v
}

/// The place a code names (its latest period), if the lists know it.
pub fn per_codice(codice: &str) -> Option<&'static Luogo> {
    let e = elenco();
    e.per_codice
        .get(codice)
        .and_then(|v| v.last())
        .map(|&i| &e.luoghi[i])
}

/// Whether a name is a foreign state's and not an Italian comune's: "Romania"
/// written as "luogo di nascita" is the state.
pub fn e_stato_estero(testo: &str, giorno: NaiveDate) -> bool {
    !cerca(testo, true, giorno).is_empty() && cerca(testo, false, giorno).is_empty()
}

fn pieno(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// DES-02 on the place: the CF's place code against the comune or state of
/// birth. Nothing is said when the anagrafica names no place, or a place the
/// lists do not know (a spelling we cannot judge).
pub fn disaccordo(
    codice_cf: &str,
    comune: Option<&str>,
    stato_estero: Option<&str>,
    nascita: NaiveDate,
) -> Option<String> {
    let (scritto, candidati) = match (pieno(stato_estero), pieno(comune)) {
        (Some(s), _) => (s, cerca(s, true, nascita)),
        // A state written where the comune goes is still a state.
        (None, Some(c)) if e_stato_estero(c, nascita) => (c, cerca(c, true, nascita)),
        (None, Some(c)) => (c, cerca(c, false, nascita)),
        (None, None) => return None,
    };
    if candidati.is_empty() || candidati.iter().any(|l| l.codice == codice_cf) {
        return None;
    }
    let nel_cf = per_codice(codice_cf).map_or_else(
        || format!("un codice di luogo sconosciuto ({codice_cf})"),
        |l| format!("{} ({codice_cf})", l.descrizione()),
    );
    Some(format!(
        "Il codice fiscale indica la nascita a {nel_cf}, l'anagrafica dice {scritto} ({}).",
        candidati[0].codice
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn comuni_and_states_by_name_on_a_day() {
        let oggi = d("2010-05-04");
        assert_eq!(cerca("Torino", false, oggi)[0].codice, "L219");
        assert_eq!(cerca("torino (TO)", false, oggi)[0].codice, "L219");
        assert_eq!(cerca("ROMANIA", true, oggi)[0].codice, "Z129");
        assert!(cerca("Romania", false, oggi).is_empty());
        assert!(e_stato_estero("Romania", oggi));
        assert!(!e_stato_estero("Torino", oggi));
        // Bilingual names: either half.
        assert_eq!(cerca("Bozen", false, oggi)[0].codice, "A952");
        // A renamed comune keeps its code: Abano became Abano Terme in 1924.
        assert_eq!(cerca("Abano Terme", false, oggi)[0].codice, "A001");
    }

    #[test]
    fn places_are_suggested_as_they_are_typed() {
        let oggi = d("2026-12-03");
        let torin: Vec<_> = suggerisci("torin", Some(false), oggi, 5)
            .iter()
            .map(|l| l.codice)
            .collect();
        assert_eq!(torin[0], "L219", "{torin:?}");
        assert_eq!(suggerisci("Roma", None, oggi, 1)[0].codice, "H501");
        assert_eq!(suggerisci("Roman", Some(true), oggi, 3)[0].codice, "Z129");
        assert!(suggerisci("r", None, oggi, 5).is_empty());
        assert_eq!(
            suggerisci("Sant'Angelo Lod", Some(false), oggi, 5)[0].nome,
            "Sant'Angelo Lodigiano"
        );
        assert!(
            suggerisci("Torino (MI)", Some(false), oggi, 5)
                .iter()
                .all(|l| l.provincia == "MI")
        );
    }

    #[test]
    fn the_cf_place_must_agree_with_the_place_of_birth() {
        let nascita = d("2011-03-02");
        assert_eq!(disaccordo("L219", Some("Torino"), None, nascita), None);
        assert_eq!(disaccordo("Z129", None, Some("Romania"), nascita), None);
        assert_eq!(disaccordo("Z129", Some("Romania"), None, nascita), None);
        let m = disaccordo("F205", Some("Torino"), None, nascita).unwrap();
        assert!(
            m.contains("Milano (MI) (F205)") && m.contains("Torino (L219)"),
            "{m}"
        );
        let m = disaccordo("L219", None, Some("Romania"), nascita).unwrap();
        assert!(m.contains("Torino") && m.contains("Romania"), "{m}");
        // A place the lists do not know, or none: nothing to say.
        assert_eq!(
            disaccordo("L219", Some("Torinò di Sopra"), None, nascita),
            None
        );
        assert_eq!(disaccordo("L219", None, None, nascita), None);
    }
}
