// First start on a new database: the window asks for the first coordinatore,
// shows the recovery code once, then offers the demo year (after which Oggi
// shows what is due) or the guided set-up of a real desk (body, sede, first
// orientatore in one step). Also measures how long the window takes from
// start to its first interactive screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { accedi, apriFinestra, cartella, cli, clicca, id, scrivi, tutti, foto } from "./finestra.js";

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

test("primo avvio da zero: ente attuatore, sede e primo orientatore in un passo", async () => {
  const db = join(cartella("da-zero"), "sportello.db");
  const { browser: b, chiudi } = await apriFinestra({ db, oggi: "2026-11-25" });
  try {
    await id(b, "prepara-form", 15000);
    await accedi(b);
    const inizio = performance.now();
    await clicca(b, "demo-inizia-da-zero");
    await scrivi(b, "avvio-ente", "Agenzia Formativa Esempio");
    await scrivi(b, "avvio-sede", "Sportello di Vercelli");
    await scrivi(b, "avvio-comune", "Vercelli");
    await scrivi(b, "avvio-provincia", "vc");
    await scrivi(b, "avvio-cognome", "Bruno");
    assert.equal(JSON.parse(cli(db, "call", "list_enti_attuatori", "{}")).value.length, 0);
    await scrivi(b, "avvio-nome", "Elena");
    await b.pause(300); // let WebKit paint the last letters before the picture
    await foto(b, "avvio-guidato");
    await clicca(b, "avvio-salva");
    await id(b, "avvio-fatto", 15000);
    console.log(`primo avvio da zero, dal benvenuto allo sportello pronto (clic del test): ${(performance.now() - inizio).toFixed(0)} ms`);
    const imp = JSON.parse(cli(db, "call", "get_impostazioni", "{}")).value;
    const sedi = JSON.parse(cli(db, "call", "list_sedi", JSON.stringify({ ente_attuatore_id: imp.ente_attuatore_id }))).value;
    assert.equal(sedi[0].provincia, "VC");
    assert.ok(imp.orientatore_id, "il primo orientatore è quello della postazione");
    // Ready for the first intervento.
    await clicca(b, "avvio-interventi");
    await id(b, "intervento-form");
  } finally {
    await chiudi();
  }
});
