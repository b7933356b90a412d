//! Which tables travel in an exchange file, grouped by aggregate: a record is
//! its main row plus its child rows (a servizio with its iscrizioni, an
//! incontro with its presenze), and travels whole. Listed in foreign-key order.

/// One aggregate: its main table (named as `RecordKind::as_str`, as in the
/// change log) and the child tables that hang from it.
pub struct Aggregato {
    pub tipo: &'static str,
    pub figli: &'static [Figlio],
    /// The column on which an office record and a desk record are the same
    /// even under different ids (DES-05 for destinatari).
    pub chiave_naturale: Option<&'static str>,
    /// Columns referring to records that may be aliased (see `chiave_naturale`).
    pub riferimenti: &'static [(&'static str, &'static str)],
}

pub struct Figlio {
    pub tabella: &'static str,
    /// The column naming the parent record; left out of the file (implied).
    pub padre: &'static str,
    pub riferimenti: &'static [(&'static str, &'static str)],
}

const fn solo(tipo: &'static str) -> Aggregato {
    Aggregato {
        tipo,
        figli: &[],
        chiave_naturale: None,
        riferimenti: &[],
    }
}

const fn figlio(
    tabella: &'static str,
    padre: &'static str,
    riferimenti: &'static [(&'static str, &'static str)],
) -> Figlio {
    Figlio {
        tabella,
        padre,
        riferimenti,
    }
}

pub static AGGREGATI: &[Aggregato] = &[
    solo("rt"),
    solo("ente_attuatore"),
    solo("sede"),
    solo("orientatore"),
    Aggregato {
        tipo: "ente",
        figli: &[],
        chiave_naturale: Some("codice_meccanografico"),
        riferimenti: &[("istituto_principale_id", "ente")],
    },
    Aggregato {
        tipo: "referente",
        figli: &[],
        chiave_naturale: None,
        riferimenti: &[("ente_id", "ente")],
    },
    Aggregato {
        chiave_naturale: Some("nome"),
        ..solo("target")
    },
    Aggregato {
        chiave_naturale: Some("nome"),
        ..solo("cms")
    },
    Aggregato {
        tipo: "destinatario",
        figli: &[],
        chiave_naturale: Some("codice_fiscale"),
        riferimenti: &[],
    },
    Aggregato {
        tipo: "modello",
        figli: &[
            figlio("modello_target", "modello_id", &[("target_id", "target")]),
            figlio("modello_cms", "modello_id", &[("cms_id", "cms")]),
            figlio("modello_ente", "modello_id", &[("ente_id", "ente")]),
            figlio("modello_azione", "modello_id", &[]),
            figlio("servizio_esterno", "modello_id", &[("ente_id", "ente")]),
        ],
        chiave_naturale: None,
        riferimenti: &[],
    },
    Aggregato {
        tipo: "intervento",
        figli: &[figlio(
            "intervento_ente",
            "intervento_id",
            &[("ente_id", "ente")],
        )],
        chiave_naturale: None,
        riferimenti: &[],
    },
    Aggregato {
        tipo: "servizio",
        figli: &[
            figlio("servizio_target", "servizio_id", &[("target_id", "target")]),
            figlio("servizio_cms", "servizio_id", &[("cms_id", "cms")]),
            figlio("servizio_ente", "servizio_id", &[("ente_id", "ente")]),
            figlio(
                "iscrizione",
                "servizio_id",
                &[("destinatario_id", "destinatario")],
            ),
        ],
        chiave_naturale: None,
        riferimenti: &[],
    },
    Aggregato {
        tipo: "incontro",
        figli: &[figlio(
            "presenza",
            "incontro_id",
            &[("destinatario_id", "destinatario")],
        )],
        chiave_naturale: None,
        riferimenti: &[("luogo_ente_id", "ente")],
    },
];

/// Columns that say who wrote a row last; not part of what a record says,
/// so they do not make two versions differ.
pub const METADATI: &[&str] = &["rev", "updated_at", "updated_by", "source"];

pub fn aggregato(tipo: &str) -> Option<&'static Aggregato> {
    AGGREGATI.iter().find(|a| a.tipo == tipo)
}
