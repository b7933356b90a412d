//! The demo year loads on any day: the window offers it on first start, whatever
//! the date (it once failed when two incontri landed on "today" together).

use chrono::{Days, NaiveDate};
use sportello::commands::demo;
use sportello::{Ctx, Source, Store};

#[test]
fn the_demo_fills_an_empty_database_on_any_day_of_the_year() {
    let inizio = NaiveDate::from_ymd_opt(2026, 8, 20).unwrap();
    for n in (0..380).step_by(11) {
        let oggi = inizio + Days::new(n);
        let store = Store::open_in_memory().unwrap();
        let r = demo::fill(&store, &Ctx::new(Source::Demo, oggi))
            .unwrap_or_else(|e| panic!("demo on {oggi}: {e}"));
        assert!(r.servizi > 0 && r.destinatari > 0, "demo on {oggi}: {r:?}");
    }
}

/// On a day of late November the year shows every action of the catalogue
/// (the continuations under the intervento of their first year), work done,
/// due and late, a family evening, a forced codice fiscale and a reopening.
#[test]
fn the_demo_year_shows_every_action_and_every_state() {
    use sportello::commands::{PerId, servizi, storia};
    use sportello::domain::{Modalita, StatoIncontro, StatoServizio};
    use std::collections::BTreeSet;
    let ctx = Ctx::new(Source::Demo, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    let store = Store::open_in_memory().unwrap();
    let r = demo::fill(&store, &ctx).unwrap();
    assert!(
        r.servizi >= 35 && r.incontri >= 100 && (150..=200).contains(&r.destinatari),
        "{r:?}"
    );

    let elenco = servizi::list_servizi(&store, &ctx, Default::default())
        .unwrap()
        .value;
    let codici: BTreeSet<&str> = elenco
        .iter()
        .map(|s| s.dati.codice_azione.as_str())
        .collect();
    let catalogo = [
        "OR1", "OR2", "OR3", "OR4", "OR4-2A", "OR4-3A", "OR5", "OR5-2A", "OR5-3A", "OR6", "OR7",
        "OR8",
    ];
    assert_eq!(
        codici,
        catalogo.into_iter().collect(),
        "every action of the catalogue"
    );
    let stati: BTreeSet<_> = elenco.iter().map(|s| format!("{:?}", s.stato)).collect();
    assert_eq!(
        stati.len(),
        3,
        "in definizione, in corso and chiuso: {stati:?}"
    );
    assert!(
        elenco.iter().any(|s| s.chiuso_in_ritardo),
        "a servizio closed late"
    );
    assert!(
        elenco
            .iter()
            .any(|s| s.dati.numero_famiglie.is_some_and(|f| f > 0)),
        "an OR3 for families"
    );
    for m in [Modalita::Individuale, Modalita::Gruppo] {
        assert!(elenco.iter().any(|s| s.dati.modalita == Some(m)), "{m:?}");
    }
    // OR4-2A and OR4-3A under the intervento of the OR4 (SER-09).
    let intervento = |c: &str| {
        elenco
            .iter()
            .find(|s| s.dati.codice_azione == c)
            .unwrap()
            .dati
            .intervento_id
    };
    assert!(intervento("OR4-3A").is_some());
    assert_eq!(intervento("OR4-3A"), intervento("OR4-2A"));

    let (mut forzati, mut riaperti, mut in_ritardo, mut aperti) = (0, 0, 0, 0);
    for s in &elenco {
        let scheda = servizi::get_servizio(&store, &ctx, PerId { id: s.id })
            .unwrap()
            .value;
        forzati += scheda
            .iscritti
            .iter()
            .filter(|i| i.destinatario.cf_forzato)
            .count();
        for i in &scheda.incontri {
            aperti += usize::from(i.stato == StatoIncontro::Aperto);
            in_ritardo += usize::from(i.chiuso_in_ritardo);
            let voci = storia::storia(&store, &ctx, PerId { id: i.id })
                .unwrap()
                .value;
            riaperti += voci
                .iter()
                .filter(|v| {
                    v.operazione == "reopen_incontro" && v.chi.as_deref() == Some("Elisa Martini")
                })
                .count();
        }
    }
    assert!(
        forzati >= 1,
        "a codice fiscale entered under a forzatura (DES-01)"
    );
    assert_eq!(
        riaperti, 1,
        "one incontro reopened by the coordinatrice (INC-09)"
    );
    assert!(
        in_ritardo >= 1 && aperti >= 5,
        "late: {in_ritardo}, open: {aperti}"
    );
    assert!(elenco.iter().any(|s| s.stato == StatoServizio::Chiuso));
}
