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
