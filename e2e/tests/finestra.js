// Starting the real Sportello window under tauri-driver and finding things in it.
// Not a test file (node --test runs only *.test.js).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { remote } from "webdriverio";

const APP = process.env.SPORTELLO_APP;
const CLI = process.env.SPORTELLO_CLI;
const DRIVER = process.env.TAURI_DRIVER;
export const OUT = process.env.E2E_OUT ?? tmpdir();

/** A fresh folder for a test's database and files, removed when the process
 * ends (a region-year copy is a gigabyte) unless E2E_TIENI is set. */
const cartelle = [];
export const cartella = (nome) => {
  const c = mkdtempSync(join(tmpdir(), `sportello-e2e-${nome}-`));
  cartelle.push(c);
  return c;
};
process.on("exit", () => {
  if (process.env.E2E_TIENI) return;
  for (const c of cartelle) rmSync(c, { recursive: true, force: true });
});

/** Who the tests log in as: `init` makes them the first coordinatore. */
export const LOGIN = { utente: "coordinatore", password: "password di prova" };

/** Runs the command-line program on the same database (setup and checks only), logged in. */
export function cli(db, ...args) {
  return execFileSync(CLI, ["--db", db, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, SPORTELLO_UTENTE: LOGIN.utente, SPORTELLO_PASSWORD: LOGIN.password },
  });
}

/** A fresh folder with a database of the demo year on 25/11/2026: { dir, db }. */
export function conDemo(nome) {
  const dir = cartella(nome);
  const db = join(dir, "sportello.db");
  cli(db, "init");
  cli(db, "--oggi", "2026-11-25", "demo");
  return { dir, db };
}

/** The window opens on the login (or, on a new file, the set-up of the first
 * coordinatore, then the recovery code): pass it as `LOGIN`. */
export async function accedi(browser, { utente, password } = LOGIN) {
  await browser.waitUntil(
    async () =>
      (await (await browser.$('[data-testid="accedi-form"]')).isExisting()) ||
      (await (await browser.$('[data-testid="prepara-form"]')).isExisting()),
    { timeout: 20000, timeoutMsg: "né l'accesso né la preparazione del database" },
  );
  if (await (await browser.$('[data-testid="prepara-form"]')).isExisting()) {
    await scrivi(browser, "prepara-nome", "Coordinatrice di prova");
    await scrivi(browser, "prepara-utente", utente);
    await scrivi(browser, "prepara-password", password);
    await scrivi(browser, "prepara-conferma", password);
    await clicca(browser, "prepara-crea");
    await id(browser, "recupero-codice", 20000);
    await clicca(browser, "recupero-conservato");
  } else {
    await scrivi(browser, "accedi-utente", utente);
    await scrivi(browser, "accedi-password", password);
    await clicca(browser, "accedi-entra");
  }
  await id(browser, "utente-nome", 20000);
}

function portaLibera() {
  return new Promise((ok) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function attendiPorta(port, ms = 15000) {
  const fine = Date.now() + ms;
  while (Date.now() < fine) {
    const ok = await new Promise((r) => {
      const c = net.connect(port, "127.0.0.1", () => (c.end(), r(true)));
      c.on("error", () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver non risponde sulla porta ${port}`);
}

function finestraViva(db) {
  try {
    execFileSync("pgrep", ["-f", `sportello-desktop --db ${db} `]);
    return true;
  } catch {
    return false;
  }
}

/** Opens the window on `db` with today fixed to `oggi`; returns the browser and a closer. */
export async function apriFinestra({ db, oggi }) {
  const port = await portaLibera();
  const nativePort = await portaLibera();
  const driver = spawn(DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  await attendiPorta(port);
  const inizio = performance.now();
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: {
      "tauri:options": { application: APP, args: ["--db", db, "--oggi", oggi] },
    },
  });
  return {
    browser,
    inizio,
    /** Closes the window; the last screen is kept (`ultima-NOME.png`) for a failure's post-mortem. */
    chiudi: async (nome = "finestra") => {
      await foto(browser, `ultima-${nome}`).catch(() => {});
      await browser.deleteSession().catch(() => {});
      driver.kill();
      // The window holds its database's lock until it has exited: wait for that,
      // so the next window on the same file is not refused.
      for (let i = 0; i < 100 && finestraViva(db); i++) await new Promise((r) => setTimeout(r, 100));
    },
  };
}

/** The element with `data-testid`, once it is displayed. */
export async function id(browser, testid, timeout = 20000) {
  const el = await browser.$(`[data-testid="${testid}"]`);
  await el.waitForDisplayed({ timeout });
  return el;
}

/** All elements with `data-testid`. */
export const tutti = (browser, testid) => browser.$$(`[data-testid="${testid}"]`);

export async function scrivi(browser, testid, testo) {
  const el = await id(browser, testid);
  await el.clearValue();
  await el.setValue(testo);
  return el;
}

export async function clicca(browser, testid) {
  const el = await id(browser, testid);
  await el.waitForClickable({ timeout: 20000 });
  await el.click();
  return el;
}

/** A picture of the screen as a person sees it, taken from the X display
 * (WebKit's WebDriver screenshots need the compositor the window turns off). */
export async function foto(browser, nome) {
  await browser.pause(100); // the last change painted
  execFileSync("/usr/bin/import", ["-window", "root", join(OUT, `${nome}.png`)]);
}

/** Sets an input or select the way a person's typing would end (for date/time
 * inputs, which WebKit's WebDriver cannot type into), firing input and change. */
export async function imposta(browser, testid, valore) {
  const el = await id(browser, testid);
  await browser.execute(
    (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    el,
    valore,
  );
  return el;
}

/** Waits until `cond` holds, with a message that says what was expected. */
export const attendi = (browser, cond, messaggio, timeout = 20000) =>
  browser.waitUntil(cond, { timeout, timeoutMsg: messaggio });

/** In the intervento form, once its enti are chosen: their first referente, saved,
 * then the intervento activated from its page. `messaggio` says what failed to load. */
export async function referenteEAttiva(browser, messaggio) {
  await attendi(browser, async () => (await (await id(browser, "intervento-referente")).$$("option")).length > 1, messaggio);
  const referenti = await (await id(browser, "intervento-referente")).$$("option");
  await imposta(browser, "intervento-referente", await referenti[1].getAttribute("value"));
  await clicca(browser, "intervento-salva");
  await id(browser, "intervento-titolo-scheda");
  await clicca(browser, "intervento-attiva");
  await id(browser, "intervento-disattiva");
}
