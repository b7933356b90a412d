//! The 15-day deadlines (INC-06, SER-11): a warning from day 10, late after
//! day 15 [000 §5]. Closing late is allowed, flagged and counted.

use crate::error::{RecordKind, RecordRef, Result, Severity};
use crate::ids::Id;
use crate::rules::{Code, Findings};
use crate::store::verifica;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

pub const AVVISO_DAL_GIORNO: i64 = 10;
pub const TERMINE_GIORNI: i64 = 15;

/// Days elapsed from `from` to `oggi`.
pub fn giorni(from: NaiveDate, oggi: NaiveDate) -> i64 {
    (oggi - from).num_days()
}

/// What the deadline says `giorni` after the event: nothing, a warning, or late.
pub fn stato(giorni: i64) -> Option<Severity> {
    if giorni > TERMINE_GIORNI {
        Some(Severity::Ritardo)
    } else if giorni >= AVVISO_DAL_GIORNO {
        Some(Severity::Avviso)
    } else {
        None
    }
}

/// Whether closing on `oggi` something dated `from` is late.
pub fn in_ritardo(from: NaiveDate, oggi: NaiveDate) -> bool {
    giorni(from, oggi) > TERMINE_GIORNI
}

/// The deadline date, for messages.
pub fn termine(from: NaiveDate) -> NaiveDate {
    // Saturating: a date at the end of the calendar (stored before limits
    // existed) must not panic the Oggi screen.
    from.checked_add_days(chrono::Days::new(TERMINE_GIORNI as u64))
        .unwrap_or(NaiveDate::MAX)
}

/// A closing on `oggi` of something whose deadline runs from `dal`: whether it
/// is late (once late, always: `gia_tardiva`), and then the INC-06 or SER-11
/// finding, of severity `ritardo`, that says so. `cosa` begins the message
/// ("Incontro chiuso in ritardo: era del").
pub fn chiusura(
    code: Code,
    record: RecordRef,
    dal: Option<NaiveDate>,
    oggi: NaiveDate,
    gia_tardiva: bool,
    cosa: &str,
) -> (bool, Findings) {
    let late = gia_tardiva || dal.is_some_and(|d| in_ritardo(d, oggi));
    let mut f = Findings::default();
    if let (true, Some(dal)) = (late, dal) {
        f.deadline(
            code,
            Severity::Ritardo,
            record,
            format!(
                "{cosa} {}, il termine era il {}. La chiusura è registrata come tardiva.",
                dal.format("%d/%m/%Y"),
                termine(dal).format("%d/%m/%Y")
            ),
        );
    }
    (late, f)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FiltroScadenze {
    #[serde(default)]
    pub ente_attuatore_id: Option<Id>,
    /// List at most this many, the most overdue first (the counts stay whole):
    /// a region's database has thousands, a screen shows a page.
    #[serde(default)]
    pub limite: Option<u32>,
}

/// One thing to close, with how many days have passed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scadenza {
    pub code: Code,
    /// `avviso` from day 10, `ritardo` after day 15.
    pub ritardo: bool,
    pub record: RecordKindId,
    pub servizio_id: Id,
    pub servizio: String,
    pub codice_azione: String,
    /// The incontro's date, or the servizio's last incontro.
    pub data: NaiveDate,
    pub giorni: i64,
    pub termine: NaiveDate,
    pub messaggio: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordKindId {
    pub kind: RecordKind,
    pub id: Id,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scadenze {
    pub voci: Vec<Scadenza>,
    pub incontri_in_scadenza: u32,
    pub incontri_in_ritardo: u32,
    pub servizi_in_scadenza: u32,
    pub servizi_in_ritardo: u32,
    /// Due but left out of `voci` by the `limite`.
    pub non_elencate: u32,
}

/// Open incontri from day 10 on (INC-06); servizi whose incontri reach the
/// planned hours, still open from day 10 after the last one (SER-11). A
/// servizio whose incontri do not yet add up to its durata prevista is not
/// due: more incontri are planned.
pub fn elenco(conn: &Connection, oggi: NaiveDate, f: &FiltroScadenze) -> Result<Scadenze> {
    let cutoff = oggi
        .checked_sub_days(chrono::Days::new(AVVISO_DAL_GIORNO as u64))
        .unwrap_or(NaiveDate::MIN);
    let mut out = Scadenze::default();
    for i in verifica::incontri_aperti(conn, cutoff, f.ente_attuatore_id)? {
        out.conta(voce(
            Code::INC_06,
            RecordKind::Incontro,
            i,
            oggi,
            messaggio_incontro,
        ));
    }
    for s in verifica::servizi_da_chiudere(conn, cutoff, f.ente_attuatore_id, oggi)? {
        out.conta(voce(
            Code::SER_11,
            RecordKind::Servizio,
            s,
            oggi,
            messaggio_servizio,
        ));
    }
    if let Some(n) = f.limite.map(|n| n as usize).filter(|n| *n < out.voci.len()) {
        out.voci.sort_by_key(|v| std::cmp::Reverse(v.giorni));
        out.non_elencate = (out.voci.len() - n) as u32;
        out.voci.truncate(n);
    }
    Ok(out)
}

impl Scadenze {
    fn conta(&mut self, v: Scadenza) {
        let n = match (v.record.kind, v.ritardo) {
            (RecordKind::Incontro, true) => &mut self.incontri_in_ritardo,
            (RecordKind::Incontro, false) => &mut self.incontri_in_scadenza,
            (_, true) => &mut self.servizi_in_ritardo,
            (_, false) => &mut self.servizi_in_scadenza,
        };
        *n += 1;
        self.voci.push(v);
    }
}

/// An incontro or servizio due from day 10 (INC-06, SER-11), late after day 15.
fn voce(
    code: Code,
    kind: RecordKind,
    r: verifica::DaChiudere,
    oggi: NaiveDate,
    messaggio: fn(&verifica::DaChiudere, i64, bool) -> String,
) -> Scadenza {
    let g = giorni(r.data, oggi);
    // Short of its durata, with nothing open or planned: only a reminder, since
    // more incontri may still come; if none does, the deadline is already running.
    let ritardo = !r.breve && stato(g) == Some(Severity::Ritardo);
    Scadenza {
        code,
        ritardo,
        messaggio: messaggio(&r, g, ritardo),
        record: RecordKindId { kind, id: r.id },
        servizio_id: r.servizio_id,
        servizio: r.titolo,
        codice_azione: r.codice_azione,
        data: r.data,
        giorni: g,
        termine: termine(r.data),
    }
}

fn messaggio_incontro(i: &verifica::DaChiudere, g: i64, ritardo: bool) -> String {
    let (data, titolo) = (i.data.format("%d/%m/%Y"), &i.titolo);
    if ritardo {
        let ritardo = n_giorni(g - TERMINE_GIORNI);
        return format!("Incontro del {data} di «{titolo}» non chiuso: in ritardo di {ritardo}.");
    }
    let rimasti = match TERMINE_GIORNI - g {
        0 => "scade oggi".to_string(),
        1 => "1 giorno rimasto".to_string(),
        n => format!("{n} giorni rimasti"),
    };
    let entro = termine(i.data).format("%d/%m/%Y");
    format!("Incontro del {data} di «{titolo}» da chiudere entro il {entro} ({rimasti}).")
}

/// Only a reminder while the servizio is short of its durata prevista.
fn messaggio_servizio(s: &verifica::DaChiudere, g: i64, ritardo: bool) -> String {
    let (data, titolo) = (s.data.format("%d/%m/%Y"), &s.titolo);
    let entro = termine(s.data).format("%d/%m/%Y");
    if s.breve {
        format!(
            "Servizio «{titolo}» sotto la durata prevista, senza incontri aperti o futuri: se quello del {data} \
             era l'ultimo incontro, va chiuso entro il {entro}."
        )
    } else if ritardo {
        let ritardo = n_giorni(g - TERMINE_GIORNI);
        format!(
            "Servizio «{titolo}» non chiuso: l'ultimo incontro è del {data}, in ritardo di {ritardo}."
        )
    } else {
        format!("Servizio «{titolo}» da chiudere entro il {entro}.")
    }
}

/// "1 giorno", "3 giorni".
fn n_giorni(n: i64) -> String {
    if n == 1 {
        "1 giorno".into()
    } else {
        format!("{n} giorni")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_9_nothing_day_10_warning_day_15_still_in_time_day_16_late() {
        assert_eq!(stato(9), None);
        assert_eq!(stato(10), Some(Severity::Avviso));
        assert_eq!(stato(15), Some(Severity::Avviso));
        assert_eq!(stato(16), Some(Severity::Ritardo));
    }
}
