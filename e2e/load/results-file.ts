/**
 * Every scenario writes its own part of e2e/load/results.json and RESULTS.md, so one can be
 * re-run alone without losing the others' figures. RESULTS.md keeps each part between
 * `<!-- name -->` markers, in the order below.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';

export const SECTIONS = [
  'fanout',
  'manyBoards',
  'coldLoad',
  'persistence',
  'api',
  'pageWeight',
] as const;
export type Section = (typeof SECTIONS)[number];

const JSON_FILE = new URL('results.json', import.meta.url);
const MD_FILE = new URL('RESULTS.md', import.meta.url);

export const versionOf = (name: string): string =>
  JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url), 'utf8'))
    .version as string;

export function machine() {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model.trim() ?? '',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

export function versions() {
  return {
    yjs: versionOf('yjs'),
    'y-websocket (reference server)': versionOf('y-websocket-server'),
    '@hocuspocus/server': versionOf('@hocuspocus/server'),
    '@hocuspocus/provider': versionOf('@hocuspocus/provider'),
    ws: versionOf('ws'),
    autocannon: versionOf('autocannon'),
  };
}

/** Replaces one scenario's figures (JSON) and its markdown part, keeping the rest. */
export function saveSection(section: Section, data: unknown, markdown: string) {
  const json = existsSync(JSON_FILE) ? JSON.parse(readFileSync(JSON_FILE, 'utf8')) : {};
  json.machine = machine();
  json.versions = { ...json.versions, ...versions() };
  json[section] = data;
  writeFileSync(JSON_FILE, `${JSON.stringify(json, null, 2)}\n`);

  const old = existsSync(MD_FILE) ? readFileSync(MD_FILE, 'utf8') : '';
  const parts = new Map<string, string>();
  for (const name of SECTIONS) {
    const match = new RegExp(`<!-- ${name} -->\\n([\\s\\S]*?)<!-- /${name} -->`).exec(old);
    if (match) parts.set(name, match[1]!);
  }
  parts.set(section, `${markdown.trim()}\n`);
  const m = machine();
  const v = json.versions as Record<string, string>;
  const header = [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench\` (full) or \`pnpm bench:quick\`; each part says when it was last run and in which mode.`,
    '',
    `Machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, Node ${m.node}. Versions: ${Object.entries(
      v,
    )
      .map(([k, x]) => `${k} ${x}`)
      .join(', ')}.`,
    '',
  ];
  const body = SECTIONS.filter((s) => parts.has(s)).map(
    (s) => `<!-- ${s} -->\n${parts.get(s)}<!-- /${s} -->\n`,
  );
  writeFileSync(MD_FILE, `${[...header, ...body].join('\n')}`);
}

export const stamp = (quick: boolean) =>
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${quick ? 'quick' : 'full'} mode`;

/**
 * Runs a scenario when its file is the one started (`tsx <scenario>.ts [--quick]`), then
 * exits: client libraries may leave timers behind.
 */
export function runWhenStarted(moduleUrl: string, run: (quick: boolean) => Promise<void>) {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  run(process.argv.includes('--quick')).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
