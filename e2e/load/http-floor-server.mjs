// The API scenario's floor: a bare node:http server that spends a fixed amount of synchronous
// CPU on every request (argv[2], milliseconds) and answers a small JSON body, as a cohort page
// would. It shows what tail latency 100 connections give on this machine for a given cost
// per request, with no database, framework or logging at all. Prints its port, then serves.
import { createServer } from 'node:http';

const workMs = Number(process.argv[2] ?? 0);
const body = JSON.stringify({ id: 'floor', name: 'A cohort', pad: 'x'.repeat(400) });
const server = createServer((_req, res) => {
  const until = performance.now() + workMs;
  while (performance.now() < until);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
