// A young person who walks into the desk, out of school and without a codice
// fiscale: a colloquio (OR2) opened for her at the desk, with no ente
// coinvolto (SER-07); she is registered by hand from it, the code computed
// from the anagrafica (born abroad), and enrolled at once. Then an
// intervento with the CPI that sent her, and under it a consulenza (OR6)
// where she is found by her code (SER-17). Typed again later, the code finds
// the same person (DES-05) instead of making a second one. Then a class list
// whose closed values are written as schools write them: the forgivable
// ones read, the one not recognised decided once for its two rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { accedi, apriFinestra, attendi, conDemo, cli, clicca, foto, id, imposta, referenteEAttiva, scrivi, tutti } from "./finestra.js";

/** The servizio form's fields for one young person out of school, after the action is chosen. */
async function servizioIndividuale(b) {
  await scrivi(b, "servizio-durata", "1");
  await scrivi(b, "servizio-numero-destinatari", "1");
  const sedi = await (await id(b, "servizio-sede")).$$("option");
  await imposta(b, "servizio-sede", await sedi[sedi.length - 1].getAttribute("value"));
  for (const campo of ["servizio-dp-titolo", "servizio-dp-occupazione", "servizio-dp-abitativa"]) {
    const opzioni = await (await id(b, campo)).$$("option");
    await imposta(b, campo, await opzioni[1].getAttribute("value"));
  }
  await clicca(b, "servizio-dp-disperso");
  for (const [voce, testo] of [["servizio-target-voce", "NEET"], ["servizio-cms-voce", "Conoscenza di s"]]) {
    for (const v of await tutti(b, voce)) {
      if ((await (await v.parentElement()).getText()).includes(testo)) await v.click();
    }
  }
  await clicca(b, "servizio-salva");
  await id(b, "servizio-titolo-scheda");
  return (await b.getUrl()).split("/").pop();
}

test("destinatario a mano: dal colloquio alla consulenza, codice fiscale calcolato, ritrovato", async () => {
  const { dir, db } = conDemo("destinatario");
  const servizi = JSON.parse(cli(db, "call", "list_servizi", "{}")).value;
  const classe = servizi.find((s) => s.modalita === "gruppo" && s.stato !== "chiuso" && s.codice_azione !== "OR3");

  const w = await apriFinestra({ db, oggi: "2026-11-25" });
  await accedi(w.browser);
  try {
    const b = w.browser;
    // The colloquio, standalone: nobody's school to name.
    await b.execute(() => (location.hash = "#/servizi/nuovo"));
    await imposta(b, "servizio-codice-azione", "OR2");
    const or2 = await servizioIndividuale(b);
    assert.match(await (await id(b, "servizio-titolo-scheda")).getText(), /^OR2/);
    const servizio = { id: or2 };
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

    // After the colloquio, a consulenza: an intervento with the CPI, activated, and the OR6 under it.
    await clicca(b, "nav-interventi");
    await clicca(b, "intervento-nuovo");
    await scrivi(b, "intervento-titolo", "Consulenza dopo il colloquio");
    await scrivi(b, "ente-cerca", "Impiego");
    const cpi = await id(b, "ente-risultato");
    assert.match(await cpi.getText(), /Centro per l'Impiego/);
    await cpi.click();
    await id(b, "ente-scelto");
    await referenteEAttiva(b, "il referente del CPI");
    await clicca(b, "servizio-nuovo");
    await imposta(b, "servizio-codice-azione", "OR6");
    const or6 = await servizioIndividuale(b);
    await scrivi(b, "destinatari-cerca", cf);
    await (await id(b, "destinatario-risultato")).click();
    await attendi(
      b,
      async () => {
        for (const r of await tutti(b, "iscritto")) if ((await r.getText()).includes("Popescu Ioana")) return true;
        return false;
      },
      "Ioana Popescu iscritta all'OR6",
    );
    await b.pause(300);
    await foto(b, "sportello-or6");
    const s6 = JSON.parse(cli(db, "call", "get_servizio", JSON.stringify({ id: or6 }))).value.servizio;
    assert.equal(s6.codice_azione, "OR6");
    assert.ok(s6.intervento_id, "l'OR6 sta sotto l'intervento");
    const s2 = JSON.parse(cli(db, "call", "get_servizio", JSON.stringify({ id: or2 }))).value.servizio;
    assert.deepEqual([s2.intervento_id, s2.ente_ids], [null, []], "il colloquio resta senza ente coinvolto");

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
    await b.execute((h) => (location.hash = h), `#/servizi/${classe.id}`);
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
