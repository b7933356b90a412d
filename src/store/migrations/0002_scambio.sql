-- Exchange files between desks and the regional office (issue #5).
-- Desk side: what was exported to each destination, so the next export
-- carries only what changed since. Office side: who sent what, the common
-- version of each record per origin (for conflicts and out-of-order files),
-- the aliases of records matched on a natural key (DES-05), the conflicts.

-- Desk: one row per export written.
CREATE TABLE scambio_esportazione (
    seq_export    INTEGER PRIMARY KEY,
    destinazione  TEXT NOT NULL,
    completo      INTEGER NOT NULL,
    seq_da        INTEGER NOT NULL,
    seq_a         INTEGER NOT NULL,
    voci          INTEGER NOT NULL,
    file          TEXT,
    at            TEXT NOT NULL
);
CREATE INDEX scambio_esportazione_dest ON scambio_esportazione(destinazione, seq_a);

-- Office: one row per desk (installation) ever received; its key is pinned
-- at the first file, a later file signed by another key is refused.
CREATE TABLE provenienza (
    sportello          TEXT PRIMARY KEY,
    chiave_pubblica    TEXT NOT NULL,
    ente_attuatore_id  TEXT,
    ente_nome          TEXT,
    seq_da             INTEGER NOT NULL,
    seq_a              INTEGER NOT NULL,
    completo           INTEGER NOT NULL,
    creato_il          TEXT NOT NULL,
    ricevuto_il        TEXT NOT NULL,
    file               TEXT,
    impronta           TEXT NOT NULL
);

-- Office: the version of a record last merged from an origin (its change_log
-- seq there, and the hash of its content; NULL hash = deleted there).
CREATE TABLE scambio_base (
    tipo       TEXT NOT NULL,
    id         TEXT NOT NULL,
    origine    TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    impronta   TEXT,
    PRIMARY KEY (tipo, id, origine)
) WITHOUT ROWID;

-- Office: a record of a desk that is the same as an office record under
-- another id (same codice fiscale, DES-05; same codice meccanografico; same
-- list entry name). References to alias_id are rewritten to id.
CREATE TABLE scambio_alias (
    alias_id  TEXT PRIMARY KEY,
    tipo      TEXT NOT NULL,
    id        TEXT NOT NULL,
    origine   TEXT NOT NULL
);

-- Office: a record changed both here and at a desk since their common
-- version. Nothing was overwritten; a person chooses.
CREATE TABLE scambio_conflitto (
    tipo      TEXT NOT NULL,
    id        TEXT NOT NULL,
    origine   TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    campi     TEXT NOT NULL,
    ufficio   TEXT,
    arrivo    TEXT,
    file      TEXT,
    at        TEXT NOT NULL,
    PRIMARY KEY (tipo, id, origine)
);
