import { Piscina } from 'piscina';
import * as Y from 'yjs';

/**
 * A document's stored parts (its snapshot, then its log) folded into one update, re-encoded
 * through a Y.Doc so Yjs's garbage collection keeps the result small. Applied in one
 * transaction: each apply in its own cost 5 to 10 times as much for a log of small edits
 * (a 400-card board with 4,000 logged edits: 80–96 ms against 10–17 ms, 7 December), as
 * Yjs tidies up after every transaction.
 */
export function foldParts(parts: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Folds of less than this (the snapshot and the log together) are done in place: a fold
 * costs up to about 100 ms per MB (7 December: 7 ms for a 1,000-card board of 190 KB,
 * 85–120 ms for 5,000 cards, 365–476 ms for 20,000). On the thread a fold costs a hop, and
 * on a busy node the thread shares the cores with the event loop: under the persistence
 * benchmark's saturating load on one board of 800 KB (1.2–1.5 MB with its log), folding on
 * the thread let the log grow to 2.2–2.6 × the document between folds, as edits kept coming
 * while the thread waited for a core, against 1.5 × in place, which holds them back.
 */
export const IN_PLACE_BELOW_BYTES = 2 * 1024 * 1024;

/**
 * Larger folds run on a worker thread, where they hold no edit of any board on the node:
 * in place, a 20,000-card board's fold held the event loop for a second.
 */
export async function foldStoredParts(
  parts: Uint8Array[],
  { inPlaceBelowBytes = IN_PLACE_BELOW_BYTES } = {},
): Promise<Uint8Array> {
  const bytes = parts.reduce((sum, part) => sum + part.byteLength, 0);
  if (bytes < inPlaceBelowBytes) return foldParts(parts);
  // One buffer, moved rather than copied to the thread: the rows' bytes may be views into
  // buffers the database driver still uses.
  const joined = new Uint8Array(bytes);
  const lengths: number[] = [];
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
    lengths.push(part.byteLength);
  }
  const task: FoldTask = { joined, lengths };
  return (await foldPool().run(task, { transferList: [joined.buffer] })) as Uint8Array;
}

export interface FoldTask {
  joined: Uint8Array;
  lengths: number[];
}

let pool: Piscina | undefined;

/**
 * One thread, started on the first large fold and ended after a minute without one; an idle
 * thread does not keep the process alive. From source (tests, `pnpm dev`) the worker is
 * TypeScript, so it loads through tsx, as the rest of the source does.
 */
function foldPool(): Piscina {
  const fromSource = import.meta.url.endsWith('.ts');
  pool ??= new Piscina({
    filename: new URL(fromSource ? './fold-worker.ts' : './fold-worker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 60_000,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });
  return pool;
}
