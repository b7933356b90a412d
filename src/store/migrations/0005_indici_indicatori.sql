-- Two indexes for the monitoring indicators of a region's year (issue #15).
--
-- For every enrolment the indicators read only its classe, disabilità and
-- dispersione: held here with the enrolment's key, they are read from this
-- index alone, a third of the table's pages (whose rows carry all the dati
-- peculiari), and no JSON is parsed. The expressions are those of
-- store::indicatori::iscrizioni, character for character: SQLite uses an
-- index on an expression only for the same one.
CREATE INDEX iscrizione_indicatori ON iscrizione(
    servizio_id,
    destinatario_id,
    json_extract(dp_json, '$.classe'),
    COALESCE(json_extract(dp_json, '$.disabilita'), 0),
    COALESCE(json_extract(dp_json, '$.disperso'), 0)
);

-- A servizio's first (or last) incontro read from the index, not from each
-- of its incontri's rows; the look-ups by servizio it served stay as fast.
DROP INDEX incontro_servizio;
CREATE INDEX incontro_servizio ON incontro(servizio_id, data);
