// A modello typed by hand: a school it is for, the CPI as coprogettatore and
// the service the CPI delivers. Saved without the CPI's person of reference and
// without the service's duration, each refusal sits by its field (MOD-05,
// MOD-06); completed, it is saved. Then a new intervento linked to it inherits
// the school and its referente, is activated, and gets an individual OR6 with
// a young person of the demo year enrolled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { accedi, apriFinestra, attendi, conDemo, cli, clicca, foto, id, imposta, scrivi, tutti } from "./finestra.js";

const TITOLO = "Scegliere con il Centro per l'Impiego";

/** Picks the first ente found for `testo` in the search whose input has `#campo`. */
async function scegliEnte(b, campo, testo) {
  const input = await b.$(`#${campo}`);
  await input.waitForExist({ timeout: 10000 });
  await input.setValue(testo);
  const risultato = await id(b, "ente-risultato");
  assert.match(await risultato.getText(), new RegExp(testo));
  await risultato.click();
  await attendi(b, async () => (await b.$$(`[data-testid="${campo}-ente"]`)).length > 0, `l'ente scelto in ${campo}`);
}

/** Whether the finding `code` is shown beside the field `campo`. */
async function segnalato(b, campo, code) {
  return (await b.$$(`.campo[data-campo="${campo}"] [data-testid="segnalazione"][data-code="${code}"]`)).length > 0;
}

test("modello a mano: coprogettatore, servizio esterno, poi un intervento con un OR6", async () => {
  const { db } = conDemo("modello");
  const w = await apriFinestra({ db, oggi: "2026-11-25" });
  await accedi(w.browser);
  try {
    const b = w.browser;
    await clicca(b, "nav-modelli");
    const prima = (await tutti(b, "modello-riga")).length;
    await clicca(b, "modello-nuovo");
    await scrivi(b, "modello-titolo", TITOLO);
    assert.equal(await (await id(b, "modello-anno")).getValue(), "2026/27");
    for (const voce of ["modello-target-voce", "modello-cms-voce"]) await (await tutti(b, voce))[0].click();
    await (await b.$('[data-testid="modello-azione"][data-id="OR6"]')).click();
    await scegliEnte(b, "modello-scuole", "Beta");
    await scegliEnte(b, "modello-coprogettatori", "Impiego");
    await clicca(b, "esterno-aggiungi");
    await scrivi(b, "esterno-titolo", "Il mercato del lavoro nel Biellese");
    // No person for the CPI, no duration for its service: refused, each by its field.
    await clicca(b, "modello-salva");
    await attendi(b, () => segnalato(b, "enti.referente_id", "MOD-05"), "MOD-05 accanto ai coprogettatori");
    assert.ok(await segnalato(b, "servizi_esterni", "MOD-06"), "MOD-06 accanto ai servizi esterni");
    assert.ok(!(await segnalato(b, "enti.ruolo", "MOD-05")), "MOD-05 non accanto alle scuole");
    assert.match(await (await b.$('.campo[data-campo="servizi_esterni"]')).getText(), /manca la durata/);
    await b.pause(300);
    await foto(b, "modello-rifiutato");

    const persona = await b.$('[data-testid="modello-coprogettatori-referente"]');
    await attendi(b, async () => (await persona.$$("option")).length > 1, "le persone del CPI");
    await persona.selectByIndex(1);
    const scuola = await b.$('[data-testid="modello-scuole-referente"]');
    await attendi(b, async () => (await scuola.$$("option")).length > 1, "i referenti della scuola");
    await scuola.selectByIndex(1);
    await scrivi(b, "esterno-ore", "2");
    await clicca(b, "modello-salva");
    await attendi(b, async () => (await tutti(b, "modello-riga")).length === prima + 1, "il modello nell'elenco");
    const modello = JSON.parse(cli(db, "call", "list_modelli", "{}")).value.find((m) => m.titolo === TITOLO);
    assert.equal(modello.servizi_esterni[0].durata_minuti, 120);
    const cpi = modello.enti.find((e) => e.ruolo === "coprogettatore");
    assert.ok(cpi.referente_id, "il CPI ha la sua persona di riferimento");
    assert.equal(modello.servizi_esterni[0].referente_id, cpi.referente_id);
    assert.deepEqual(modello.azioni, ["OR6"]);

    // Reopened, the form shows what was saved.
    await b.execute((h) => (location.hash = h), `#/modelli/${modello.id}`);
    await attendi(b, async () => (await b.$$('[data-testid="modello-coprogettatori-ente"]')).length === 1, "il coprogettatore riletto");
    assert.equal(await (await id(b, "esterno-ore")).getValue(), "2");

    // An intervento linked to it: the school and its referente come from the modello.
    await b.execute(() => (location.hash = "#/interventi/nuovo"));
    await scrivi(b, "intervento-titolo", "Colloqui di orientamento con il CPI");
    await attendi(b, async () => (await (await id(b, "intervento-modello")).$$("option")).length > 1, "i modelli tra cui scegliere");
    await imposta(b, "intervento-modello", modello.id);
    await clicca(b, "intervento-salva");
    await id(b, "intervento-titolo-scheda");
    const interventoId = (await b.getUrl()).split("/").pop();
    const intervento = JSON.parse(cli(db, "call", "get_intervento", JSON.stringify({ id: interventoId }))).value;
    assert.deepEqual(intervento.ente_ids, modello.enti.filter((e) => e.ruolo === "destinatario").map((e) => e.ente_id));
    assert.ok(intervento.referente_id);
    await clicca(b, "intervento-attiva");
    await id(b, "intervento-disattiva");

    // An individual OR6 under it, and a young person of the demo year enrolled.
    await clicca(b, "servizio-nuovo");
    await imposta(b, "servizio-codice-azione", "OR6");
    await scrivi(b, "servizio-durata", "1");
    await scrivi(b, "servizio-numero-destinatari", "1");
    const sedi = await (await id(b, "servizio-sede")).$$("option");
    await imposta(b, "servizio-sede", await sedi[sedi.length - 1].getAttribute("value"));
    for (const voce of ["servizio-target-voce", "servizio-cms-voce"]) await (await tutti(b, voce))[0].click();
    await clicca(b, "servizio-salva");
    assert.match(await (await id(b, "servizio-titolo-scheda")).getText(), /^OR6/);
    const giovane = JSON.parse(cli(db, "call", "search_destinatari", JSON.stringify({ testo: "a", limite: 1 }))).value[0];
    await scrivi(b, "destinatari-cerca", giovane.codice_fiscale);
    const trovato = await id(b, "destinatario-risultato");
    await trovato.click();
    await attendi(
      b,
      async () => {
        for (const r of await tutti(b, "iscritto")) if ((await r.getAttribute("data-id")) === giovane.id) return true;
        return false;
      },
      "il giovane iscritto all'OR6",
    );
    await b.pause(300);
    await foto(b, "modello-or6");
  } finally {
    await w.chiudi("modello");
  }
});
