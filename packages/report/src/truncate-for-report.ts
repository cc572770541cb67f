/**
 * The longest text the report inlines per field: a few explanations' worth. A longer reply (a model that never
 * stops, a server that sends megabytes) would make the report as large as the log.
 */
export const reportTextLimit = 20_000;

/** `text` cut to `reportTextLimit` characters, with a note saying how much more the run log holds. */
export function truncateForReport(text: string, limit = reportTextLimit): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n… [${text.length - limit} more characters not shown; the full text is in the run folder's log.jsonl]`;
}
