// A counsellor's path through the real window, on a database with the demo's
// schools: an intervento for a school plesso, activated; a servizio OR3 with
// numero famiglie; a class list imported from .xlsx with one row rejected
// (DES-01); two incontri with presences; the INC-06 deadline warning turning
// late as the (fixed) date moves on; closing; the register printed as a PDF
// that names the participants; a new orientatrice added in Impostazioni, whose
// reopening of the closed servizio is refused, and the coordinatore's accepted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { accedi, apriFinestra, attendi, conDemo, cli, clicca, foto, id, imposta, referenteEAttiva, scrivi, tutti } from "./finestra.js";

const CLASSE = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/classe-3A.xlsx");
const TITOLO = "Orientamento classi terze Beta";
const SERVIZIO = "Seminario con le famiglie della 3A";

/** The Oggi entries about our servizio's incontri, as {stato, testo}. */
async function scadenzeNostre(browser) {
  await clicca(browser, "nav-oggi");
  await id(browser, "conteggio-incontri-scadenza");
  const voci = await tutti(browser, "scadenza");
  const out = [];
  for (const v of voci) {
    const testo = await v.getText();
    if ((await v.getAttribute("data-kind")) === "incontro" && testo.includes(SERVIZIO)) {
      out.push({ stato: await v.getAttribute("data-stato"), testo, el: v });
    }
  }
  return out;
}

test("percorso di un orientatore: dall'intervento al registro stampato", async () => {
  const { dir, db } = conDemo("percorso");

  let w = await apriFinestra({ db, oggi: "2026-11-25" });
  await id(w.browser, "accedi-form");
  await accedi(w.browser);
  let servizioId;
  try {
    const b = w.browser;
    // Intervento for the plesso "Beta" of the IC Alfa, then activated.
    await clicca(b, "nav-interventi");
    await clicca(b, "intervento-nuovo");
    await scrivi(b, "intervento-titolo", TITOLO);
    await scrivi(b, "ente-cerca", "Beta");
    const risultato = await id(b, "ente-risultato");
    assert.match(await risultato.getText(), /Beta/);
    await risultato.click();
    await id(b, "ente-scelto");
    await clicca(b, "intervento-salva");
    assert.equal(await (await id(b, "intervento-titolo-scheda")).getText(), TITOLO);
    // Activating without a referente is refused, and the finding sits by the field.
    await clicca(b, "intervento-attiva");
    const int01 = await id(b, "segnalazione");
    assert.equal(await int01.getAttribute("data-code"), "INT-01");
    await foto(b, "intervento-int01");
    await clicca(b, "intervento-modifica");
    await referenteEAttiva(b, "nessun referente del plesso");
    await foto(b, "intervento");

    // Servizio OR3 (families) under it.
    await clicca(b, "servizio-nuovo");
    await imposta(b, "servizio-codice-azione", "OR3");
    await id(b, "servizio-numero-famiglie");
    await scrivi(b, "servizio-titolo", SERVIZIO);
    await scrivi(b, "servizio-durata", "4");
    await scrivi(b, "servizio-numero-destinatari", "5");
    await scrivi(b, "servizio-numero-famiglie", "3");
    const sede = await id(b, "servizio-sede");
    const sedi = await sede.$$("option");
    await imposta(b, "servizio-sede", await sedi[sedi.length - 1].getAttribute("value"));
    // General dati peculiari, copied onto the pupils enrolled afterwards (INC-05 needs them to close).
    for (const campo of ["servizio-dp-titolo", "servizio-dp-occupazione", "servizio-dp-abitativa"]) {
      const opzioni = await (await id(b, campo)).$$("option");
      await imposta(b, campo, await opzioni[1].getAttribute("value"));
    }
    // Target and CMS are mandatory (SER-04).
    for (const [voce, testo] of [["servizio-target-voce", "secondaria di I grado"], ["servizio-cms-voce", "Conoscenza di s"]]) {
      for (const v of await tutti(b, voce)) {
        if ((await (await v.parentElement()).getText()).includes(testo)) await v.click();
      }
    }
    await clicca(b, "servizio-salva");
    await id(b, "servizio-titolo-scheda");
    servizioId = (await b.getUrl()).split("/").pop();

    // Class list from the school's .xlsx: four pupils, one row refused with its code.
    await clicca(b, "servizio-tab-importa");
    await scrivi(b, "import-percorso", CLASSE);
    await clicca(b, "import-anteprima");
    await attendi(b, async () => (await tutti(b, "import-riga")).length === 5, "l'anteprima non mostra 5 righe");
    const errate = await b.$$('[data-testid="import-riga"][data-esito="errore"]');
    assert.equal(errate.length, 1, "una riga rifiutata");
    const codice = await errate[0].$('[data-testid="import-segnalazione"]');
    assert.equal(await codice.getAttribute("data-code"), "DES-01");
    assert.equal(await errate[0].getAttribute("data-riga"), "6");
    await foto(b, "importazione-anteprima");
    await clicca(b, "import-conferma");
    const fatto = await id(b, "import-risultato", 20000);
    assert.equal(await fatto.getAttribute("data-iscritti"), "4");

    // Two incontri with presences (one pupil absent at the first).
    for (const [giorno, inizio, fine, assente] of [
      ["2026-11-12", "09:00", "11:00", true],
      ["2026-11-13", "10:00", "12:00", false],
    ]) {
      await clicca(b, "servizio-tab-incontri");
      await clicca(b, "incontro-nuovo");
      await id(b, "incontro-form");
      await imposta(b, "incontro-data", giorno);
      await imposta(b, "incontro-inizio", inizio);
      await imposta(b, "incontro-fine", fine);
      await attendi(b, async () => (await (await id(b, "incontro-durata")).getAttribute("data-minuti")) === "120", "durata non calcolata");
      await scrivi(b, "incontro-famiglie", "2");
      const presenze = await tutti(b, "presenza");
      assert.equal(presenze.length, 4, "quattro iscritti nella lista delle presenze");
      if (assente) await presenze[1].click();
      await clicca(b, "incontro-salva");
      // Saved: the record opens, with its close button.
      await id(b, "incontro-chiudi");
      await clicca(b, "incontro-annulla");
    }
    await foto(b, "incontro");

    // 25/11: the first incontro is 13 days old, to be closed soon (amber).
    const prima = await scadenzeNostre(b);
    assert.ok(prima.length >= 1, "l'incontro del 12/11 compare tra le scadenze");
    assert.ok(prima.every((s) => s.stato === "avviso"), `stato il 25/11: ${prima.map((s) => s.stato)}`);
    await foto(b, "oggi-avviso");
  } finally {
    await w.chiudi("percorso-1");
  }

  // Three days later the same incontro is late (red): the window reads the date it is given.
  w = await apriFinestra({ db, oggi: "2026-11-28" });
  await accedi(w.browser);
  try {
    const b = w.browser;
    const dopo = await scadenzeNostre(b);
    const tardi = dopo.filter((s) => s.stato === "ritardo");
    assert.ok(tardi.length >= 1, `il 28/11 l'incontro del 12/11 è in ritardo: ${dopo.map((s) => s.stato)}`);
    await foto(b, "oggi-ritardo");

    // Close both incontri (opened from the servizio's list), then the servizio.
    const vai = (hash) => b.execute((h) => (location.hash = h), hash);
    await vai(`#/servizi/${servizioId}`);
    await clicca(b, "servizio-tab-incontri");
    await attendi(b, async () => (await tutti(b, "incontro-riga")).length === 2, "due incontri nel servizio");
    const incontri = [];
    for (const r of await tutti(b, "incontro-riga")) incontri.push(await r.getAttribute("data-id"));
    for (const inc of incontri) {
      await vai(`#/incontri/${inc}`);
      await clicca(b, "incontro-chiudi");
      await id(b, "incontro-riapri");
    }
    await vai(`#/servizi/${servizioId}`);
    await clicca(b, "servizio-chiudi");
    await id(b, "servizio-riapri");

    // The register "dopo", as a PDF that names the participants.
    const pdf = join(dir, "registro.pdf");
    await clicca(b, "servizio-tab-registro");
    await clicca(b, "registro-variante-dopo");
    await scrivi(b, "registro-percorso", pdf);
    await clicca(b, "registro-stampa");
    assert.equal(await (await id(b, "registro-risultato", 20000)).getText(), pdf);
    await foto(b, "registro");
    assert.ok(existsSync(pdf), "il PDF esiste");
    const testo = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    for (const nome of ["BIANCHI", "COLOMBO", "D'ANGELO", "ESPOSITO"]) {
      assert.ok(testo.toUpperCase().includes(nome), `il registro nomina ${nome}`);
    }
    assert.ok(!testo.toUpperCase().includes("FERRARI"), "la riga rifiutata non è nel registro");

    // The servizio's history: who closed it, from the window.
    await clicca(b, "servizio-tab-storia");
    await attendi(b, async () => (await tutti(b, "storia-voce")).length > 1, "la storia del servizio");
    const storia = await (await id(b, "storia")).getText();
    assert.ok(storia.includes("close_servizio"), "la chiusura è nella storia");
    assert.ok(storia.includes("finestra"), "fatta dalla finestra");
    await foto(b, "storia");

    // A copy of the database from Impostazioni, listed at once.
    await vai("#/impostazioni");
    await clicca(b, "copia-ora");
    assert.ok((await (await id(b, "copie-fatto")).getText()).includes("Copia scritta e verificata"));
    await attendi(b, async () => (await tutti(b, "copia")).length >= 1, "la copia nell'elenco");
    await foto(b, "copie");
    await clicca(b, "verifica-database");
    await attendi(b, async () => (await (await id(b, "copie-fatto")).getText()).includes("Il database è integro"), "la verifica del database");

    // Users: the coordinatore adds an orientatrice, then her login with its password.
    const ANNA = { utente: "anna.verdi", password: "la password di anna" };
    await scrivi(b, "orientatore-cognome", "Verdi");
    await scrivi(b, "orientatore-nome", "Anna");
    await clicca(b, "orientatore-crea");
    let anna;
    await attendi(b, async () => {
      for (const o of await (await id(b, "utente-nuovo-orientatore")).$$("option")) {
        if ((await o.getText()) === "Verdi Anna") anna = await o.getAttribute("value");
      }
      return !!anna;
    }, "Anna tra gli orientatori");
    await scrivi(b, "utente-nuovo-nome-utente", ANNA.utente);
    await scrivi(b, "utente-nuovo-nome", "Anna Verdi");
    await imposta(b, "utente-nuovo-orientatore", anna);
    await scrivi(b, "utente-nuovo-password", ANNA.password);
    await scrivi(b, "utente-nuovo-conferma", ANNA.password);
    await clicca(b, "utente-crea");
    assert.ok((await (await id(b, "utenti-fatto")).getText()).includes(ANNA.utente));
    await attendi(b, async () => (await b.$$(`[data-testid="utente"][data-nome-utente="${ANNA.utente}"]`)).length === 1, "Anna nell'elenco degli utenti");
    await b.execute((el) => el.scrollIntoView({ block: "start" }), await id(b, "utenti"));
    await b.pause(200);
    await foto(b, "utenti");

    // Locked: the login. Anna may not reopen the closed servizio (the core says who may)…
    await clicca(b, "esci");
    await id(b, "accedi-form");
    await attendi(b, async () => (await (await id(b, "accedi-utente")).getValue()) === "", "il modulo di accesso vuoto");
    await b.pause(300); // let WebKit paint the login before the picture
    await foto(b, "accesso");
    await accedi(b, ANNA);
    const riapri = async () => {
      await vai(`#/servizi/${servizioId}`);
      await clicca(b, "servizio-riapri");
      await scrivi(b, "servizio-riapri-motivo", "Firma mancante sul registro");
      await clicca(b, "servizio-riapri-conferma");
    };
    await riapri();
    const rifiuto = await id(b, "segnalazione");
    assert.equal(await rifiuto.getAttribute("data-code"), "SER-14");
    assert.match(await rifiuto.getText(), /spetta a un coordinatore, ma Anna Verdi è orientatore/);
    await foto(b, "riapertura-rifiutata");
    assert.ok(await (await b.$('[data-testid="servizio-riapri"]')).isExisting(), "il servizio resta chiuso");

    // …the coordinatore may.
    await clicca(b, "esci");
    await accedi(b);
    await riapri();
    await id(b, "servizio-chiudi");
  } finally {
    await w.chiudi("percorso-2");
  }
});
