/** `0.8523` → `85.2%`. */
export function percent(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(digits)}%`;
}

/** `[0.81, 0.88]` → `81.0–88.0`. */
export function percentRange([low, high]: readonly [number, number]): string {
  return `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}`;
}

/** Scores are whole points for most exams; keep one decimal when they are not. */
export function points(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
