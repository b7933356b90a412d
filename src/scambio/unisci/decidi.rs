//! The second pass of a plan: for one record of the file, what merging does,
//! against the version last merged from that desk and the office's own.

use super::pianifica::{Passo, Pianifica};
use super::{AzioneUnione, Cambio, bad_id, tipo_sconosciuto};
use crate::error::Result;
use crate::scambio::formato::VoceScambio;
use crate::store::scambio::tabelle::{Aggregato, aggregato};
use crate::store::scambio::voci::{self, Contenuto};
use crate::store::scambio::{self as db, Conflitto};

/// One record of the file beside the office's version of it.
struct Confronto {
    agg: &'static Aggregato,
    /// The office's id.
    id: String,
    seq: i64,
    /// Matched to an office record under another id.
    aliased: bool,
    /// The content of the version last merged from this desk, if any.
    base_hash: Option<String>,
    ufficio: Option<Contenuto>,
    /// The desk's version; none for a deletion.
    arrivo: Option<Contenuto>,
}

impl Pianifica<'_> {
    /// What to do with one record, listed in the plan.
    pub(super) fn passo(&mut self, v: VoceScambio) -> Result<Passo> {
        let agg = aggregato(&v.tipo).ok_or_else(|| tipo_sconosciuto(&v.tipo))?;
        let arrivo = self.arrivo(agg, &v.id, v.contenuto)?;
        let id = self.ufficio(&v.id)?;
        let base = db::base(self.conn, agg.tipo, &id, self.origine)?;
        if base.as_ref().is_some_and(|(seq, _)| *seq >= v.seq) {
            self.piano.superati += 1;
            return Ok(Passo::Nulla);
        }
        let ufficio = voci::leggi_uno(self.conn, agg, &id, &self.colonne)?;
        let nome = arrivo
            .as_ref()
            .or(ufficio.as_ref())
            .map_or_else(|| id.clone(), |c| c.nome(agg.tipo));
        let confronto = Confronto {
            agg,
            aliased: id != v.id,
            id: id.clone(),
            seq: v.seq,
            base_hash: base.and_then(|b| b.1),
            ufficio,
            arrivo,
        };
        let (azione, passo) = self.decidi(confronto, &nome)?;
        if let Some(azione) = azione {
            self.annota(&passo, agg, id, nome, azione)?;
        } else {
            self.piano.invariati += 1;
        }
        Ok(passo)
    }

    /// The desk's version as the office will hold it: checked against the
    /// columns and limits, its id its own, its references rewritten.
    fn arrivo(
        &mut self,
        agg: &Aggregato,
        id: &str,
        contenuto: Option<Contenuto>,
    ) -> Result<Option<Contenuto>> {
        let Some(mut c) = contenuto else {
            return Ok(None);
        };
        voci::controlla_riga(agg, &c, &self.colonne)?;
        if c.riga.get("id").and_then(|i| i.as_str()) != Some(id) {
            return Err(bad_id());
        }
        self.rimappa(agg, &mut c)?;
        Ok(Some(c))
    }

    /// What merging does with one record, and the step that does it; no
    /// action when the record stays as it is (only the common version moves on).
    fn decidi(&self, r: Confronto, nome: &str) -> Result<(Option<AzioneUnione>, Passo)> {
        let hash_ufficio = r.ufficio.as_ref().map(Contenuto::impronta);
        let hash_file = r.arrivo.as_ref().map(Contenuto::impronta);
        let Confronto {
            agg,
            id,
            seq,
            aliased,
            base_hash,
            ufficio,
            arrivo,
        } = r;
        let base = |hash| Passo::Base {
            tipo: agg.tipo,
            id: id.clone(),
            seq,
            hash,
        };
        let scrivi = |contenuto, hash: Option<String>| Passo::Scrivi {
            agg,
            id: id.clone(),
            seq,
            contenuto,
            hash: hash.unwrap_or_default(),
        };
        Ok(match (&ufficio, arrivo) {
            (None, None) => (None, base(None)),
            // The desk dropped its copy of an office person: the office keeps it.
            (Some(_), None) if aliased => (None, base(None)),
            (_, Some(_)) if hash_ufficio == hash_file => (None, base(hash_file)),
            (None, Some(c)) if base_hash.is_none() => {
                (Some(AzioneUnione::Aggiunge), scrivi(c, hash_file))
            }
            (Some(_), Some(c)) if base_hash == hash_ufficio => {
                (Some(AzioneUnione::Aggiorna), scrivi(c, hash_file))
            }
            (Some(_), None) if base_hash == hash_ufficio => (
                Some(AzioneUnione::Cancella),
                Passo::Cancella {
                    agg,
                    id: id.clone(),
                    seq,
                },
            ),
            (ufficio, arrivo) => {
                let c = self.conflitto(agg, &id, nome, seq, ufficio.as_ref(), arrivo.as_ref())?;
                (Some(AzioneUnione::Conflitto), Passo::Conflitto(c))
            }
        })
    }

    /// Both sides changed the record since the last merge: kept for a person,
    /// with both versions and the fields in which they differ.
    fn conflitto(
        &self,
        agg: &Aggregato,
        id: &str,
        nome: &str,
        seq: i64,
        ufficio: Option<&Contenuto>,
        arrivo: Option<&Contenuto>,
    ) -> Result<Conflitto> {
        let campi = match (ufficio, arrivo) {
            (Some(u), Some(a)) => u.campi_diversi(a),
            _ => vec!["(cancellato)".into()],
        };
        Ok(Conflitto {
            tipo: agg.tipo.into(),
            id: id.into(),
            nome: nome.into(),
            origine: self.origine.into(),
            seq,
            campi,
            ufficio: ufficio.map(serde_json::to_value).transpose()?,
            arrivo: arrivo.map(serde_json::to_value).transpose()?,
            file: self.file.clone(),
        })
    }
}

impl Pianifica<'_> {
    /// A change the plan lists, counted under its action.
    fn annota(
        &mut self,
        passo: &Passo,
        agg: &Aggregato,
        id: String,
        nome: String,
        azione: AzioneUnione,
    ) -> Result<()> {
        let piano = &mut self.piano;
        match azione {
            AzioneUnione::Aggiunge => piano.aggiunti += 1,
            AzioneUnione::Aggiorna => piano.aggiornati += 1,
            AzioneUnione::Cancella => piano.cancellati += 1,
            AzioneUnione::Conflitto => {
                if let Passo::Conflitto(c) = passo {
                    piano.conflitti.push(c.clone());
                }
            }
        }
        self.elenca(Cambio {
            tipo: agg.tipo.into(),
            id,
            nome,
            azione,
        })
    }
}
