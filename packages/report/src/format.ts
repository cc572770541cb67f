/** `0.8523` → `85.2%`. */
export function percent(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(digits)}%`;
}

/** `[0.81, 0.88]` → `81.0–88.0`. */
export function percentRange([low, high]: readonly [number, number]): string {
  // A run with no answered item has no interval: a dash, never `NaN–NaN`.
  if (!Number.isFinite(low) || !Number.isFinite(high)) return '–';
  return `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}`;
}

/** `value.toFixed(digits)`, or a dash when there is no number (NaN from an empty run). */
export function fixed(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** Scores are whole points for most exams; keep one decimal when they are not. */
export function points(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
