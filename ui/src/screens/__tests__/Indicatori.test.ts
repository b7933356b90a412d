import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { azzera, chiamate, risposte } from "../../test/tauri";

vi.mock("@tauri-apps/api/core", async () => {
  const t = await import("../../test/tauri");
  return { invoke: t.invokeFinto, Channel: t.ChannelFinto };
});

import Indicatori from "../Indicatori.svelte";
import { sessione } from "../../lib/sessione.svelte";

const riga = (codice: string, nome: string, ore: number, destinatari: number) => ({
  catalogo: "piemonte-oop", codice_azione: codice, nome, servizi_attivi: 3, servizi_avviati: 3, servizi_chiusi: 1,
  servizi_chiusi_in_ritardo: 1, incontri: 5, incontri_individuali: 0, incontri_di_gruppo: 5, incontri_chiusi: 4,
  incontri_chiusi_in_ritardo: 2, incontri_aperti_in_ritardo: 0, minuti: ore * 60, ore, destinatari,
});

const indicatori = (dal: string, al: string) => ({
  ambito: { dal, al, ente_attuatore_id: null, territorio: null },
  oggi: "2026-11-25",
  destinatari: {
    totale: 53, femmine: 28, maschi: 25, con_disabilita: 2, dispersi: 0,
    per_target: [{ voce: "Allievi della scuola secondaria di I grado", destinatari: 53 }],
    per_classe: [{ voce: "3", destinatari: 53 }],
  },
  famiglie: { servizi: 3, numero_famiglie: 40, presenze_famiglie: 12 },
  azioni: [riga("OR3", "Seminario di gruppo", 10, 53), riga("OR1", "Colloquio", 2.5, 4)],
  totale: { ...riga("Totale", "", 12.5, 57), catalogo: "" },
  costi: [{
    catalogo: "umbria", codice_azione: "A.1", modalita: "gruppo", ucs_euro_ora: 33, riconosciuto: true, incontri: 2, minuti: 120, ore: 2,
    partecipazioni: 8, costo: 66, costo_per_partecipazione: 8.25, incontri_oltre_numerosita: 0, incontri_esclusi: 1, fonte: "seed 004",
  }],
  costo_riconosciuto: 66,
  fisici: [
    { codice: "1.1", descrizione: "N° utenti informazione", servizio: "A.1 Informazione", valore: 7, lettura: "Destinatari presenti ad A.1." },
    { codice: "2.2", descrizione: "Patto di servizio", servizio: "A.2 Accoglienza", valore: null, lettura: "Non calcolabile: Sportello non registra il Patto di servizio." },
  ],
});

describe("indicators screen", () => {
  beforeEach(() => {
    azzera();
    sessione.info = { database: "/tmp/x.db", oggi: "2026-11-25", vuoto: false, versione: "0.1.0" };
    risposte.set("calcola_indicatori", (input) => {
      const i = input as { dal: string; al: string };
      return { value: indicatori(i.dal, i.al), warnings: [] };
    });
  });

  it("computes the current school year at once, per action, with charts, costs and physical indicators", async () => {
    render(Indicatori);
    expect((screen.getByTestId("indicatori-dal") as HTMLInputElement).value).toBe("2026-09-01");
    expect((screen.getByTestId("indicatori-al") as HTMLInputElement).value).toBe("2027-08-31");
    const righe = await screen.findAllByTestId("indicatori-azione");
    expect(chiamate[0].input).toEqual({ percorso: null, dal: "2026-09-01", al: "2027-08-31", ente_attuatore_id: null, territorio: null });
    expect(righe.map((r) => r.dataset.codice)).toEqual(["OR3", "OR1"]);
    expect(righe[1].textContent).toContain("2,5");

    const grafici = screen.getAllByTestId("indicatori-grafico");
    expect(grafici.map((g) => g.dataset.grafico)).toEqual(["ore", "target"]);
    const ore = grafici[0].querySelectorAll('[data-testid="grafico-barra"]');
    expect(Number(ore[1].getAttribute("width"))).toBeCloseTo(Number(ore[0].getAttribute("width")) / 4, 5);

    expect(screen.getByTestId("indicatori-costo-totale").textContent?.replace(/\s/g, " ")).toBe("66,00 €");
    const fisici = screen.getAllByTestId("indicatori-fisico");
    expect(fisici.map((f) => [f.dataset.codice, f.dataset.calcolabile])).toEqual([["1.1", "true"], ["2.2", "false"]]);
    expect(fisici[1].textContent).toContain("Non calcolabile");
    expect(screen.getByTestId("indicatori-disabilita").textContent).toContain("2");
  });

  it("recomputes another period on Enter, and shows the core's refusal", async () => {
    const user = userEvent.setup();
    render(Indicatori);
    await screen.findAllByTestId("indicatori-azione");
    risposte.set("calcola_indicatori", () => {
      throw { kind: "dati", message: "Periodo vuoto: «dal» (01/09/2027) viene dopo «al» (31/08/2026).", field: null };
    });
    const dal = screen.getByTestId("indicatori-dal");
    await user.clear(dal);
    await user.type(dal, "2027-09-01{Enter}");
    await waitFor(() => expect(screen.getByTestId("errore").textContent).toContain("Periodo vuoto"));
    expect(chiamate.at(-1)?.input).toMatchObject({ dal: "2027-09-01" });
    expect(screen.queryAllByTestId("indicatori-azione")).toHaveLength(0);
  });
});
