import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { defineBenchmark, type Item, renderExamPrompt, type SourceFile } from '@kensa/core';

/*
 * A two-question exam with images, written for the vision tests (not benchmark data). Its image files are two
 * tiny PNGs made here; the test writes them into a data directory and the benchmark pins their checksums, so
 * `--images vision` resolves and verifies them like any source.
 */

/** A valid 1×1 PNG of one colour (signature, IHDR, IDAT, IEND), built byte for byte. */
export function tinyPng(red: number, green: number, blue: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  // One scanline: filter byte 0, then the pixel's RGB.
  const stored = deflateSync(Buffer.from([0, red, green, blue]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', stored),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const fixtureImages: Readonly<Record<string, Buffer>> = {
  'images/900A1-1.png': tinyPng(255, 0, 0),
  'images/900A1-2.png': tinyPng(0, 0, 255),
};

const imageSource = (path: string): SourceFile => ({
  source: 'vision-exam',
  repository: 'github:kensa/vision-exam-fixture',
  revision: '0000000000000000000000000000000000000000',
  path,
  url: `https://example.invalid/0000000000000000000000000000000000000000/${path}`,
  sha256: createHash('sha256')
    .update(fixtureImages[path] as Buffer)
    .digest('hex'),
  encoding: 'base64',
});

const items: Item[] = [
  {
    id: '900A1',
    kind: 'choice',
    question: '胸部エックス線写真(別冊No.1A、B)を別に示す。診断はどれか。',
    choices: ['肺炎', '気胸', '胸水', '無気肺', '正常'],
    choose: 1,
    answer: ['b'],
    points: 1,
    exam: '900',
    year: 2030,
    block: 'A',
    section: 'all',
    hasImage: true,
    images: [
      { path: 'images/900A1-1.png', mediaType: 'image/png' },
      { path: 'images/900A1-2.png', mediaType: 'image/png' },
    ],
  },
  {
    id: '900A2',
    kind: 'choice',
    question: '成人の正常な安静時心拍数はどれか。',
    choices: ['20/分', '70/分', '150/分', '200/分', '250/分'],
    choose: 1,
    answer: ['b'],
    points: 1,
    exam: '900',
    year: 2030,
    block: 'A',
    section: 'all',
    hasImage: false,
  },
];

export default defineBenchmark({
  specificationVersion: 'v1',
  id: 'vision-exam-fixture',
  title: 'Vision exam (test fixture)',
  citation: 'Written for the Kensa tests.',
  licence: 'Apache-2.0',
  version: '1',
  sources: [],
  imageSources: Object.keys(fixtureImages).map(imageSource),
  parse: () => items,
  prompts: [
    {
      id: '0shot',
      description: 'the question alone',
      render: (item: Item) => renderExamPrompt(item, '0shot', []),
    },
  ],
  scoring: {
    kind: 'exam',
    rules: [
      {
        exam: '900',
        year: 2030,
        sections: [{ id: 'all', name: 'all', blocks: ['A'], passLine: 2, total: 2 }],
        maxKinki: 3,
        kinkiAnnotated: false,
        source: 'test fixture',
      },
    ],
    examOf: (item: Item) => item.exam ?? '',
  },
});
