//! The dati peculiari of one row: the classe and sezione, the closed values
//! (titolo di studio, condizioni) recognised or left to a decision asked once
//! for all the rows that hold them, and disabilità.

use super::riga::Lettore;
use super::*;

/// The dati peculiari of the row, each closed value recognised or left to
/// decide; what the file does not say stays empty (the servizio's default).
pub(super) fn leggi_dati_peculiari(l: &Lettore, s: &mut Segnala) -> DatiPeculiari {
    let (classe, sezione) = classe_sezione(l, s);
    DatiPeculiari {
        classe,
        // A column of its own wins over the sezione written with the classe.
        sezione: l
            .testo(Campo::Sezione)
            .map(|t| t.to_uppercase())
            .or(sezione),
        titolo_studio: voce::<TitoloStudio>(l, s, Campo::TitoloStudio),
        condizione_occupazionale: voce::<CondizioneOccupazionale>(
            l,
            s,
            Campo::CondizioneOccupazionale,
        ),
        condizione_abitativa: voce::<CondizioneAbitativa>(l, s, Campo::CondizioneAbitativa),
        disabilita: disabilita(l, s),
        disperso: false,
    }
}

/// The classe (DES-04), read forgivingly ("II", "2ª" are 2, with a warning),
/// and the sezione when written with it ("3B").
fn classe_sezione(l: &Lettore, s: &mut Segnala) -> (Option<u8>, Option<String>) {
    let Some((t, cella)) = l.get(Campo::Classe).or_else(|| l.get(Campo::ClasseSezione)) else {
        return (None, None);
    };
    match normalizza::classe_sezione(t) {
        (Some(c), sezione) => {
            if t.trim() != c.to_string() && sezione.is_none() {
                s.deroga(
                    Code::DES_04,
                    Deroga::ClasseNormalizzata,
                    Some(cella),
                    format!("Classe «{t}» letta come {c}."),
                );
            }
            (Some(c), sezione)
        }
        (None, _) => {
            s.errore(
                Code::DES_04,
                Some(cella),
                format!("Classe «{t}» non valida: deve essere un numero da 1 a 5."),
            );
            (None, None)
        }
    }
}

/// A closed value: recognised, or decided once in the preview for every
/// row that holds it; until then the row is not refused (the field is
/// optional: the servizio's default fills it) but the import waits.
fn voce<V: Vocabolario>(l: &Lettore, s: &mut Segnala, c: Campo) -> Option<V> {
    let (t, cella) = l.get(c)?;
    if let Some(v) = V::parse(t) {
        return Some(v);
    }
    let k = chiave_valore(t);
    if let Some(scelta) = l.scelte.get(&(c, k.clone())) {
        return scelto(s, c, t, cella, scelta.as_deref());
    }
    da_decidere::<V>(l, s, c, t, cella, k);
    None
}

/// The entry the user chose for the value `t`, or none when they chose to
/// leave the field empty; a code that is no entry is an error of the row.
fn scelto<V: Vocabolario>(
    s: &mut Segnala,
    c: Campo,
    t: &str,
    cella: String,
    scelta: Option<&str>,
) -> Option<V> {
    let code = scelta?;
    let v = V::from_code(code);
    if v.is_none() {
        s.errore(
            "DATI",
            Some(cella),
            format!(
                "«{code}» non è un valore di {} per «{t}».",
                c.intestazione()
            ),
        );
    }
    v
}

/// A value nobody decided yet: one question for the preview, counting the
/// rows that hold it, and a warning on this row.
fn da_decidere<V: Vocabolario>(
    l: &Lettore,
    s: &mut Segnala,
    c: Campo,
    t: &str,
    cella: String,
    k: String,
) {
    let mut ignoti = l.ignoti.borrow_mut();
    let d = ignoti.entry((c, k.clone())).or_insert_with(|| DaDecidere {
        campo: c,
        chiave: k,
        intestazione: c.intestazione().to_string(),
        colonna: cella
            .trim_end_matches(|x: char| x.is_ascii_digit())
            .to_string(),
        valore: t.trim().to_string(),
        righe: 0,
        ammessi: V::ALL
            .iter()
            .map(|v| (v.code().to_string(), v.label().to_string()))
            .collect(),
    });
    d.righe += 1;
    s.push(
        "DATI",
        Severity::Avviso,
        Some(cella),
        format!(
            "{} «{t}» non riconosciuto: decidi nell'anteprima che cosa significa.",
            c.intestazione()
        ),
        false,
    );
}

/// Sì or No; empty when not said (the servizio's default, else no: DES-07).
fn disabilita(l: &Lettore, s: &mut Segnala) -> Option<bool> {
    let (t, cella) = l.get(Campo::Disabilita)?;
    let b = normalizza::si_no(t);
    if b.is_none() {
        s.errore(
            "DATI",
            Some(cella),
            format!("Disabilità «{t}» non riconosciuta: scrivi Sì o No."),
        );
    }
    b
}
