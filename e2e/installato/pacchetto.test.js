// The installed package: its menu entry speaks Italian, its command line
// answers, and its window opens on a new database with the set-up of the
// first coordinatore (SPORTELLO_APP and SPORTELLO_CLI point into /usr/bin).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { apriFinestra, cartella, id, foto } from "../tests/finestra.js";

test("pacchetto installato: voce di menu, comando e finestra", async () => {
  const voci = readdirSync("/usr/share/applications").filter((f) => /^sportello/i.test(f));
  assert.equal(voci.length, 1, `una voce di menu: ${voci}`);
  const voce = readFileSync(join("/usr/share/applications", voci[0]), "utf8");
  assert.match(voce, /^Name=Sportello$/m);
  assert.match(voce, /^Comment=.*orientamento/m);
  assert.match(voce, /^Exec=sportello-desktop/m);

  const versione = execFileSync(process.env.SPORTELLO_CLI, ["--versione"], { encoding: "utf8" });
  assert.match(versione, /sportello \d+\.\d+\.\d+/);

  const db = join(cartella("installato"), "sportello.db");
  const { browser, inizio, chiudi } = await apriFinestra({ db, oggi: "2026-11-25" });
  try {
    await id(browser, "prepara-form", 20000);
    console.log(`finestra installata: prima schermata in ${(performance.now() - inizio).toFixed(0)} ms`);
    await foto(browser, "installato");
  } finally {
    await chiudi();
  }
});
