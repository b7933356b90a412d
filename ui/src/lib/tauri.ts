// What exists only inside the desktop window: native dialogs, and a guard so
// the page opened in a plain browser says so instead of failing silently.
import { open, save } from "@tauri-apps/plugin-dialog";

/** Whether the page runs inside the Tauri window (the core is reachable). */
export function inFinestra(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** Native «open file» dialog; null when cancelled or outside the window. */
export async function scegliFile(titolo: string, estensioni: { nome: string; ext: string[] }[]): Promise<string | null> {
  if (!inFinestra()) return null;
  const scelto = await open({
    title: titolo,
    multiple: false,
    directory: false,
    filters: estensioni.map((e) => ({ name: e.nome, extensions: e.ext })),
  });
  return typeof scelto === "string" ? scelto : null;
}

/** Native «save as» dialog; null when cancelled or outside the window. */
export async function scegliDestinazione(titolo: string, predefinito: string, estensioni: { nome: string; ext: string[] }[]): Promise<string | null> {
  if (!inFinestra()) return null;
  const scelto = await save({
    title: titolo,
    defaultPath: predefinito,
    filters: estensioni.map((e) => ({ name: e.nome, extensions: e.ext })),
  });
  return scelto ?? null;
}

/** Native «choose folder» dialog; null when cancelled or outside the window. */
export async function scegliCartella(titolo: string): Promise<string | null> {
  if (!inFinestra()) return null;
  const scelto = await open({ title: titolo, multiple: false, directory: true });
  return typeof scelto === "string" ? scelto : null;
}

export const FOGLI = [{ nome: "Fogli di calcolo", ext: ["xlsx", "xls", "ods", "csv"] }];
export const PDF = [{ nome: "PDF", ext: ["pdf"] }];
export const CSV = [{ nome: "CSV del Ministero", ext: ["csv"] }];
export const EXCEL = [{ nome: "Excel", ext: ["xlsx"] }];
export const SCAMBIO = [{ nome: "File di scambio di Sportello", ext: ["sportello"] }];
