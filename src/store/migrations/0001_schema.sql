-- Sportello schema, version 1. Append-only: never edit a migration that has
-- shipped, add the next file instead.
--
-- Ids are UUIDv7 text, stable across export and merge. Every domain row keeps
-- who changed it last, when, and from where (updated_by/at, source); the full
-- history is in change_log. Durations are whole minutes; dates ISO text.

CREATE TABLE rt (
    id          TEXT PRIMARY KEY,
    nome        TEXT NOT NULL,
    territorio  TEXT NOT NULL,
    rev         INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    source      TEXT NOT NULL
);

CREATE TABLE ente_attuatore (
    id          TEXT PRIMARY KEY,
    nome        TEXT NOT NULL,
    codice      TEXT,
    rt_id       TEXT REFERENCES rt(id),
    catalogo    TEXT NOT NULL,
    rev         INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    source      TEXT NOT NULL
);

CREATE TABLE sede (
    id                 TEXT PRIMARY KEY,
    ente_attuatore_id  TEXT NOT NULL REFERENCES ente_attuatore(id),
    nome               TEXT NOT NULL,
    indirizzo          TEXT,
    comune             TEXT,
    provincia          TEXT,
    territorio         TEXT,
    rev                INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT,
    source             TEXT NOT NULL
);
CREATE INDEX sede_ente ON sede(ente_attuatore_id);

CREATE TABLE orientatore (
    id                 TEXT PRIMARY KEY,
    ente_attuatore_id  TEXT NOT NULL REFERENCES ente_attuatore(id),
    cognome            TEXT NOT NULL,
    nome               TEXT NOT NULL,
    email              TEXT,
    telefono           TEXT,
    attivo             INTEGER NOT NULL DEFAULT 1,
    rev                INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT,
    source             TEXT NOT NULL
);

-- Enti coinvolti: schools (one plesso or indirizzo, by codice meccanografico,
-- under their istituto principale), companies, CPI, universities ...
CREATE TABLE ente (
    id                       TEXT PRIMARY KEY,
    tipo                     TEXT NOT NULL,
    nome                     TEXT NOT NULL,
    codice_meccanografico    TEXT UNIQUE,
    istituto_principale_id   TEXT REFERENCES ente(id),
    grado                    TEXT,
    indirizzo                TEXT,
    cap                      TEXT,
    comune                   TEXT,
    provincia                TEXT,
    regione                  TEXT,
    email                    TEXT,
    pec                      TEXT,
    telefono                 TEXT,
    rev                      INTEGER NOT NULL DEFAULT 1,
    updated_at               TEXT NOT NULL,
    updated_by               TEXT,
    source                   TEXT NOT NULL
);
CREATE INDEX ente_principale ON ente(istituto_principale_id);
CREATE INDEX ente_nome ON ente(nome COLLATE NOCASE);

CREATE TABLE referente (
    id          TEXT PRIMARY KEY,
    ente_id     TEXT REFERENCES ente(id),
    cognome     TEXT NOT NULL,
    nome        TEXT NOT NULL,
    ruolo       TEXT,
    telefono    TEXT,
    email       TEXT,
    rev         INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    source      TEXT NOT NULL
);
CREATE INDEX referente_ente ON referente(ente_id);

-- Editable lists.
CREATE TABLE target (
    id      TEXT PRIMARY KEY,
    nome    TEXT NOT NULL UNIQUE,
    attivo  INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE cms (
    id      TEXT PRIMARY KEY,
    nome    TEXT NOT NULL UNIQUE,
    attivo  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE modello (
    id                 TEXT PRIMARY KEY,
    ente_attuatore_id  TEXT NOT NULL REFERENCES ente_attuatore(id),
    titolo             TEXT NOT NULL,
    descrizione        TEXT,
    anno_scolastico    INTEGER NOT NULL,
    orientatore_id     TEXT REFERENCES orientatore(id),
    rev                INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT,
    source             TEXT NOT NULL
);
CREATE TABLE modello_target (
    modello_id  TEXT NOT NULL REFERENCES modello(id) ON DELETE CASCADE,
    target_id   TEXT NOT NULL REFERENCES target(id),
    PRIMARY KEY (modello_id, target_id)
);
CREATE TABLE modello_cms (
    modello_id  TEXT NOT NULL REFERENCES modello(id) ON DELETE CASCADE,
    cms_id      TEXT NOT NULL REFERENCES cms(id),
    PRIMARY KEY (modello_id, cms_id)
);
CREATE TABLE modello_ente (
    modello_id    TEXT NOT NULL REFERENCES modello(id) ON DELETE CASCADE,
    ente_id       TEXT NOT NULL REFERENCES ente(id),
    ruolo         TEXT NOT NULL CHECK (ruolo IN ('destinatario', 'coprogettatore')),
    referente_id  TEXT REFERENCES referente(id),
    PRIMARY KEY (modello_id, ente_id, ruolo)
);
CREATE TABLE modello_azione (
    modello_id     TEXT NOT NULL REFERENCES modello(id) ON DELETE CASCADE,
    codice_azione  TEXT NOT NULL,
    PRIMARY KEY (modello_id, codice_azione)
);
CREATE TABLE servizio_esterno (
    id             TEXT PRIMARY KEY,
    modello_id     TEXT NOT NULL REFERENCES modello(id) ON DELETE CASCADE,
    ente_id        TEXT REFERENCES ente(id),
    titolo         TEXT NOT NULL,
    descrizione    TEXT,
    durata_minuti  INTEGER,
    referente_id   TEXT REFERENCES referente(id)
);

CREATE TABLE intervento (
    id                 TEXT PRIMARY KEY,
    ente_attuatore_id  TEXT NOT NULL REFERENCES ente_attuatore(id),
    modello_id         TEXT REFERENCES modello(id),
    titolo             TEXT NOT NULL,
    descrizione        TEXT,
    referente_id       TEXT REFERENCES referente(id),
    stato              TEXT NOT NULL CHECK (stato IN ('bozza', 'attivo')),
    rev                INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT,
    source             TEXT NOT NULL
);
CREATE INDEX intervento_modello ON intervento(modello_id);
CREATE TABLE intervento_ente (
    intervento_id  TEXT NOT NULL REFERENCES intervento(id) ON DELETE CASCADE,
    ente_id        TEXT NOT NULL REFERENCES ente(id),
    PRIMARY KEY (intervento_id, ente_id)
);
CREATE INDEX intervento_ente_ente ON intervento_ente(ente_id);

CREATE TABLE servizio (
    id                        TEXT PRIMARY KEY,
    ente_attuatore_id         TEXT NOT NULL REFERENCES ente_attuatore(id),
    intervento_id             TEXT REFERENCES intervento(id),
    codice_azione             TEXT NOT NULL,
    modalita                  TEXT NOT NULL CHECK (modalita IN ('individuale', 'gruppo')),
    titolo                    TEXT NOT NULL,
    sede_id                   TEXT NOT NULL REFERENCES sede(id),
    durata_prevista_minuti    INTEGER NOT NULL,
    numero_destinatari        INTEGER NOT NULL,
    numero_famiglie           INTEGER,
    referente_id              TEXT REFERENCES referente(id),
    anno_scolastico           INTEGER NOT NULL,
    -- general dati peculiari, copied onto destinatari enrolled afterwards [000 §8]
    dp_json                   TEXT NOT NULL DEFAULT '{}',
    stato                     TEXT NOT NULL CHECK (stato IN ('in_definizione', 'in_corso', 'chiuso')),
    chiuso_il                 TEXT,
    chiuso_in_ritardo         INTEGER NOT NULL DEFAULT 0,
    rev                       INTEGER NOT NULL DEFAULT 1,
    updated_at                TEXT NOT NULL,
    updated_by                TEXT,
    source                    TEXT NOT NULL
);
CREATE INDEX servizio_intervento ON servizio(intervento_id);
CREATE INDEX servizio_stato ON servizio(stato);
CREATE TABLE servizio_target (
    servizio_id  TEXT NOT NULL REFERENCES servizio(id) ON DELETE CASCADE,
    target_id    TEXT NOT NULL REFERENCES target(id),
    PRIMARY KEY (servizio_id, target_id)
);
CREATE TABLE servizio_cms (
    servizio_id  TEXT NOT NULL REFERENCES servizio(id) ON DELETE CASCADE,
    cms_id       TEXT NOT NULL REFERENCES cms(id),
    PRIMARY KEY (servizio_id, cms_id)
);
CREATE TABLE servizio_ente (
    servizio_id  TEXT NOT NULL REFERENCES servizio(id) ON DELETE CASCADE,
    ente_id      TEXT NOT NULL REFERENCES ente(id),
    PRIMARY KEY (servizio_id, ente_id)
);
CREATE INDEX servizio_ente_ente ON servizio_ente(ente_id);

CREATE TABLE destinatario (
    id                    TEXT PRIMARY KEY,
    codice_fiscale        TEXT NOT NULL UNIQUE,
    cognome               TEXT NOT NULL,
    nome                  TEXT NOT NULL,
    sesso                 TEXT NOT NULL CHECK (sesso IN ('M', 'F')),
    data_nascita          TEXT NOT NULL,
    comune_nascita        TEXT,
    stato_estero_nascita  TEXT,
    citta_estera_nascita  TEXT,
    cittadinanza          TEXT,
    email                 TEXT,
    telefono              TEXT,
    -- name prefix search keys, lowercase, accents folded: "rossi mario", "mario rossi"
    chiave_cognome        TEXT NOT NULL,
    chiave_nome           TEXT NOT NULL,
    rev                   INTEGER NOT NULL DEFAULT 1,
    updated_at            TEXT NOT NULL,
    updated_by            TEXT,
    source                TEXT NOT NULL
);
CREATE INDEX destinatario_chiave_cognome ON destinatario(chiave_cognome);
CREATE INDEX destinatario_chiave_nome ON destinatario(chiave_nome);

-- A destinatario enrolled in a servizio, with the dati peculiari for it.
CREATE TABLE iscrizione (
    servizio_id      TEXT NOT NULL REFERENCES servizio(id) ON DELETE CASCADE,
    destinatario_id  TEXT NOT NULL REFERENCES destinatario(id),
    dp_json          TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (servizio_id, destinatario_id)
);
CREATE INDEX iscrizione_destinatario ON iscrizione(destinatario_id);

CREATE TABLE incontro (
    id                  TEXT PRIMARY KEY,
    servizio_id         TEXT NOT NULL REFERENCES servizio(id) ON DELETE CASCADE,
    titolo              TEXT,
    data                TEXT NOT NULL,
    ora_inizio          TEXT NOT NULL,
    ora_fine            TEXT NOT NULL,
    durata_minuti       INTEGER NOT NULL,
    note                TEXT,
    orientatore_id      TEXT REFERENCES orientatore(id),
    luogo_ente_id       TEXT REFERENCES ente(id),
    luogo_sede_id       TEXT REFERENCES sede(id),
    luogo_descrizione   TEXT,
    famiglie_presenti   INTEGER,
    stato               TEXT NOT NULL CHECK (stato IN ('aperto', 'chiuso')),
    inserito_il         TEXT NOT NULL,
    chiuso_il           TEXT,
    chiuso_in_ritardo   INTEGER NOT NULL DEFAULT 0,
    rev                 INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT,
    source              TEXT NOT NULL
);
CREATE INDEX incontro_servizio ON incontro(servizio_id);
CREATE INDEX incontro_orientatore_data ON incontro(orientatore_id, data);
CREATE INDEX incontro_aperti ON incontro(stato, data);

CREATE TABLE presenza (
    incontro_id      TEXT NOT NULL REFERENCES incontro(id) ON DELETE CASCADE,
    destinatario_id  TEXT NOT NULL REFERENCES destinatario(id),
    presente         INTEGER NOT NULL,
    PRIMARY KEY (incontro_id, destinatario_id)
) WITHOUT ROWID;
CREATE INDEX presenza_destinatario ON presenza(destinatario_id);

-- Deliberate overrides of a failed check (DES-01): who, when, why.
CREATE TABLE forzatura (
    id           TEXT PRIMARY KEY,
    regola       TEXT NOT NULL,
    record_tipo  TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    valore       TEXT,
    motivo       TEXT NOT NULL,
    chi          TEXT,
    quando       TEXT NOT NULL
);
CREATE INDEX forzatura_record ON forzatura(record_id);

-- Reopenings of closed incontri and servizi (INC-09, SER-14): who, when, why.
CREATE TABLE riapertura (
    id           TEXT PRIMARY KEY,
    regola       TEXT NOT NULL,
    record_tipo  TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    motivo       TEXT NOT NULL,
    chi          TEXT,
    quando       TEXT NOT NULL
);

-- One row per operation that wrote: who, from where, what.
CREATE TABLE change_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT,
    source       TEXT NOT NULL,
    operation    TEXT NOT NULL,
    record_tipo  TEXT,
    record_id    TEXT,
    detail       TEXT
);
CREATE INDEX change_log_record ON change_log(record_id);

-- Key/value settings of this installation (current body, current user).
CREATE TABLE impostazione (
    chiave  TEXT PRIMARY KEY,
    valore  TEXT NOT NULL
);
