import type { z } from 'zod';
import { DatasetParseError } from './errors';

/** Validates one record with a zod schema, failing with the file, line and the fields that are wrong. */
export function validateRecord<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  line: number,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new DatasetParseError({ file, line, message: problems });
}
