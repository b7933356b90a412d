import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { azzera, chiamate, ok, risposte } from "../../test/tauri";

vi.mock("@tauri-apps/api/core", async () => {
  const t = await import("../../test/tauri");
  return { invoke: t.invokeFinto, Channel: t.ChannelFinto };
});

import CopieDatabase from "../CopieDatabase.svelte";
import { sessione } from "../../lib/sessione.svelte";

const copia = (quando: string, motivo: string) => ({ percorso: `/tmp/copie/${quando}.db`, quando, motivo, byte: 2097152 });

describe("database copies", () => {
  beforeEach(() => {
    azzera();
    sessione.carica = vi.fn(async () => {});
  });

  it("lists the copies, and restores one only after the confirmation", async () => {
    risposte.set("list_copie", ok([copia("2026-01-20T09:30:00", "giornaliera"), copia("2026-01-19T08:00:00", "prima_dell_aggiornamento")]));
    risposte.set("ripristina_copia", ok(copia("2026-01-20T10:00:00", "prima_del_ripristino")));
    const user = userEvent.setup();
    render(CopieDatabase);
    await waitFor(() => expect(screen.getAllByTestId("copia")).toHaveLength(2));
    expect(screen.getAllByTestId("copia")[1].textContent).toContain("prima dell'aggiornamento");
    expect(screen.getAllByTestId("copia")[0].textContent).toContain("20/01/2026 09:30");

    await user.click(screen.getAllByTestId("copia-scegli")[1]);
    expect(screen.getByTestId("ripristino-conferma").textContent).toContain("19/01/2026 08:00");
    expect(chiamate.some((c) => c.operazione === "ripristina_copia")).toBe(false);
    await user.click(screen.getByTestId("ripristino-annulla"));
    expect(screen.queryByTestId("ripristino-conferma")).toBeNull();

    await user.click(screen.getAllByTestId("copia-scegli")[1]);
    await user.click(screen.getByTestId("ripristino-conferma-si"));
    expect((await screen.findByTestId("copie-fatto")).textContent).toContain("Lo stato di prima è nella copia /tmp/copie/2026-01-20T10:00:00.db");
    const r = chiamate.find((c) => c.operazione === "ripristina_copia");
    expect(r?.input).toEqual({ percorso: "/tmp/copie/2026-01-19T08:00:00.db" });
    expect(sessione.carica).toHaveBeenCalled();
  });

  it("shows the core's refusal of a damaged copy", async () => {
    risposte.set("list_copie", ok([copia("2026-01-20T09:30:00", "a_mano")]));
    risposte.set("ripristina_copia", () => {
      throw { kind: "dati", message: "La copia /tmp/copie/x.db è danneggiata: non la uso.", field: null };
    });
    const user = userEvent.setup();
    render(CopieDatabase);
    await user.click(await screen.findByTestId("copia-scegli"));
    await user.click(screen.getByTestId("ripristino-conferma-si"));
    expect((await screen.findByTestId("errore")).textContent).toContain("danneggiata");
  });
});
