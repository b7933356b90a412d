// A young person who walks into the desk without a codice fiscale: registered
// by hand from a servizio, the code computed from the anagrafica (born
// abroad), enrolled at once; typed again later, the code finds the same
// person (DES-05) instead of making a second one. Then a class list whose
// closed values are written as schools write them: the forgivable ones read,
// the one not recognised decided once for its two rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { accedi, apriFinestra, attendi, conDemo, cli, clicca, foto, id, imposta, scrivi, tutti } from "./finestra.js";

test("destinatario a mano: codice fiscale calcolato, iscritto, ritrovato", async () => {
  const { dir, db } = conDemo("destinatario");
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

    // The class list: "Licenza media" and "Nessun disagio" are forgiven; "Terza media conclusa" is asked once.
    const codice = (cognome, nome, sesso, data_nascita) =>
      JSON.parse(cli(db, "call", "calcola_codice_fiscale", JSON.stringify({ cognome, nome, sesso, data_nascita, luogo: "A859" }))).value;
    const righe = [
      ["Ferro", "Alice", "F", "2012-03-04", "Terza media conclusa"],
      ["Grillo", "Bruno", "M", "2012-05-06", "terza  media conclusa"],
      ["Lupo", "Carla", "F", "2012-07-08", "Licenza media"],
    ];
    const csv = ["Codice fiscale;Cognome;Nome;Data di nascita;Telefono;Titolo di studio;Condizione abitativa"]
      .concat(righe.map(([c, n, sx, d, t]) => [codice(c, n, sx, d), c, n, d.split("-").reverse().join("/"), "333 7654321", t, "Nessun disagio"].join(";")))
      .join("\n");
    const file = join(dir, "classe-scuola.csv");
    writeFileSync(file, csv + "\n");
    await b.execute((h) => (location.hash = h), `#/servizi/${servizio.id}`);
    await clicca(b, "servizio-tab-importa");
    await scrivi(b, "import-percorso", file);
    await clicca(b, "import-anteprima");
    await attendi(b, async () => (await tutti(b, "import-decisione")).length === 1, "una decisione da prendere");
    const decisione = await id(b, "import-decisione");
    assert.equal(await decisione.getAttribute("data-valore"), "Terza media conclusa");
    assert.match(await decisione.getText(), /2 righe/);
    assert.equal(await b.$$('[data-testid="import-riga"][data-esito="errore"]').length, 0, "nessuna riga rifiutata");
    assert.ok(!(await (await id(b, "import-conferma")).isEnabled()), "non si importa prima di decidere");
    await imposta(b, "import-decisione-scelta", "licenza_media");
    await clicca(b, "import-anteprima");
    await attendi(b, async () => (await (await id(b, "import-decisione")).getAttribute("data-da-decidere")) === "false", "il valore deciso");
    await attendi(b, async () => (await b.$$('[data-testid="import-segnalazione"][data-code="DATI"]')).length === 0, "le righe lette con la decisione");
    await b.pause(300); // let WebKit paint the new plan before the picture
    await foto(b, "importazione-decisione");
    await clicca(b, "import-conferma");
    assert.equal(await (await id(b, "import-risultato", 20000)).getAttribute("data-iscritti"), "3");
  } finally {
    await w.chiudi("destinatario");
  }
});
