/** Lowercase choice letters in order: a, b, c, … */
export function choiceLetters(count: number): string[] {
  return Array.from({ length: count }, (_, index) => String.fromCharCode(97 + index));
}

/** The 0-based index of a lowercase letter, or -1. */
export function letterIndex(letter: string): number {
  return letter.length === 1 ? letter.charCodeAt(0) - 97 : -1;
}
