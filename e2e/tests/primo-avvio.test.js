// First start on a new database: the window asks for the first coordinatore,
// shows the recovery code once, offers the demo year,
// and after it the Oggi screen shows what is due. Also measures how long the
// window takes from start to its first interactive screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { accedi, apriFinestra, cartella, clicca, id, tutti, foto } from "./finestra.js";

test("primo avvio: dati dimostrativi, poi Oggi con le scadenze", async () => {
  const db = join(cartella("primo"), "sportello.db");
  const { browser, inizio, chiudi } = await apriFinestra({ db, oggi: "2026-11-25" });
  try {
    // A new desk: the first coordinatore is set up, the file created encrypted.
    await id(browser, "prepara-form", 15000);
    const ms = performance.now() - inizio;
    console.log(`avvio della finestra fino alla prima schermata interattiva: ${ms.toFixed(0)} ms`);
    await foto(browser, "preparazione");
    assert.ok(!existsSync(db), "nessun database prima della preparazione");
    await accedi(browser);
    assert.ok(existsSync(db), "il database è stato creato");
    await id(browser, "demo-inserisci", 15000);
    await foto(browser, "primo-avvio");

    await clicca(browser, "demo-inserisci");
    await id(browser, "demo-risultato", 30000);
    await clicca(browser, "nav-oggi");
    // The demo leaves recent incontri open: some are due.
    await browser.waitUntil(async () => (await tutti(browser, "scadenza")).length > 0, {
      timeout: 10000,
      timeoutMsg: "nessun incontro da chiudere dopo i dati dimostrativi",
    });
    await foto(browser, "oggi");
  } finally {
    await chiudi();
  }
});
