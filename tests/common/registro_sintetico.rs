//! A register made up in memory, with no database: for the layout tests
//! (tests/registro.rs) and the registers' benchmark (benches/registri.rs,
//! which includes this file by its path).

use chrono::{NaiveDate, NaiveTime};
use sportello::Id;
use sportello::registro::{DatiRegistro, IncontroReg, Partecipante};

/// Register `numero` of servizio `n` with `partecipanti` people, named by
/// `persona` (surname, name), all present at each of `incontri` weekly incontri.
pub fn registro(
    numero: &str,
    n: u128,
    partecipanti: usize,
    incontri: usize,
    persona: impl Fn(usize) -> (String, String),
) -> DatiRegistro {
    let partecipanti: Vec<Partecipante> = (0..partecipanti)
        .map(|i| {
            let (cognome, nome) = persona(i);
            Partecipante {
                id: Id::from_u128(n * 1_000_000 + i as u128 + 1),
                cognome,
                nome,
                classe_sezione: "3A".into(),
            }
        })
        .collect();
    let incontri = (0..incontri)
        .map(|k| IncontroReg {
            id: Id::from_u128(n * 1_000_000 + 500_000 + k as u128),
            data: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                + chrono::Duration::days(k as i64 * 7),
            inizio: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            fine: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            durata_minuti: 120,
            luogo: "Istituto di Istruzione Superiore Pinco Pallino – Via Roma 1, Biella".into(),
            orientatore: "Paola Rossi".into(),
            famiglie: Some(3),
            presenze: partecipanti.iter().map(|p| (p.id, true)).collect(),
        })
        .collect();
    DatiRegistro {
        numero: numero.into(),
        servizio_id: Id::from_u128(n),
        ente_attuatore: "Centro di Formazione Professionale Esempio con un nome molto lungo".into(),
        sede: "Sede".into(),
        territorio: "Biella".into(),
        codice_azione: "OR3".into(),
        nome_azione: "Seminario di informazione orientativa di gruppo".into(),
        famiglie: true,
        titolo: "Seminario".into(),
        intervento: Some("Intervento".into()),
        ente_coinvolto: Some("Scuola (BIMM80001B)".into()),
        anno_scolastico: "2025/26".into(),
        classe_sezione: Some("3A".into()),
        incontri,
        partecipanti,
    }
}
