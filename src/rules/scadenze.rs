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
        let v = voce_incontro(i, oggi);
        if v.ritardo {
            out.incontri_in_ritardo += 1
        } else {
            out.incontri_in_scadenza += 1
        }
        out.voci.push(v);
    }
    for s in verifica::servizi_da_chiudere(conn, cutoff, f.ente_attuatore_id, oggi)? {
        let v = voce_servizio(s, oggi);
        if v.ritardo {
            out.servizi_in_ritardo += 1
        } else {
            out.servizi_in_scadenza += 1
        }
        out.voci.push(v);
    }
    if let Some(n) = f.limite.map(|n| n as usize).filter(|n| *n < out.voci.len()) {
        out.voci.sort_by_key(|v| std::cmp::Reverse(v.giorni));
        out.non_elencate = (out.voci.len() - n) as u32;
        out.voci.truncate(n);
    }
    Ok(out)
}

/// INC-06: an open incontro, from day 10 after its date.
fn voce_incontro(i: verifica::IncontroAperto, oggi: NaiveDate) -> Scadenza {
    let g = giorni(i.data, oggi);
    let ritardo = stato(g) == Some(Severity::Ritardo);
    let titolo = &i.titolo;
    let messaggio = if ritardo {
        format!(
            "Incontro del {} di «{titolo}» non chiuso: in ritardo di {}.",
            i.data.format("%d/%m/%Y"),
            n_giorni(g - TERMINE_GIORNI)
        )
    } else {
        format!(
            "Incontro del {} di «{titolo}» da chiudere entro il {} ({}).",
            i.data.format("%d/%m/%Y"),
            termine(i.data).format("%d/%m/%Y"),
            match TERMINE_GIORNI - g {
                0 => "scade oggi".to_string(),
                1 => "1 giorno rimasto".to_string(),
                n => format!("{n} giorni rimasti"),
            }
        )
    };
    Scadenza {
        code: Code::INC_06,
        ritardo,
        record: RecordKindId {
            kind: RecordKind::Incontro,
            id: i.id,
        },
        servizio_id: i.servizio_id,
        servizio: i.titolo,
        codice_azione: i.codice_azione,
        data: i.data,
        giorni: g,
        termine: termine(i.data),
        messaggio,
    }
}

/// SER-11: a servizio still open from day 10 after its last incontro (only a
/// reminder while it is short of its durata prevista).
fn voce_servizio(s: verifica::ServizioDaChiudere, oggi: NaiveDate) -> Scadenza {
    let g = giorni(s.data, oggi);
    // Short of its durata, with nothing open or planned: only a reminder, since
    // more incontri may still come; if none does, the deadline is already running.
    let ritardo = !s.breve && stato(g) == Some(Severity::Ritardo);
    let titolo = &s.titolo;
    let messaggio = if s.breve {
        format!(
            "Servizio «{titolo}» sotto la durata prevista, senza incontri aperti o futuri: se quello del {} \
             era l'ultimo incontro, va chiuso entro il {}.",
            s.data.format("%d/%m/%Y"),
            termine(s.data).format("%d/%m/%Y")
        )
    } else if ritardo {
        format!(
            "Servizio «{titolo}» non chiuso: l'ultimo incontro è del {}, in ritardo di {}.",
            s.data.format("%d/%m/%Y"),
            n_giorni(g - TERMINE_GIORNI)
        )
    } else {
        format!(
            "Servizio «{titolo}» da chiudere entro il {}.",
            termine(s.data).format("%d/%m/%Y")
        )
    };
    Scadenza {
        code: Code::SER_11,
        ritardo,
        record: RecordKindId {
            kind: RecordKind::Servizio,
            id: s.id,
        },
        servizio_id: s.id,
        servizio: s.titolo,
        codice_azione: s.codice_azione,
        data: s.data,
        giorni: g,
        termine: termine(s.data),
        messaggio,
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
