// A young person who walks into the desk without a codice fiscale: registered
// by hand from a servizio, the code computed from the anagrafica (born
// abroad), enrolled at once; typed again later, the code finds the same
// person (DES-05) instead of making a second one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { accedi, apriFinestra, attendi, cartella, cli, clicca, foto, id, imposta, scrivi, tutti } from "./finestra.js";

test("destinatario a mano: codice fiscale calcolato, iscritto, ritrovato", async () => {
  const dir = cartella("destinatario");
  const db = join(dir, "sportello.db");
  cli(db, "init");
  cli(db, "--oggi", "2026-11-25", "demo");
  const servizi = JSON.parse(cli(db, "call", "list_servizi", "{}")).value;
  const servizio = servizi.find((s) => s.stato === "in_definizione") ?? servizi.find((s) => s.stato !== "chiuso");

  const w = await apriFinestra({ db, oggi: "2026-11-25" });
  await accedi(w.browser);
  try {
    const b = w.browser;
    await b.execute((h) => (location.hash = h), `#/servizi/${servizio.id}`);
    await clicca(b, "servizio-nuovo-destinatario");
    await id(b, "destinatario-form");
    await scrivi(b, "dest-cognome", "Popescu");
    await scrivi(b, "dest-nome", "Ioana");
    await imposta(b, "dest-sesso", "F");
    await imposta(b, "dest-nascita", "2010-07-21");
    await clicca(b, "dest-estero");
    await scrivi(b, "dest-luogo", "Roman");
    const risultato = await id(b, "dest-luogo-risultato");
    assert.match(await risultato.getText(), /Romania/);
    await risultato.click();
    assert.match(await (await id(b, "dest-luogo-scelto")).getText(), /Z129/);
    await scrivi(b, "dest-telefono", "333 1234567");
    // No code yet: computed from the anagrafica, then read back as valid.
    await clicca(b, "dest-calcola");
    await attendi(b, async () => (await (await id(b, "dest-cf")).getValue()).length === 16, "il codice fiscale calcolato");
    const cf = await (await id(b, "dest-cf")).getValue();
    assert.match(cf, /^PPSNIO10L61Z129.$/);
    await attendi(b, async () => (await (await id(b, "dest-cf-controllo")).getAttribute("data-code")) === "ok", "il codice letto come valido");
    assert.match(await (await id(b, "dest-cf-controllo")).getText(), /Romania/);
    await foto(b, "destinatario-nuovo");
    await clicca(b, "dest-salva");
    await attendi(
      b,
      async () => {
        for (const r of await tutti(b, "iscritto")) if ((await r.getText()).includes("Popescu Ioana")) return true;
        return false;
      },
      "Ioana Popescu tra gli iscritti",
    );

    // At another visit the code is typed again: the form offers the person, DES-05.
    await b.execute(() => (location.hash = "#/destinatari/nuovo"));
    await scrivi(b, "dest-cf", cf.toLowerCase());
    const esistente = await id(b, "dest-esistente");
    assert.match(await esistente.getText(), /Popescu Ioana/);
    assert.ok(!(await (await id(b, "dest-salva")).isEnabled()), "non si crea una seconda volta");
    await clicca(b, "dest-usa-esistente");
    assert.equal(await (await id(b, "destinatario-nome")).getText(), "Popescu Ioana");
    assert.equal(await (await id(b, "destinatario-servizio")).getAttribute("data-id"), servizio.id);
  } finally {
    await w.chiudi("destinatario");
  }
});
