-- Who may open this database, and what each may do (issue #12). The
-- passwords are not here: each user's password unwraps the database key from
-- their slot in the key file beside the database (src/accesso/chiavi.rs).
-- Users are this desk's own: they are not exported to the regional office.
CREATE TABLE utente (
    id              TEXT PRIMARY KEY,
    nome_utente     TEXT NOT NULL UNIQUE COLLATE NOCASE,
    nome            TEXT NOT NULL,
    ruolo           TEXT NOT NULL CHECK (ruolo IN ('orientatore', 'coordinatore', 'ufficio')),
    orientatore_id  TEXT REFERENCES orientatore(id),
    attivo          INTEGER NOT NULL DEFAULT 1,
    rev             INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    source          TEXT NOT NULL
);
