//! The enti coinvolti of the demo [000 §6]: an IC with two plessi, an IIS
//! with three indirizzi, the CPI that sends young people to the desk, and two
//! companies that host visits (OR8); each with its person of reference.

use crate::commands;
use crate::context::Ctx;
use crate::domain::*;
use crate::error::Result;
use crate::ids::Id;
use crate::store::Store;

/// An ente and its person of reference.
#[derive(Clone, Copy)]
pub(super) struct Ente {
    pub id: Id,
    pub referente: Id,
}

pub(super) struct Scuole {
    pub beta: Ente,
    pub gamma: Ente,
    pub itt: Ente,
    pub ite: Ente,
    pub classico: Ente,
    pub cpi: Ente,
    pub maglificio: Ente,
    pub tessitura: Ente,
}

pub(super) fn scuole(store: &Store, ctx: &Ctx) -> Result<Scuole> {
    let scuola = |nome, codice, principale| {
        ente(store, ctx, TipoEnte::Scuola, nome, Some(codice), principale)
    };
    let alfa = scuola("Istituto Comprensivo Alfa", "BIIC80000A", None)?;
    let iis = scuola("IIS Pinco Pallino", "BIIS00700D", None)?;
    let plesso = |nome, codice, principale, referente: (&str, &str)| -> Result<Ente> {
        let id = scuola(nome, codice, Some(principale))?;
        let referente = referente_di(store, ctx, id, referente, "Referente orientamento")?;
        Ok(Ente { id, referente })
    };
    let altro = |tipo, nome, referente: (&str, &str), ruolo| -> Result<Ente> {
        let id = ente(store, ctx, tipo, nome, None, None)?;
        let referente = referente_di(store, ctx, id, referente, ruolo)?;
        Ok(Ente { id, referente })
    };
    Ok(Scuole {
        beta: plesso(
            "Scuola secondaria di I grado Beta",
            "BIMM80001B",
            alfa,
            ("Sella", "Paola"),
        )?,
        gamma: plesso(
            "Scuola secondaria di I grado Gamma",
            "BIMM80002C",
            alfa,
            ("Mosca", "Elena"),
        )?,
        itt: plesso(
            "Pinco – Istituto tecnico tecnologico",
            "BITF00701E",
            iis,
            ("Zegna", "Franco"),
        )?,
        ite: plesso(
            "Pinco – Istituto tecnico economico",
            "BITD00702F",
            iis,
            ("Cerruti", "Anna"),
        )?,
        classico: plesso(
            "Pallino – Liceo classico",
            "BIPC00703G",
            iis,
            ("Botta", "Carlo"),
        )?,
        cpi: altro(
            TipoEnte::Cpi,
            "Centro per l'Impiego di Biella",
            ("Fila", "Roberto"),
            "Operatore CPI",
        )?,
        maglificio: altro(
            TipoEnte::Azienda,
            "Maglificio Biellese S.r.l.",
            ("Ferrero", "Marta"),
            "Tutor aziendale",
        )?,
        tessitura: altro(
            TipoEnte::Azienda,
            "Tessitura Valle Cervo S.n.c.",
            ("Piana", "Sergio"),
            "Titolare",
        )?,
    })
}

fn ente(
    store: &Store,
    ctx: &Ctx,
    tipo: TipoEnte,
    nome: &str,
    codice: Option<&str>,
    principale: Option<Id>,
) -> Result<Id> {
    let dati = EnteDati {
        tipo,
        nome: nome.into(),
        codice_meccanografico: codice.map(Into::into),
        istituto_principale_id: principale,
        grado: None,
        indirizzo: Some("Via Roma 10".into()),
        cap: Some("13900".into()),
        comune: Some("Biella".into()),
        provincia: Some("BI".into()),
        regione: Some("Piemonte".into()),
        email: codice.map(|c| format!("{}@istruzione.it", c.to_lowercase())),
        pec: None,
        telefono: Some("015 000000".into()),
    };
    Ok(commands::enti::create_ente(store, ctx, dati)?.value.id)
}

fn referente_di(
    store: &Store,
    ctx: &Ctx,
    ente_id: Id,
    (cognome, nome): (&str, &str),
    ruolo: &str,
) -> Result<Id> {
    let dati = ReferenteDati {
        ente_id: Some(ente_id),
        cognome: cognome.into(),
        nome: nome.into(),
        ruolo: Some(ruolo.into()),
        telefono: Some("015 111111".into()),
        email: None,
    };
    Ok(commands::enti::create_referente(store, ctx, dati)?.value.id)
}
