-- The signed registers read back (issue #13): each page read and applied is
-- kept as evidence beside its servizio and the incontri whose columns it
-- holds, inside the (encrypted) database. The picture is the page upright
-- at 150 dpi in grey (JPEG), as the reader saw it through the page's map;
-- `impronta_file` is the SHA-256 of the scanned file it came from.
CREATE TABLE scansione (
    id              TEXT PRIMARY KEY,
    servizio_id     TEXT NOT NULL REFERENCES servizio(id) ON DELETE CASCADE,
    pagina          INTEGER NOT NULL,
    totale          INTEGER NOT NULL,
    file            TEXT NOT NULL,
    pagina_file     INTEGER NOT NULL,
    impronta_file   TEXT NOT NULL,
    immagine        BLOB NOT NULL,
    letta_il        TEXT NOT NULL,
    letta_da        TEXT
);
-- A page of a file is kept once, however often it is read.
CREATE UNIQUE INDEX scansione_servizio ON scansione(servizio_id, pagina, impronta_file);

CREATE TABLE scansione_incontro (
    scansione_id    TEXT NOT NULL REFERENCES scansione(id) ON DELETE CASCADE,
    incontro_id     TEXT NOT NULL REFERENCES incontro(id) ON DELETE CASCADE,
    PRIMARY KEY (scansione_id, incontro_id)
) WITHOUT ROWID;
CREATE INDEX scansione_incontro_incontro ON scansione_incontro(incontro_id);
