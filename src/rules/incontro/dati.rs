//! The checks of an incontro's data at create and update, presences
//! included: one function per rule code, run from `CONTROLLI` in the order
//! their findings are listed.

use super::{Contesto, orientatore};
use crate::catalogo;
use crate::domain::incontro::minuti_tra;
use crate::domain::{AnnoScolastico, IncontroDati};
use crate::error::Result;
use crate::rules::{Code, Findings};
use crate::store;
use rusqlite::Connection;

/// On create and update. Returns the findings and the duration (end − start).
pub fn check_input(conn: &Connection, d: &IncontroDati, c: &Contesto) -> Result<(Findings, u32)> {
    let mut f = Findings::default();
    let durata = inc_01(d, c, &mut f);
    for controllo in CONTROLLI {
        controllo(conn, d, c, durata, &mut f)?;
    }
    Ok((f, durata))
}

/// One check of an incontro's data, given its length; each adds its findings.
type Controllo = fn(&Connection, &IncontroDati, &Contesto, u32, &mut Findings) -> Result<()>;

/// The checks after INC-01, in the order their findings are listed.
const CONTROLLI: &[Controllo] = &[inc_02, inc_03_08, inc_04, inc_07, inc_10, inc_11, ser_19];

/// INC-01: the end follows the start, and a duration given agrees; the
/// length in minutes (0 when the hours are wrong).
fn inc_01(d: &IncontroDati, c: &Contesto, f: &mut Findings) -> u32 {
    let record = c.record;
    match minuti_tra(d.ora_inizio, d.ora_fine) {
        None => {
            f.add(
                Code::INC_01,
                record,
                Some("ora_fine"),
                format!(
                    "L'ora di fine ({}) deve seguire l'ora di inizio ({}).",
                    d.ora_fine.format("%H:%M"),
                    d.ora_inizio.format("%H:%M")
                ),
            );
            0
        }
        Some(m) => {
            if let Some(given) = d.durata_minuti.filter(|g| *g != m) {
                f.add(
                    Code::INC_01,
                    record,
                    Some("durata_minuti"),
                    format!(
                        "La durata indicata ({}) non corrisponde a inizio e fine ({}–{} = {}): deve coincidere con il registro.",
                        catalogo::minutes(given),
                        d.ora_inizio.format("%H:%M"),
                        d.ora_fine.format("%H:%M"),
                        catalogo::minutes(m)
                    ),
                );
            }
            m
        }
    }
}

/// INC-02: those marked are destinatari of the servizio.
fn inc_02(
    conn: &Connection,
    d: &IncontroDati,
    c: &Contesto,
    _: u32,
    f: &mut Findings,
) -> Result<()> {
    let record = c.record;
    for p in d.presenze.iter().filter(|p| {
        !c.iscrizioni
            .iter()
            .any(|i| i.destinatario_id == p.destinatario_id)
    }) {
        let who = store::destinatari::get(conn, p.destinatario_id)
            .map(|d| d.nome_completo())
            .unwrap_or_else(|_| p.destinatario_id.to_string());
        f.add(
            Code::INC_02,
            record,
            Some("presenze"),
            format!("{who} non è iscritto al servizio: iscrivilo prima di segnarne la presenza."),
        );
    }
    Ok(())
}

/// INC-03 (the signing orientatore) and INC-08 (not in two incontri at once).
fn inc_03_08(
    conn: &Connection,
    d: &IncontroDati,
    c: &Contesto,
    durata: u32,
    f: &mut Findings,
) -> Result<()> {
    let record = c.record;
    if let Some(o) = orientatore(conn, d, c.servizio, record, true, f)?
        && durata > 0
        && let Some((_, a, b)) = store::incontri::overlapping(
            conn,
            o,
            d.data,
            d.ora_inizio,
            d.ora_fine,
            record.map(|r| r.id),
        )?
    {
        f.add(
            Code::INC_08,
            record,
            Some("ora_inizio"),
            format!(
                "L'orientatore ha già un incontro il {} dalle {a} alle {b}, che si sovrappone a questo: \
                 controlla orari e orientatore sul registro.",
                d.data.format("%d/%m/%Y")
            ),
        );
    }
    Ok(())
}

/// INC-04: the place is set.
fn inc_04(_: &Connection, d: &IncontroDati, c: &Contesto, _: u32, f: &mut Findings) -> Result<()> {
    let record = c.record;
    if !d.luogo.is_set() {
        f.add(
            Code::INC_04,
            record,
            Some("luogo"),
            "Indica il luogo dell'incontro (ente coinvolto, sede o un nuovo luogo).".into(),
        );
    }
    Ok(())
}

/// INC-07: the length lies within the catalogue's per-meeting bounds.
fn inc_07(
    _: &Connection,
    _: &IncontroDati,
    c: &Contesto,
    durata: u32,
    f: &mut Findings,
) -> Result<()> {
    let record = c.record;
    if let Some(m) = c
        .azione
        .limiti(c.servizio.modalita())
        .and_then(|l| l.minuti_incontro)
        .filter(|m| durata > 0 && !m.contains(durata))
    {
        f.add(
            Code::INC_07,
            record,
            Some("ora_fine"),
            format!(
                "L'incontro dura {}: per {} il catalogo prevede incontri {}.",
                catalogo::minutes(durata),
                c.azione.codice,
                m.describe_minutes()
            ),
        );
    }
    Ok(())
}

/// INC-10: nobody is present before the day.
fn inc_10(_: &Connection, d: &IncontroDati, c: &Contesto, _: u32, f: &mut Findings) -> Result<()> {
    let record = c.record;
    let presenti = d.presenze.iter().filter(|p| p.presente).count() as u32;
    if presenti > 0 && d.data > c.oggi {
        f.add(
            Code::INC_10,
            record,
            Some("presenze"),
            format!(
                "L'incontro è del {}: le presenze si segnano dal giorno dell'incontro, non prima.",
                d.data.format("%d/%m/%Y")
            ),
        );
    }
    Ok(())
}

/// INC-11: the day lies within the servizio's school year.
fn inc_11(_: &Connection, d: &IncontroDati, c: &Contesto, _: u32, f: &mut Findings) -> Result<()> {
    let record = c.record;
    let anno = c.servizio.anno_scolastico();
    if AnnoScolastico::of(d.data) != anno {
        f.add(
            Code::INC_11,
            record,
            Some("data"),
            format!(
                "La data {} non è nell'a.s. {anno} del servizio (1 settembre {} – 31 agosto {}): controlla la data \
                 o l'anno scolastico del servizio.",
                d.data.format("%d/%m/%Y"),
                anno.0,
                anno.0 + 1
            ),
        );
    }
    Ok(())
}

/// SER-19: no more present than the catalogue's group size.
fn ser_19(_: &Connection, d: &IncontroDati, c: &Contesto, _: u32, f: &mut Findings) -> Result<()> {
    let record = c.record;
    let presenti = d.presenze.iter().filter(|p| p.presente).count() as u32;
    if let Some(max) = c
        .azione
        .limiti(c.servizio.modalita())
        .and_then(|l| l.partecipanti_max)
        .filter(|max| presenti > *max)
    {
        f.add_bound(
            Code::SER_19,
            c.azione.provvisorio,
            record,
            Some("presenze"),
            format!(
                "L'incontro ha {presenti} presenti: per {} il catalogo prevede gruppi di al massimo {max} persone.",
                c.azione.codice
            ),
        );
    }
    Ok(())
}
