// Enti typed by hand: a company with its tutor as referente, then chosen as
// the ente coinvolto of an OR8 (a visit to a workplace); then the registers
// of a whole intervento printed in one PDF from its scheda; in Impostazioni a
// sede corrected and an orientatore deactivated and reactivated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { accedi, apriFinestra, attendi, conDemo, cli, clicca, foto, id, imposta, scrivi, tutti } from "./finestra.js";

const AZIENDA = "Lanificio Esempio S.p.A.";

test("enti a mano: un'azienda con il suo referente, poi in un OR8", async () => {
  const { dir, db } = conDemo("enti");

  const w = await apriFinestra({ db, oggi: "2026-11-25" });
  await accedi(w.browser);
  try {
    const b = w.browser;
    await clicca(b, "nav-enti");
    await clicca(b, "ente-nuovo");
    await imposta(b, "ente-form-tipo", "azienda");
    await scrivi(b, "ente-form-nome", AZIENDA);
    await scrivi(b, "ente-form-indirizzo", "Via della Lana 3");
    await scrivi(b, "ente-form-comune", "Biella");
    await scrivi(b, "ente-form-provincia", "bi");
    await clicca(b, "ente-form-salva");
    assert.equal(await (await id(b, "ente-nome")).getText(), AZIENDA);

    await clicca(b, "referente-nuovo");
    await scrivi(b, "referente-cognome", "Ferrero");
    await scrivi(b, "referente-nome", "Marta");
    await scrivi(b, "referente-ruolo", "tutor aziendale");
    await scrivi(b, "referente-telefono", "015 123456");
    await clicca(b, "referente-salva");
    await attendi(b, async () => (await tutti(b, "referente")).length === 1, "il referente nella scheda");
    assert.match(await (await id(b, "referente")).getText(), /Ferrero Marta\s*tutor aziendale/);
    await foto(b, "ente-azienda");
    const enteId = (await b.getUrl()).split("/").pop();
    const scheda = JSON.parse(cli(db, "call", "get_ente", JSON.stringify({ id: enteId }))).value;
    assert.equal(scheda.ente.provincia, "BI");
    assert.equal(scheda.referenti[0].ruolo, "tutor aziendale");

    // An OR8 on its own (no intervento), with the company as ente coinvolto.
    await clicca(b, "nav-servizi");
    await clicca(b, "servizio-nuovo");
    await imposta(b, "servizio-codice-azione", "OR8");
    await scrivi(b, "servizio-titolo", "Visita al lanificio");
    await scrivi(b, "servizio-durata", "4");
    await scrivi(b, "servizio-numero-destinatari", "12");
    const sedi = await (await id(b, "servizio-sede")).$$("option");
    await imposta(b, "servizio-sede", await sedi[sedi.length - 1].getAttribute("value"));
    await scrivi(b, "ente-cerca", "Lanificio");
    const trovato = await id(b, "ente-risultato");
    assert.match(await trovato.getText(), /Lanificio/);
    await trovato.click();
    await id(b, "ente-scelto");
    for (const voce of ["servizio-target-voce", "servizio-cms-voce"]) {
      const voci = await tutti(b, voce);
      await voci[0].click();
    }
    await clicca(b, "servizio-salva");
    await id(b, "servizio-titolo-scheda");
    const servizioId = (await b.getUrl()).split("/").pop();
    const s = JSON.parse(cli(db, "call", "get_servizio", JSON.stringify({ id: servizioId }))).value.servizio;
    assert.equal(s.codice_azione, "OR8");
    assert.deepEqual(s.ente_ids, [enteId]);

    // The registers of a demo intervento, in one PDF, with the progress bar.
    const intervento = JSON.parse(cli(db, "call", "list_interventi", "{}")).value[0];
    const nServizi = JSON.parse(cli(db, "call", "list_servizi", JSON.stringify({ intervento_id: intervento.id }))).value.length;
    await b.execute((h) => (location.hash = h), `#/interventi/${intervento.id}`);
    const pdf = join(dir, "registri-intervento.pdf");
    await scrivi(b, "registri-percorso", pdf);
    await clicca(b, "registri-stampa");
    const fatto = await id(b, "registri-fatto", 60000);
    assert.equal(await fatto.getAttribute("data-registri"), String(nServizi));
    await foto(b, "registri-intervento");
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    assert.match(info, /Pages:\s+[1-9]/);

    // Impostazioni: a sede corrected, an orientatore deactivated and back.
    await b.execute(() => (location.hash = "#/impostazioni"));
    await clicca(b, "sede-modifica");
    await scrivi(b, "sede-comune", "Cossato Spolina");
    await clicca(b, "sede-crea");
    await attendi(b, async () => (await (await id(b, "sede")).getText()).includes("Cossato Spolina"), "la sede corretta");
    const primo = async () => (await tutti(b, "orientatore"))[0];
    await (await (await primo()).$('[data-testid="orientatore-disattiva"]')).click();
    await attendi(b, async () => (await (await primo()).getAttribute("data-attivo")) === "false", "l'orientatore disattivato");
    await (await (await primo()).$('[data-testid="orientatore-riattiva"]')).click();
    await attendi(b, async () => (await (await primo()).getAttribute("data-attivo")) === "true", "l'orientatore riattivato");

    // A sede closed: its servizi stay, and a new servizio cannot be opened there.
    const cossato = async () => {
      for (const s of await tutti(b, "sede")) if ((await s.getText()).startsWith("Sede di Cossato")) return s;
      throw new Error("la sede di Cossato");
    };
    await (await (await cossato()).$('[data-testid="sede-disattiva"]')).click();
    await attendi(b, async () => (await (await cossato()).getAttribute("data-attivo")) === "false", "la sede chiusa");
    await b.pause(300);
    await foto(b, "sede-chiusa");
    await b.execute(() => (location.hash = "#/servizi/nuovo"));
    const offerte = [];
    for (const o of await (await id(b, "servizio-sede")).$$("option")) offerte.push(await o.getText());
    assert.ok(offerte.some((t) => t.startsWith("Sede di Biella")) && !offerte.some((t) => t.startsWith("Sede di Cossato")), offerte.join(", "));
    const chiusa = JSON.parse(cli(db, "call", "list_sedi", "{}")).value.find((x) => !x.attivo);
    const suoi = JSON.parse(cli(db, "call", "list_servizi", "{}")).value.filter((x) => x.sede_id === chiusa.id);
    assert.ok(suoi.length > 0, "i servizi della sede chiusa restano");
  } finally {
    await w.chiudi("enti");
  }
});
