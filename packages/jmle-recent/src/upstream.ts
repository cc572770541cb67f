import type { SourceFile } from '@kensa/core';
import { igakuqa119ImageSha256, jmle2026ImageSha256 } from './image-sha256';

interface Pin {
  readonly source: string;
  readonly owner: string;
  readonly name: string;
  readonly revision: string;
}

function file(pin: Pin, path: string, sha256: string | undefined, encoding?: 'base64'): SourceFile {
  return {
    source: pin.source,
    repository: `github:${pin.owner}/${pin.name}`,
    revision: pin.revision,
    path,
    url: `https://raw.githubusercontent.com/${pin.owner}/${pin.name}/${pin.revision}/${path}`,
    ...(sha256 === undefined ? {} : { sha256 }),
    ...(encoding === undefined ? {} : { encoding }),
  };
}

/** The 119th exam's questions and key: naoto-iwase/IgakuQA119 (questions/ and the key beside them). */
const igakuqa119Data: Pin = {
  source: 'igakuqa119',
  owner: 'naoto-iwase',
  name: 'IgakuQA119',
  revision: '7480d9020722195a28df406526be9cb112f11cd4',
};

/** The 119th exam's images, checksummed at the commit they were read at (the same files, same paths). */
const igakuqa119Images: Pin = {
  source: 'igakuqa119',
  owner: 'docto-rin',
  name: 'IgakuQA119',
  revision: '2d942397cbaa1031ca139184bc4af16e1ffa202d',
};

const jmle2026: Pin = {
  source: 'jmle2026',
  owner: 'naoto-iwase',
  name: 'JMLE2026-Bench',
  revision: '76c4b29475d3008072a77a091a0d27df049dadcd',
};

const igakuqa119Sha256: Readonly<Record<string, string>> = {
  'questions/119A_json.json': 'a7d6c0a47376f6055eba929a4259444bceba8ea871e241fa9a4e8390f9db5fc8',
  'questions/119B_json.json': '61c7a16e253ed404b435a0ee2ce319eaa1b1381c01f8cd04e6b52aa4ceecf773',
  'questions/119C_json.json': '62c4feee93d9a91e6540d010a3f763c1cb93ca1dc54133896968853b68e07f0e',
  'questions/119D_json.json': '7824dcc62b9f080043532ad63412f7dfab9fb0426b077832b77e4410b84ac43f',
  'questions/119E_json.json': 'ea90dfa835726168fdafc1290fe55b2d9c5ccd6538158a2da887ad457d22b01d',
  'questions/119F_json.json': 'e38cba4a0fd0363005c6bc01746efd01f9d8bf0b6a71adcfb7c37634ee37eb57',
  'questions/correct_answers.csv': 'd0868534c703a4836c4663c43139c616b2cf423bec25169aeab1fc565adb4238',
};

export const igakuqa119KeyPath = 'questions/correct_answers.csv';

export function igakuqa119BlockPath(block: string): string {
  return `questions/119${block}_json.json`;
}

export function igakuqa119File(path: string): SourceFile {
  return file(igakuqa119Data, path, igakuqa119Sha256[path]);
}

/** Every pinned image of the 119th exam, by path (`images/119A15-1.png`). */
export const igakuqa119ImagePaths: readonly string[] = Object.keys(igakuqa119ImageSha256);

export function igakuqa119Image(path: string): SourceFile {
  return file(igakuqa119Images, path, igakuqa119ImageSha256[path], 'base64');
}

export const jmle2026DatasetPath = 'jmle2026_dataset.json';

export const jmle2026Dataset: SourceFile = file(
  jmle2026,
  jmle2026DatasetPath,
  '1b5e9acfc21468d4ca43c6ba0f2af997627d83bd52e66dc614847f213e648f0a',
);

export function jmle2026Image(path: string): SourceFile {
  return file(jmle2026, path, jmle2026ImageSha256[path], 'base64');
}

export function isPinnedJmle2026Image(path: string): boolean {
  return jmle2026ImageSha256[path] !== undefined;
}
