//! The column definitions of every table: Italian name, type, meaning. The
//! store's query for a table returns exactly these columns in this order
//! (checked when the query runs).

use crate::domain::Vocabolario;
use crate::domain::dati_peculiari::{CondizioneAbitativa, CondizioneOccupazionale, TitoloStudio};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tipo {
    Testo,
    Intero,
    Data,
    Ora,
    SiNo,
}

impl Tipo {
    pub fn nome(self) -> &'static str {
        match self {
            Tipo::Testo => "testo",
            Tipo::Intero => "intero",
            Tipo::Data => "data (gg/mm/aaaa)",
            Tipo::Ora => "ora (hh:mm)",
            Tipo::SiNo => "Sì/No",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chiave {
    Modelli,
    Interventi,
    Servizi,
    Incontri,
    Presenze,
    Destinatari,
    Iscrizioni,
}

pub struct Colonna {
    pub nome: &'static str,
    pub tipo: Tipo,
    pub descrizione: &'static str,
}

pub struct Tabella {
    pub chiave: Chiave,
    /// File and sheet name.
    pub nome: &'static str,
    pub titolo: &'static str,
    /// What one row is.
    pub riga: &'static str,
    pub colonne: &'static [Colonna],
}

const fn c(nome: &'static str, tipo: Tipo, descrizione: &'static str) -> Colonna {
    Colonna {
        nome,
        tipo,
        descrizione,
    }
}

use Tipo::*;

const MODELLI: &[Colonna] = &[
    c("ID modello", Testo, "stable id of the modello"),
    c("ID ente attuatore", Testo, "the implementing body"),
    c("Ente attuatore", Testo, "its name"),
    c("Titolo", Testo, ""),
    c("Descrizione", Testo, ""),
    c("Anno scolastico", Testo, "`2025/26`"),
    c("Orientatore di riferimento", Testo, "cognome and nome"),
    c("Target", Testo, "target destinatari, `; `-separated"),
    c("CMS", Testo, "caratteristiche, `; `-separated"),
    c(
        "Enti destinatari",
        Testo,
        "enti coinvolti in the role destinatario: name (codice meccanografico)",
    ),
    c(
        "Coprogettatori",
        Testo,
        "enti coinvolti in the role coprogettatore",
    ),
    c(
        "Azioni previste",
        Testo,
        "codici azione the body will deliver",
    ),
];

const INTERVENTI: &[Colonna] = &[
    c("ID intervento", Testo, "stable id of the intervento"),
    c("ID ente attuatore", Testo, "the body that created it"),
    c("Ente attuatore", Testo, "its name"),
    c("ID modello", Testo, "the linked modello, if any"),
    c("Titolo", Testo, ""),
    c("Descrizione", Testo, ""),
    c("Stato", Testo, "`bozza` or `attivo`"),
    c("Referente", Testo, "cognome and nome"),
    c(
        "Enti coinvolti",
        Testo,
        "name (codice meccanografico), `; `-separated",
    ),
    c(
        "Servizi",
        Intero,
        "how many servizi hang under it (all bodies)",
    ),
];

const SERVIZI: &[Colonna] = &[
    c("ID servizio", Testo, "stable id of the servizio"),
    c("ID intervento", Testo, "empty for a standalone servizio"),
    c("ID ente attuatore", Testo, "the implementing body"),
    c("Ente attuatore", Testo, "its name"),
    c("Sede", Testo, "the sede that delivers it"),
    c("Territorio", Testo, "the sede's territory, else the RT's"),
    c("Codice azione", Testo, "catalogue code, e.g. `OR3`"),
    c("Modalità", Testo, "`individuale` or `gruppo`"),
    c("Titolo", Testo, ""),
    c("Anno scolastico", Testo, "`2025/26`"),
    c("Durata prevista (minuti)", Intero, "planned duration"),
    c(
        "Destinatari previsti",
        Intero,
        "numero destinatari as declared",
    ),
    c(
        "Numero famiglie",
        Intero,
        "OR3 (actions with families) only; empty otherwise",
    ),
    c("Destinatari iscritti", Intero, "enrolled destinatari"),
    c("Incontri", Intero, "number of its incontri"),
    c(
        "Durata svolta (minuti)",
        Intero,
        "sum of the durations of its incontri",
    ),
    c("Data primo incontro", Data, ""),
    c("Data ultimo incontro", Data, ""),
    c("Stato", Testo, "`in definizione`, `in corso`, `chiuso`"),
    c("Data chiusura", Data, "when it was closed"),
    c(
        "Chiuso in ritardo",
        SiNo,
        "closed more than 15 days after its last incontro (SER-11)",
    ),
    c("Target", Testo, "`; `-separated"),
    c("CMS", Testo, "`; `-separated"),
    c(
        "Enti coinvolti",
        Testo,
        "name (codice meccanografico), `; `-separated",
    ),
];

const INCONTRI: &[Colonna] = &[
    c("ID incontro", Testo, "stable id of the incontro"),
    c("ID servizio", Testo, ""),
    c("Codice azione", Testo, "of its servizio"),
    c("Titolo", Testo, ""),
    c("Data", Data, ""),
    c("Ora inizio", Ora, ""),
    c("Ora fine", Ora, ""),
    c("Durata (minuti)", Intero, "end − start (INC-01)"),
    c("Orientatore", Testo, "who signs the register"),
    c("Luogo", Testo, "address as written, else the ente or sede"),
    c(
        "Famiglie presenti",
        Intero,
        "OR3 (actions with families); empty otherwise",
    ),
    c("Presenti", Intero, "participants marked present"),
    c("Assenti", Intero, "participants marked absent"),
    c("Stato", Testo, "`aperto` or `chiuso`"),
    c("Data inserimento", Data, "when it was entered"),
    c("Data chiusura", Data, ""),
    c(
        "Chiuso in ritardo",
        SiNo,
        "closed more than 15 days after its date (INC-06)",
    ),
    c("Note", Testo, ""),
];

const PRESENZE: &[Colonna] = &[
    c("ID incontro", Testo, ""),
    c("ID servizio", Testo, ""),
    c("ID destinatario", Testo, ""),
    c("Codice fiscale", Testo, ""),
    c("Cognome", Testo, ""),
    c("Nome", Testo, ""),
    c("Data", Data, "date of the incontro"),
    c("Ora inizio", Ora, ""),
    c("Ora fine", Ora, ""),
    c("Presente", SiNo, ""),
    c(
        "Minuti frequentati",
        Intero,
        "the incontro's duration when present, 0 when absent",
    ),
];

const DESTINATARI: &[Colonna] = &[
    c(
        "ID destinatario",
        Testo,
        "stable id; one per codice fiscale (DES-05)",
    ),
    c("Codice fiscale", Testo, ""),
    c("Cognome", Testo, ""),
    c("Nome", Testo, ""),
    c("Sesso", Testo, "`M` or `F`"),
    c("Data di nascita", Data, ""),
    c("Comune di nascita", Testo, "empty when born abroad"),
    c("Stato estero di nascita", Testo, ""),
    c("Città estera di nascita", Testo, "optional (DES-06)"),
    c("Cittadinanza", Testo, ""),
    c("E-mail", Testo, ""),
    c("Telefono", Testo, ""),
];

const ISCRIZIONI: &[Colonna] = &[
    c("ID servizio", Testo, ""),
    c("ID destinatario", Testo, ""),
    c("Codice fiscale", Testo, ""),
    c("Classe", Intero, "1–5; empty for dispersi"),
    c("Sezione", Testo, ""),
    c(
        "Titolo di studio",
        Testo,
        "code, see the vocabularies above",
    ),
    c("Condizione occupazionale", Testo, "code"),
    c(
        "Disabilità",
        SiNo,
        "No when the school did not say (DES-07)",
    ),
    c("Condizione abitativa", Testo, "code"),
    c("Disperso", SiNo, "out of school: no classe, no sezione"),
];

pub const TABELLE: &[Tabella] = &[
    Tabella {
        chiave: Chiave::Modelli,
        nome: "modelli",
        titolo: "Modelli",
        riga: "modello",
        colonne: MODELLI,
    },
    Tabella {
        chiave: Chiave::Interventi,
        nome: "interventi",
        titolo: "Interventi",
        riga: "intervento",
        colonne: INTERVENTI,
    },
    Tabella {
        chiave: Chiave::Servizi,
        nome: "servizi",
        titolo: "Servizi",
        riga: "servizio",
        colonne: SERVIZI,
    },
    Tabella {
        chiave: Chiave::Incontri,
        nome: "incontri",
        titolo: "Incontri",
        riga: "incontro",
        colonne: INCONTRI,
    },
    Tabella {
        chiave: Chiave::Presenze,
        nome: "presenze",
        titolo: "Presenze",
        riga: "participant of an incontro (present or absent)",
        colonne: PRESENZE,
    },
    Tabella {
        chiave: Chiave::Destinatari,
        nome: "destinatari",
        titolo: "Destinatari",
        riga: "person (anagrafica)",
        colonne: DESTINATARI,
    },
    Tabella {
        chiave: Chiave::Iscrizioni,
        nome: "iscrizioni",
        titolo: "Iscrizioni e dati peculiari",
        riga: "destinatario enrolled in a servizio, with the dati peculiari for it",
        colonne: ISCRIZIONI,
    },
];

/// The closed vocabularies written as codes, for the docs.
pub fn vocabolari() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "Titolo di studio",
            TitoloStudio::ALL.iter().map(|v| v.code()).collect(),
        ),
        (
            "Condizione occupazionale",
            CondizioneOccupazionale::ALL
                .iter()
                .map(|v| v.code())
                .collect(),
        ),
        (
            "Condizione abitativa",
            CondizioneAbitativa::ALL.iter().map(|v| v.code()).collect(),
        ),
    ]
}
