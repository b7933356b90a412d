-- A sede that closes is deactivated, not deleted: its servizi keep it, new
-- servizi can no longer be opened there (issue #11).
ALTER TABLE sede ADD COLUMN attivo INTEGER NOT NULL DEFAULT 1;
