/** Calls `f` once typing pauses for `ms` (search as you type). */
export function conRitardo<A extends unknown[]>(f: (...a: A) => void, ms: number): ((...a: A) => void) & { annulla(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const g = (...a: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => f(...a), ms);
  };
  g.annulla = () => clearTimeout(timer);
  return g;
}
