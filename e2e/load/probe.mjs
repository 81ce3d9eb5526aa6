// Loaded into every benchmarked server with `node --expose-gc --import ./probe.mjs`: on SIGUSR2
// it prints one `probe {json}` line with the event loop's longest stall and the GC pauses since
// the last ask, then the resident size and heap after a full collection, and starts over.
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';

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
process.on('SIGUSR2', () => {
  const figures = {
    loopMaxMs: loop.max / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
    gcCount,
    gcTotalMs: gcTotal,
    gcMaxMs: gcMax,
  };
  // The collection V8 makes when memory runs out: it also shrinks the young generation and
  // hands free pages back, so what is resident is what the server holds, not what a burst of
  // short-lived garbage a moment ago made V8 keep (it would return that by itself after some
  // seconds of quiet). The same for every server compared.
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  const memory = process.memoryUsage();
  ignoreUntil = performance.now();
  process.stdout.write(
    `probe ${JSON.stringify({ ...figures, rssMb: memory.rss / 2 ** 20, heapUsedMb: memory.heapUsed / 2 ** 20, heapTotalMb: memory.heapTotal / 2 ** 20, externalMb: memory.external / 2 ** 20, arrayBuffersMb: memory.arrayBuffers / 2 ** 20 })}\n`,
  );
  // Start the next window once the forced collection's stall has been seen by the histogram.
  setTimeout(() => {
    loop.reset();
    gcCount = 0;
    gcTotal = 0;
    gcMax = 0;
  }, 20);
});
