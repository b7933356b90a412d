import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import GraficoBarre from "../GraficoBarre.svelte";

const larghezza = (el: Element) => Number(el.getAttribute("width"));

describe("bar chart", () => {
  it("draws one bar per voce, proportional to the largest, with its label and value", () => {
    render(GraficoBarre, {
      titolo: "Ore per azione",
      unita: "h",
      testid: "indicatori-grafico",
      nome: "ore",
      voci: [
        { etichetta: "OR1 Colloquio", valore: 10 },
        { etichetta: "OR3 Seminario di informazione orientativa di gruppo", valore: 5 },
        { etichetta: "OR4", valore: 0 },
      ],
    });
    const grafico = screen.getByTestId("indicatori-grafico");
    expect(grafico.dataset.grafico).toBe("ore");
    expect(grafico.querySelector("figcaption")?.textContent).toBe("Ore per azione");

    const barre = screen.getAllByTestId("grafico-barra");
    expect(barre).toHaveLength(3);
    const [a, b, c] = barre.map(larghezza);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeCloseTo(a / 2, 5);
    expect(c).toBe(0);
    // Rows stacked one under the other.
    const y = barre.map((r) => Number(r.getAttribute("y")));
    expect(y[0]).toBeLessThan(y[1]);
    expect(y[1]).toBeLessThan(y[2]);

    const voci = screen.getAllByTestId("grafico-voce");
    expect(voci.map((v) => v.dataset.etichetta)).toEqual(["OR1 Colloquio", "OR3 Seminario di informazione orientativa di gruppo", "OR4"]);
    expect(voci[0].textContent).toContain("OR1 Colloquio");
    expect(voci[0].textContent).toContain("10 h");
    // A long label is cut on the chart, whole in its tooltip and in the accessible name.
    const testi = [...voci[1].querySelectorAll("text")].map((t) => t.textContent);
    expect(testi[0]).toMatch(/…$/);
    expect(voci[1].querySelector("title")?.textContent).toBe("OR3 Seminario di informazione orientativa di gruppo: 5 h");
    expect(grafico.querySelector("svg")?.getAttribute("aria-label")).toContain("OR1 Colloquio: 10 h");
    expect(screen.queryByTestId("grafico-vuoto")).toBeNull();
  });

  it("formats decimals the Italian way", () => {
    render(GraficoBarre, { titolo: "Ore", voci: [{ etichetta: "A.1", valore: 1.5 }] });
    expect(screen.getByTestId("grafico-voce").textContent).toContain("1,5");
  });

  it("says there is nothing to draw when there are no data", () => {
    render(GraficoBarre, { titolo: "Destinatari per target", voci: [] });
    expect(screen.getByTestId("grafico-vuoto").textContent).toMatch(/Nessun dato/);
    expect(screen.getByTestId("grafico").querySelector("svg")).toBeNull();
  });

  it("draws no bar when every value is zero", () => {
    render(GraficoBarre, { titolo: "Ore", voci: [{ etichetta: "A", valore: 0 }, { etichetta: "B", valore: 0 }] });
    expect(screen.getAllByTestId("grafico-barra").map(larghezza)).toEqual([0, 0]);
  });
});
