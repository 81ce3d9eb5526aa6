// Loaded into every benchmarked server with `node --expose-gc --import ./probe.mjs`: on SIGUSR2
// it prints one `probe {json}` line with the event loop's longest stall and the GC pauses since
// the last ask, then the resident size and heap after a full collection, and starts over.

import { Session } from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let gcCount = 0;
let gcTotal = 0;
let gcMax = 0;
/** Collections the probe forced itself, and the stall they cause, are not the server's. */
let ignoreUntil = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.startTime <= ignoreUntil) continue;
    gcCount += 1;
    gcTotal += entry.duration;
    gcMax = Math.max(gcMax, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
/** HeapProfiler.collectGarbage: V8's collection of all available garbage, as on low memory. */
async function collectAllAvailableGarbage() {
  const session = new Session();
  session.connect();
  try {
    await new Promise((resolve, reject) =>
      session.post('HeapProfiler.collectGarbage', (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    session.disconnect();
  }
}

process.on('SIGUSR2', async () => {
  const figures = {
    loopMaxMs: loop.max / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
    gcCount,
    gcTotalMs: gcTotal,
    gcMaxMs: gcMax,
  };
  // With PROBE_ALL_GARBAGE=1 (the memory readings of many-boards), V8's collection of all
  // available garbage, as when memory runs out and before a heap snapshot: several rounds,
  // caches cleared, the young generation shrunk and free pages handed back, so what is resident
  // is what the server holds. Asked through an in-process inspector session: Node 20's `gc()`
  // ignores `flavor: 'last-resort'`, and its plain full collection left up to 80 MB a heap
  // snapshot then freed (6 December). Otherwise a plain full collection: the thorough one
  // shrinks the young generation, so the scenario timed next would pay extra scavenges.
  // The same for every server compared.
  if (process.env.PROBE_ALL_GARBAGE === '1') await collectAllAvailableGarbage();
  else globalThis.gc?.({ type: 'major', execution: 'sync' });
  const memory = process.memoryUsage();
  // Committed and used MB per V8 heap space: where a growth of the heap sits.
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics().map((space) => [
      space.space_name,
      [space.space_size / 2 ** 20, space.space_used_size / 2 ** 20],
    ]),
  );
  ignoreUntil = performance.now();
  process.stdout.write(
    `probe ${JSON.stringify({ ...figures, rssMb: memory.rss / 2 ** 20, heapUsedMb: memory.heapUsed / 2 ** 20, heapTotalMb: memory.heapTotal / 2 ** 20, externalMb: memory.external / 2 ** 20, arrayBuffersMb: memory.arrayBuffers / 2 ** 20, spaces })}\n`,
  );
  // Start the next window once the forced collection's stall has been seen by the histogram.
  setTimeout(() => {
    loop.reset();
    gcCount = 0;
    gcTotal = 0;
    gcMax = 0;
  }, 20);
});
