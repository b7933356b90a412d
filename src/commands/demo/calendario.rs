//! How the demo records its work, as a desk would: interventi activated,
//! servizi created with their class enrolled, and each incontro entered on
//! its day, on a weekday outside the Christmas break, at an hour its
//! orientatore is free (INC-08), closed some days later (now and then after
//! the 15 days: INC-06 late), or still open when recent. Incontri up to two
//! weeks ahead are already in the calendar, with nobody present yet (INC-10).

use super::Anno;
use crate::commands::{self, PerId};
use crate::context::Ctx;
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use std::collections::HashMap;

/// Each orientatore's busy minutes, by day.
#[derive(Default)]
pub(super) struct Agenda(HashMap<(Id, NaiveDate), Vec<(u32, u32)>>);

impl Agenda {
    /// The first free slot of `minuti` for `orientatore`, from `ora` on the
    /// first school day from `data`, or on the next ones.
    fn posto(
        &mut self,
        orientatore: Id,
        data: NaiveDate,
        ora: u32,
        minuti: u32,
    ) -> (NaiveDate, u32) {
        let ultima = (20 * 60 - minuti) / 60;
        let ora = ora.min(ultima);
        let mut giorno = giorno_di_scuola(data);
        loop {
            let occupato = self.0.entry((orientatore, giorno)).or_default();
            for h in (ora..=ultima).chain(8..ora) {
                let (da, a) = (h * 60, h * 60 + minuti);
                if occupato.iter().all(|&(x, y)| a <= x || da >= y) {
                    occupato.push((da, a));
                    return (giorno, h);
                }
            }
            giorno = giorno_di_scuola(giorno + Days::new(1));
        }
    }
}

/// `data`, or the first weekday after it outside the Christmas break.
fn giorno_di_scuola(mut data: NaiveDate) -> NaiveDate {
    loop {
        if (data.month() == 12 && data.day() >= 23) || (data.month() == 1 && data.day() <= 6) {
            data = NaiveDate::from_ymd_opt(data.year() + i32::from(data.month() == 12), 1, 7)
                .expect("a valid day");
        } else if matches!(data.weekday(), Weekday::Sat | Weekday::Sun) {
            data = data + Days::new(1);
        } else {
            return data;
        }
    }
}

/// A servizio to create, with its class or person enrolled.
pub(super) struct Nuovo<'a> {
    pub codice: &'a str,
    /// Empty: the action's name.
    pub titolo: String,
    pub intervento: Option<Id>,
    pub individuale: bool,
    pub sede: Id,
    pub ore: u32,
    pub target: Id,
    /// Standalone servizi only; under an intervento they are inherited.
    pub enti: Vec<Id>,
    pub peculiari: DatiPeculiari,
    pub anno: AnnoScolastico,
    pub famiglie: Option<u32>,
    pub iscritti: Vec<Iscrizione>,
    /// The day it is created.
    pub il: NaiveDate,
}

/// One incontro of a servizio.
pub(super) struct Seduta {
    pub servizio: Id,
    pub titolo: Option<String>,
    pub data: NaiveDate,
    pub ora: u32,
    pub minuti: u32,
    pub orientatore: Id,
    pub luogo: Luogo,
    pub famiglie: Option<u32>,
    /// Out of ten, how many of the enrolled come (the first always does).
    pub presenti_su_10: usize,
}

/// The place of an incontro: an ente's address, or a sede's.
pub(super) fn presso(ente: Option<Id>, sede: Option<Id>) -> Luogo {
    Luogo {
        ente_id: ente,
        sede_id: sede,
        descrizione: None,
    }
}

impl Anno<'_> {
    /// The same desk on another day, never after today (entering and
    /// closing happen on their own days).
    pub fn il(&self, giorno: NaiveDate) -> Ctx {
        Ctx {
            oggi: giorno.min(self.ctx.oggi),
            ..self.ctx.clone()
        }
    }

    /// Day `giorno` of month `mese` in the school year `anni_fa` years ago.
    pub fn giorno(&self, anni_fa: i32, mese: u32, giorno: u32) -> NaiveDate {
        let anno = self.anno.0 - anni_fa + i32::from(mese < 9);
        NaiveDate::from_ymd_opt(anno, mese, giorno).expect("a valid day")
    }

    /// An intervento, activated on the day it is created.
    pub fn intervento(&mut self, dati: InterventoDati, il: NaiveDate) -> Result<Id> {
        let ctx = self.il(il);
        let id = commands::interventi::create_intervento(self.store, &ctx, dati)?
            .value
            .id;
        commands::interventi::activate_intervento(self.store, &ctx, PerId { id })?;
        self.r.interventi += 1;
        Ok(id)
    }

    pub fn servizio(&mut self, n: Nuovo) -> Result<Id> {
        let ctx = self.il(n.il);
        let dati = ServizioDati {
            ente_attuatore_id: self.base.ente,
            intervento_id: n.intervento,
            codice_azione: n.codice.into(),
            modalita: Some(if n.individuale {
                Modalita::Individuale
            } else {
                Modalita::Gruppo
            }),
            titolo: n.titolo,
            sede_id: n.sede,
            durata_prevista_minuti: n.ore * 60,
            numero_destinatari: n.iscritti.len() as u32,
            numero_famiglie: n.famiglie,
            referente_id: None,
            anno_scolastico: Some(n.anno),
            target_ids: vec![n.target],
            cms_ids: self.base.cms.clone(),
            ente_ids: n.enti,
            dati_peculiari: n.peculiari,
        };
        let id = commands::servizi::create_servizio(self.store, &ctx, dati)?
            .value
            .id;
        let iscrivi = commands::servizi::Iscrivi {
            servizio_id: id,
            iscrizioni: n.iscritti,
        };
        commands::servizi::enrol_destinatari(self.store, &ctx, iscrivi)?;
        self.r.servizi += 1;
        Ok(id)
    }

    /// Enters an incontro on its day and closes it later; `None` when its day
    /// is more than two weeks ahead (not in the calendar yet).
    pub fn seduta(&mut self, s: Seduta) -> Result<Option<Id>> {
        let (data, ora) = self.agenda.posto(s.orientatore, s.data, s.ora, s.minuti);
        let futura = data > self.ctx.oggi;
        // A planned OR3 would have no pupil signing yet (INC-12): not in the calendar.
        if data > self.ctx.oggi + Days::new(14) || (futura && s.famiglie.is_some()) {
            return Ok(None);
        }
        let scheda =
            commands::servizi::get_servizio(self.store, self.ctx, PerId { id: s.servizio })?.value;
        let mut presenze: Vec<Presenza> = scheda
            .iscritti
            .iter()
            .map(|i| Presenza {
                destinatario_id: i.destinatario.id,
                presente: !futura && self.dado.next(10) < s.presenti_su_10,
            })
            .collect();
        if let (false, Some(p)) = (futura, presenze.first_mut()) {
            p.presente = true;
        }
        let dati = IncontroDati {
            servizio_id: s.servizio,
            titolo: s.titolo,
            data,
            ora_inizio: NaiveTime::from_hms_opt(ora, 0, 0).expect("an hour"),
            ora_fine: NaiveTime::from_hms_opt(ora, 0, 0).expect("an hour")
                + chrono::Duration::minutes(i64::from(s.minuti)),
            durata_minuti: None,
            note: None,
            orientatore_id: Some(s.orientatore),
            luogo: s.luogo,
            famiglie_presenti: s.famiglie,
            presenze,
        };
        let entrata = if futura {
            self.ctx.clone()
        } else {
            self.il(data)
        };
        let id = commands::incontri::create_incontro(self.store, &entrata, dati)?
            .value
            .id;
        self.r.incontri += 1;
        // Recent incontri stay open, and now and then an older one forgotten
        // past its 15 days: the Oggi screen has something to show.
        let eta = (self.ctx.oggi - data).num_days();
        let recente = eta <= 9 || (eta <= 14 && self.dado.next(2) == 0);
        let dimenticato = (16..40).contains(&eta) && self.dado.next(6) == 0;
        if !recente && !dimenticato {
            let chiusura = data + Days::new(1 + self.dado.next(17) as u64);
            commands::incontri::close_incontro(self.store, &self.il(chiusura), PerId { id })?;
        }
        Ok(Some(id))
    }

    /// Closes a servizio whose incontri are all closed and whose last one is
    /// three weeks old, some days after it (now and then late: SER-11).
    pub fn chiudi(&mut self, servizio: Id) -> Result<()> {
        let scheda =
            commands::servizi::get_servizio(self.store, self.ctx, PerId { id: servizio })?.value;
        let Some(ultimo) = scheda.servizio.ultimo_incontro else {
            return Ok(());
        };
        let chiusi: Option<Vec<NaiveDate>> = scheda.incontri.iter().map(|i| i.chiuso_il).collect();
        let Some(chiusura) = chiusi.and_then(|c| c.into_iter().max()) else {
            return Ok(()); // an incontro still open (SER-13)
        };
        if (self.ctx.oggi - ultimo).num_days() > 20 {
            let il = (ultimo + Days::new(3 + self.dado.next(14) as u64)).max(chiusura);
            commands::servizi::close_servizio(self.store, &self.il(il), PerId { id: servizio })?;
        }
        Ok(())
    }
}
