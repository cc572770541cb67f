import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ChartLibrary {
  readonly name: string;
  readonly version: string;
  readonly licence: string;
  /** The minified UMD build, ready to inline in a `<script>` element. */
  readonly source: string;
}

let cached: ChartLibrary | undefined;

/**
 * Chart.js's UMD build, read from the installed package at run time, so a report inlines it and opens offline.
 * Resolved from this module (the CLI's `dist/` or `src/`), where npm installs the demo's dependencies.
 */
export function chartLibrary(): ChartLibrary {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  // chart.js exports no subpaths; its main entry sits in dist/ beside the UMD build.
  const distDir = path.dirname(require.resolve('chart.js'));
  const packageJson = JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  const source = readFileSync(path.join(distDir, 'chart.umd.min.js'), 'utf8')
    // No source map to fetch at view time.
    .replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n')
    // Inside <script>, "</script" would end the element early.
    .replace(/<\/(script)/gi, '<\\/$1');
  cached = { name: 'Chart.js', version: packageJson.version, licence: packageJson.license, source };
  return cached;
}
