// A stand-in for the Tauri bridge: tests say what each operation answers.
import { vi } from "vitest";

export type Risposta = (input: unknown, args: Record<string, unknown>) => unknown;

export const risposte = new Map<string, Risposta>();
export const chiamate: { comando: string; operazione?: string; input?: unknown }[] = [];

export class ChannelFinto<T> {
  onmessage: (m: T) => void = () => {};
}

export const invokeFinto = vi.fn(async (comando: string, args: Record<string, unknown> = {}) => {
  const operazione = args.operazione as string | undefined;
  chiamate.push({ comando, operazione, input: args.input });
  const r = risposte.get(operazione ?? comando);
  if (!r) throw { kind: "dati", message: `operazione non prevista dal test: ${operazione ?? comando}`, field: null };
  return r(args.input, args);
});

export function azzera() {
  risposte.clear();
  chiamate.length = 0;
  invokeFinto.mockClear();
}

/** An answer of the core: `{ value, warnings }`. */
export function ok<T>(value: T, warnings: unknown[] = []) {
  return () => ({ value, warnings });
}
