// Runs on the fold thread (fold.ts). Built to dist/fold-worker.js as an entry of its own.
import { move } from 'piscina';
import { type FoldTask, foldParts } from './fold.ts';

export default function fold({ joined, lengths }: FoldTask): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const length of lengths) {
    parts.push(joined.subarray(offset, offset + length));
    offset += length;
  }
  return move(foldParts(parts)) as Uint8Array;
}
