// Preview of the built UI in a plain browser against a real database, without the
// Tauri window: serves dist/ and answers the window's commands by running the
// core's CLI (`sportello call`). For looking at screens (headless screenshots);
// not used by the app nor by the tests.
//   SPORTELLO_BIN=../target/release/sportello SPORTELLO_DB=/tmp/x.db [SPORTELLO_OGGI=2026-03-10] node tools/anteprima.mjs [porta]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { execFile } from "node:child_process";
import { extname, join, normalize } from "node:path";

const dist = new URL("../dist/", import.meta.url).pathname;
const bin = process.env.SPORTELLO_BIN ?? "sportello";
const db = process.env.SPORTELLO_DB ?? "/tmp/ui-anteprima.db";
const oggi = process.env.SPORTELLO_OGGI ?? new Date().toISOString().slice(0, 10);
const porta = Number(process.argv[2] ?? 4173);

const finto = `
window.__TAURI_INTERNALS__ = (() => {
  let n = 0; const cb = {};
  return {
    transformCallback(f) { const id = ++n; cb[id] = f; return id; },
    unregisterCallback(id) { delete cb[id]; },
    async invoke(cmd, args) {
      const a = { ...args }; if (a.avanzamento) a.avanzamento = a.avanzamento.id;
      const r = await fetch("/__invoke", { method: "POST", body: JSON.stringify({ cmd, args: a }) });
      const j = await r.json();
      if (!r.ok) throw j;
      return j;
    },
  };
})();`;

function call(op, input) {
  return new Promise((resolve) => {
    execFile(bin, ["--db", db, "--oggi", oggi, "call", op, JSON.stringify(input ?? {})], { maxBuffer: 64 << 20 }, (err, stdout) => {
      let j;
      try { j = JSON.parse(stdout); } catch { j = { kind: "database", message: String(stdout || err) }; }
      resolve({ ok: !err, j });
    });
  });
}

async function comando(cmd, args) {
  if (cmd === "chiama" || cmd === "chiama_con_avanzamento") return call(args.operazione, args.input);
  if (cmd === "info") {
    const r = await call("list_enti_attuatori", {});
    return { ok: true, j: { database: db, oggi, vuoto: r.ok && r.j.value.length === 0, versione: "anteprima" } };
  }
  if (cmd === "apri") return { ok: true, j: null };
  return { ok: false, j: { kind: "dati", message: `comando sconosciuto ${cmd}`, field: null } };
}

const tipi = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
createServer(async (req, res) => {
  if (req.method === "POST" && req.url === "/__invoke") {
    let body = "";
    for await (const c of req) body += c;
    const { cmd, args } = JSON.parse(body);
    const { ok, j } = await comando(cmd, args);
    res.writeHead(ok ? 200 : 400, { "content-type": "application/json" }).end(JSON.stringify(j));
    return;
  }
  const url = new URL(req.url, "http://x");
  const file = normalize(join(dist, url.pathname === "/" ? "index.html" : url.pathname));
  if (!file.startsWith(dist)) return res.writeHead(403).end();
  try {
    let data = await readFile(file);
    if (file.endsWith("index.html")) data = String(data).replace("<head>", `<head><script>${finto}</script>`);
    res.writeHead(200, { "content-type": tipi[extname(file)] ?? "application/octet-stream" }).end(data);
  } catch {
    res.writeHead(404).end();
  }
}).listen(porta, "127.0.0.1", () => console.log(`anteprima su http://127.0.0.1:${porta}/ (db ${db}, oggi ${oggi})`));
