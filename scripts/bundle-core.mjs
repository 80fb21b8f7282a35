// Bundle a TypeScript entry (the pure core, test fixtures) into one ESM file Node can import without a TS loader.
import { build } from 'rolldown';

export async function bundleTs(input, outFile) {
  await build({ input, output: { file: outFile, format: 'esm' }, logLevel: 'silent' });
  return outFile;
}
