import { seededRandom } from './frames.ts';

/** Socket.IO's `maxHttpBufferSize` in apps/server/src/realtime/socket-server.ts. */
export const MAX_SOCKET_MESSAGE_BYTES = 1_000_000;

export type PayloadKind =
  | 'nothing'
  | 'primitive'
  | 'array'
  | 'wrong field types'
  | 'ids that are not ids'
  | 'huge string'
  | 'deep nesting'
  | 'deep arrays'
  | '__proto__'
  | 'constructor.prototype'
  | 'binary'
  | 'binary inside'
  | 'valid'
  | 'valid with extra keys'
  | 'over the cap';

/** How the event is sent: with an acknowledgement, without, or with one that is not a function. */
export type AckMode = 'ack' | 'no ack' | 'not a function' | 'extra arguments';

export interface FuzzEvent {
  event: string;
  kind: PayloadKind;
  ack: AckMode;
  payload: unknown;
  /** Arguments sent after the payload (for 'not a function' and 'extra arguments'). */
  extra: unknown[];
  /**
   * A Socket.IO packet written as text straight to the connection, for payloads the client's
   * own encoder cannot serialise (it recurses, and runs out of stack long before the server).
   */
  raw?: string;
}

/**
 * Kinds a valid request can come out as: a real id in the right field (the server may answer
 * it with data); every other kind must be refused.
 */
export const MAY_BE_VALID = new Set<PayloadKind>(['valid', 'valid with extra keys', '__proto__']);

const FIELDS = ['cohortId', 'setId', 'groupId', 'page', 'idle'];
const PAGES = ['home', 'board', 'meeting', 'other'];

/**
 * A seeded stream of malformed (and now and then valid) Socket.IO events over `events`, so a
 * failing run can be replayed from its seed. `cohortId` is a real cohort the sender is in.
 */
export function fuzzEvents(seed: number, events: readonly string[], cohortId: string) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const uuid = () =>
    '00000000-0000-4000-8000-000000000000'.replace(/0/g, () => int(16).toString(16));
  const oddValue = (): unknown =>
    pick<() => unknown>([
      () => int(1e9) - 5e8,
      () => -0,
      () => 1e308,
      () => true,
      () => null,
      () => [],
      () => ({}),
      () => [cohortId],
      () => ({ cohortId }),
      () => 'x'.repeat(int(300)),
      () => '',
      () => uuid().toUpperCase(),
      () => `${uuid()} `,
    ])();
  const notAnId = () =>
    pick([
      '../../etc/passwd',
      '%00',
      '\u0000',
      "' or 1=1 --",
      '{{7*7}}',
      '$where',
      '\ud800',
      'ñ'.repeat(40),
      `${cohortId.slice(0, -1)}g`,
      cohortId.replace(/-/g, ''),
    ]);
  const validFor = (event: string): Record<string, unknown> => {
    if (event.startsWith('set:')) return { setId: uuid() };
    if (event.startsWith('group:')) return { groupId: uuid() };
    if (event === 'presence:set') return { cohortId, page: pick(PAGES), idle: random() < 0.5 };
    return { cohortId };
  };
  // As text: the server parses it, the client never has to build or encode it.
  const rawFor = (event: string, kind: PayloadKind) => {
    const levels = 1_000 + int(9_000);
    const deep =
      kind === 'deep arrays'
        ? `${'['.repeat(levels)}${']'.repeat(levels)}`
        : `{${JSON.stringify(validFor(event)).slice(1, -1)},"${pick(FIELDS)}":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;
    // "2" is a Socket.IO EVENT packet inside the engine's message; no ack id: none can come.
    return `2${JSON.stringify([event]).slice(0, -1)},${deep}]`;
  };
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));

  const payloadFor = (event: string, kind: PayloadKind): unknown => {
    switch (kind) {
      case 'nothing':
        return undefined;
      case 'primitive':
        return pick([0, 42, -1, true, false, null, 'cohort', cohortId, '']);
      case 'array':
        return [validFor(event), oddValue()];
      case 'wrong field types':
        return Object.fromEntries(FIELDS.map((f) => [f, oddValue()]));
      case 'ids that are not ids':
        return { ...validFor(event), [pick(['cohortId', 'setId', 'groupId'])]: notAnId() };
      case 'huge string':
        // Under the message cap: the server must parse it and refuse it.
        return {
          ...validFor(event),
          [pick(FIELDS)]: pick(['x', 'é', '\u{1F600}', '"\\']).repeat(50_000 + int(150_000)),
        };
      case 'deep nesting':
      case 'deep arrays':
        return undefined;
      case '__proto__':
        // Parsed from text: an object literal would set the prototype, not an own key.
        return JSON.parse(
          `{"__proto__":{"polluted":"yes","cohortId":"${cohortId}"},${JSON.stringify(validFor(event)).slice(1)}`,
        );
      case 'constructor.prototype':
        return {
          ...validFor(event),
          constructor: { prototype: { polluted: 'yes', toString: 'polluted' } },
        };
      case 'binary':
        return bytes(int(65_536));
      case 'binary inside':
        return { ...validFor(event), [pick(FIELDS)]: bytes(1 + int(4_096)) };
      case 'valid':
        return validFor(event);
      case 'valid with extra keys':
        return { ...validFor(event), [pick(['extra', 'role', 'userId', 'isAdmin'])]: oddValue() };
      case 'over the cap':
        return { ...validFor(event), text: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES + 1) };
    }
  };

  const KINDS: [PayloadKind, number][] = [
    ['nothing', 4],
    ['primitive', 8],
    ['array', 6],
    ['wrong field types', 12],
    ['ids that are not ids', 10],
    ['huge string', 4],
    ['deep nesting', 5],
    ['deep arrays', 3],
    ['__proto__', 8],
    ['constructor.prototype', 8],
    ['binary', 5],
    ['binary inside', 6],
    ['valid', 6],
    ['valid with extra keys', 6],
    ['over the cap', 0.5],
  ];
  const totalWeight = KINDS.reduce((sum, [, w]) => sum + w, 0);
  const pickKind = () => {
    let r = random() * totalWeight;
    for (const [kind, weight] of KINDS) {
      r -= weight;
      if (r < 0) return kind;
    }
    return KINDS[0]![0];
  };
  const ACKS: AckMode[] = [
    'ack',
    'ack',
    'ack',
    'ack',
    'no ack',
    'not a function',
    'extra arguments',
  ];

  return (): FuzzEvent => {
    const event = pick(events);
    const kind = pickKind();
    const ack = pick(ACKS);
    const extra =
      ack === 'not a function'
        ? // biome-ignore lint/suspicious/noThenProperty: a thenable where a callback belongs is one of the odd things a client may send.
          [pick(['not a function', 42, null, { then: 1 }])]
        : ack === 'extra arguments'
          ? [oddValue(), oddValue()]
          : [];
    if (kind === 'deep nesting' || kind === 'deep arrays')
      return {
        event,
        kind,
        ack: 'no ack',
        payload: undefined,
        extra: [],
        raw: rawFor(event, kind),
      };
    return { event, kind, ack, payload: payloadFor(event, kind), extra };
  };
}
