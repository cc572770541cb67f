import { type Prediction, parseJsonl, validateRecord } from '@kensa/core';
import { predictionRecordSchema } from './records';

/** Reads IgakuQA's published prediction format: one `{"problem_id", "prediction", "explanation"}` a line. */
export function parsePredictionFile(text: string, file: string): Prediction[] {
  return parseJsonl(text, file).map(({ line, value }) => {
    const record = validateRecord(predictionRecordSchema, value, file, line);
    return {
      itemId: record.problem_id,
      answer: record.prediction,
      ...(record.explanation === undefined ? {} : { explanation: record.explanation }),
      file,
      line,
    };
  });
}
