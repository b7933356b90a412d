// Rule findings beside the field they concern. The core decides; the UI only
// sorts what it said by `finding.field` so each message sits next to its input.
import type { Code } from "../bindings/Code";
import type { Finding } from "../bindings/Finding";

/** A rule's finding, or a malformed field (`DATI`) shown the same way beside its field. */
export type Segnalazione = Omit<Finding, "code"> & { code: Code | "DATI" };

/** Whether a finding concerns `campo` (also `campo.x` and `campo[3]`). */
export function concerne(f: Segnalazione, campo: string): boolean {
  const c = f.field;
  if (!c) return false;
  return c === campo || c.startsWith(campo + ".") || c.startsWith(campo + "[");
}

/** The findings of one field. */
export function perCampo<T extends Segnalazione>(findings: readonly T[], campo: string): T[] {
  return findings.filter((f) => concerne(f, campo));
}

/** The findings that no shown field takes: they go in the banner at the top. */
export function senzaCampo<T extends Segnalazione>(findings: readonly T[], campi: readonly string[]): T[] {
  return findings.filter((f) => !campi.some((c) => concerne(f, c)));
}

/** Whether any finding blocks (an error, as opposed to a warning or a deadline). */
export function blocca(findings: readonly Segnalazione[]): boolean {
  return findings.some((f) => f.severity === "errore");
}

const NOMI_SEVERITA: Record<Finding["severity"], string> = {
  errore: "Errore",
  avviso: "Avviso",
  ritardo: "In ritardo",
};

export function nomeSeverita(s: Finding["severity"]): string {
  return NOMI_SEVERITA[s] ?? s;
}
