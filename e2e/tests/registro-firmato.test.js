// A signed register read back in the real window (#13): the register of an open
// incontro of the demo year printed, signed (two boxes with a mere dash, too little
// ink to be sure) and scanned by `firma_registro` (the tests' scanner); in the
// incontro's screen the scan is read, its column shown as a strip of box crops, the
// two doubtful boxes decided by keyboard (one flipped with Space, both confirmed
// with Enter), the presences applied, the incontro closed, and the page kept as
// evidence beside it, shown and printed as copia conforme.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { accedi, apriFinestra, attendi, conDemo, cli, clicca, foto, id, scrivi, tutti, LOGIN } from "./finestra.js";

const FIRMA = process.env.SPORTELLO_FIRMA;

test("registro firmato: letto, due caselle incerte decise da tastiera, presenze registrate, incontro chiuso", async () => {
  const { dir, db } = conDemo("registro-firmato");
  const aperti = JSON.parse(cli(db, "--oggi", "2026-11-25", "call", "list_incontri_aperti", "{}")).value;
  // The open incontro of the servizio with most participants, up to today.
  let scelta = null;
  for (const a of aperti.filter((a) => a.incontro.data <= "2026-11-25")) {
    const s = JSON.parse(cli(db, "call", "get_servizio", JSON.stringify({ id: a.incontro.servizio_id }))).value;
    if (!scelta || s.iscritti.length > scelta.n) scelta = { n: s.iscritti.length, incontro: a.incontro };
  }
  assert.ok(scelta && scelta.n >= 5, "un incontro aperto con almeno cinque iscritti");
  const incontro = scelta.incontro;
  const scansione = join(dir, "registro-firmato.pdf");
  const firmato = JSON.parse(
    execFileSync(FIRMA, [db, incontro.servizio_id, incontro.id, scansione], {
      encoding: "utf8",
      env: { ...process.env, SPORTELLO_UTENTE: LOGIN.utente, SPORTELLO_PASSWORD: LOGIN.password },
    }),
  );
  assert.equal(firmato.incerte.length, 2);

  const w = await apriFinestra({ db, oggi: "2026-11-25" });
  try {
    const b = w.browser;
    await accedi(b);
    await b.execute((h) => (location.hash = h), `#/incontri/${incontro.id}`);
    await id(b, "incontro-form");
    await scrivi(b, "lettura-percorso", scansione);
    await clicca(b, "lettura-anteprima");
    await id(b, "lettura-riepilogo", 60000);
    const pagina = (await tutti(b, "lettura-pagina"))[0];
    assert.equal(await pagina.getAttribute("data-stato"), "letta");

    // This incontro's column comes first: its boxes, the two dashes doubtful.
    const dubbie = async () => {
      const out = [];
      for (const c of await tutti(b, "lettura-casella")) {
        if ((await c.getAttribute("data-dubbia")) === "true") out.push(await c.getAttribute("data-destinatario"));
      }
      return out;
    };
    const primaColonna = (await tutti(b, "lettura-colonna"))[0];
    assert.equal(await primaColonna.getAttribute("data-incontro"), incontro.id);
    assert.deepEqual(await dubbie(), firmato.incerte, "le due caselle col trattino, e solo loro, sono incerte");
    assert.match(await (await id(b, "lettura-avviso-incerte")).getText(), /incerte non verificate/);
    await foto(b, "lettura-revisione");

    // The first doubtful box has the focus: Space flips it, Enter confirms and
    // moves to the next doubtful one, Enter confirms that too.
    const casella = async (chi) => {
      for (const c of await tutti(b, "lettura-casella")) if ((await c.getAttribute("data-destinatario")) === chi) return c;
      throw new Error(`casella di ${chi}`);
    };
    const primaProposta = (await (await casella(firmato.incerte[0])).getAttribute("data-presente")) === "true";
    const secondaProposta = (await (await casella(firmato.incerte[1])).getAttribute("data-presente")) === "true";
    const attiva = () => b.execute(() => document.activeElement?.getAttribute("data-destinatario"));
    await attendi(b, async () => (await attiva()) === firmato.incerte[0], "il fuoco sulla prima casella incerta");
    await b.keys(" ");
    await b.keys("Enter");
    await attendi(b, async () => (await attiva()) === firmato.incerte[1], "Invio porta alla casella incerta seguente");
    await b.keys("Enter");
    await attendi(b, async () => (await dubbie()).length === 0, "nessuna casella incerta da verificare");
    assert.equal(await (await casella(firmato.incerte[0])).getAttribute("data-presente"), String(!primaProposta));
    assert.equal(await (await casella(firmato.incerte[1])).getAttribute("data-presente"), String(secondaProposta));
    await foto(b, "lettura-decise");

    await clicca(b, "lettura-applica");
    const risultato = await id(b, "lettura-risultato", 60000);
    assert.ok(Number(await risultato.getAttribute("data-registrate")) >= firmato.firmate.length + 2);
    const registrato = JSON.parse(cli(db, "call", "get_incontro", JSON.stringify({ id: incontro.id }))).value;
    const presente = (chi) => registrato.presenze.find((p) => p.destinatario_id === chi)?.presente;
    for (const chi of firmato.firmate) assert.equal(presente(chi), true, `firmata: ${chi}`);
    assert.equal(presente(firmato.incerte[0]), !primaProposta);
    assert.equal(presente(firmato.incerte[1]), secondaProposta);
    const assenti = registrato.presenze.filter((p) => !p.presente).map((p) => p.destinatario_id);
    for (const chi of assenti) assert.ok(!firmato.firmate.includes(chi));

    // The incontro closed; the page kept beside it, shown and printed as copia conforme.
    await clicca(b, "incontro-chiudi");
    await attendi(b, async () => !(await (await b.$('[data-testid="incontro-chiudi"]')).isExisting()), "incontro chiuso");
    assert.equal(JSON.parse(cli(db, "call", "get_incontro", JSON.stringify({ id: incontro.id }))).value.stato, "chiuso");
    await clicca(b, "scansione-mostra");
    await id(b, "scansione-immagine");
    const copia = join(dir, "copia-conforme.pdf");
    await scrivi(b, "scansione-percorso", copia);
    await clicca(b, "scansione-copia");
    await id(b, "scansione-copia-scritta");
    assert.ok(existsSync(copia));
    assert.match(execFileSync("pdftotext", [copia, "-"], { encoding: "utf8" }), /COPIA CONFORME ALL'ORIGINALE CARTACEO/);
    await b.execute(() => document.querySelector('[data-testid="scansioni"]')?.scrollIntoView());
    await foto(b, "registro-firmato-conservato");
  } finally {
    await w.chiudi("registro-firmato");
  }
});
