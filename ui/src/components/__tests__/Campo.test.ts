import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { Operazione } from "../../lib/operazione.svelte";
import CampoProva from "./CampoProva.svelte";

describe("findings beside their field", () => {
  it("shows each finding next to the field it concerns and the rest in the banner", () => {
    const op = new Operazione();
    op.errori = [
      { code: "INC-01", severity: "errore", message: "L'ora di fine deve seguire l'inizio.", record: null, field: "ora_fine", forzabile: false },
      { code: "INC-08", severity: "errore", message: "Sovrapposto.", record: null, field: null, forzabile: false },
    ];
    op.avvisi = [{ code: "INC-07", severity: "avviso", message: "Durata fuori catalogo.", record: null, field: "ora_inizio", forzabile: false }];
    const { container } = render(CampoProva, { op });

    const fine = container.querySelector('[data-campo="ora_fine"]')!;
    expect(fine.querySelector('[data-code="INC-01"]')?.textContent).toContain("L'ora di fine deve seguire l'inizio.");
    const inizio = container.querySelector('[data-campo="ora_inizio"]')!;
    expect(inizio.querySelector('[data-code="INC-07"]')?.getAttribute("data-severity")).toBe("avviso");
    expect(inizio.querySelector('[data-code="INC-01"]')).toBeNull();

    const banner = screen.getByTestId("banner-segnalazioni");
    expect(banner.querySelector('[data-code="INC-08"]')).not.toBeNull();
    expect(banner.querySelector('[data-code="INC-01"]')).toBeNull();
    expect(fine.classList.contains("con-errore")).toBe(true);
    expect(inizio.classList.contains("con-errore")).toBe(false);
  });
});
