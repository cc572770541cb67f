import {
  type Benchmark,
  type ImageMode,
  type Item,
  imageDataUrls,
  imageModes,
  type PromptMode,
  skipImageQuestions,
  withImages,
} from '@kensa/core';
import { loadSources, type SourceOptions } from '@kensa/runner';
import { UsageError } from '../../usage-error';

/** `--images vision|blind|skip` (default blind). */
export function parseImageMode(value: string | undefined, api: string | undefined): ImageMode {
  const mode = value ?? 'blind';
  if (!(imageModes as readonly string[]).includes(mode)) {
    throw new UsageError(`--images must be one of ${imageModes.join(', ')}, not '${mode}'.`);
  }
  if (mode === 'vision' && api === 'completions') {
    throw new UsageError('--images vision needs the chat API: a completions endpoint takes no images.');
  }
  return mode as ImageMode;
}

/** A benchmark's questions made ready for one image mode. */
export interface ImagePlan {
  readonly benchmark: Benchmark;
  readonly items: readonly Item[];
  readonly wrap: (mode: PromptMode) => PromptMode;
  /** What the run does with image questions, for people (empty when there are none). */
  readonly note: string;
}

/**
 * Applies `--images` to one benchmark: `vision` resolves its image files (checksummed like any source) and
 * attaches them to the questions; `skip` leaves image questions out and scales exam pass lines to the points
 * kept; `blind` asks every question as text.
 */
export async function planImages(
  benchmark: Benchmark,
  items: readonly Item[],
  mode: ImageMode,
  sources: SourceOptions,
): Promise<ImagePlan> {
  const withImage = items.filter((item) => item.hasImage === true);
  const keep = { benchmark, items, wrap: (prompt: PromptMode) => prompt };
  if (withImage.length === 0) return { ...keep, note: '' };
  if (mode === 'blind') {
    return {
      ...keep,
      note: `${withImage.length} questions have images; asked without them (--images blind).`,
    };
  }
  if (mode === 'vision') {
    const files = benchmark.imageSources ?? [];
    const needed = new Set(items.flatMap((item) => (item.images ?? []).map((image) => image.path)));
    const urls = imageDataUrls(
      items,
      await loadSources(
        files.filter((file) => needed.has(file.path)),
        sources,
      ),
    );
    const unseen = withImage.filter((item) => (item.images ?? []).length === 0).length;
    return {
      ...keep,
      wrap: (prompt) => withImages(prompt, urls),
      note:
        `Sending ${needed.size} image files with the questions (--images vision)` +
        (unseen > 0 ? `; ${unseen} image questions have no image file in the data and go as text.` : '.'),
    };
  }
  const skipped = skipImageQuestions(benchmark, items);
  return {
    ...skipped,
    wrap: keep.wrap,
    note:
      benchmark.scoring.kind === 'exam'
        ? `Left out ${withImage.length} questions with images (--images skip); each pass line is scaled to the ` +
          'points kept (official line × kept points / all points).'
        : `Left out ${withImage.length} questions with images (--images skip); accuracy is over the rest.`,
  };
}
