import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** A seeded generator (mulberry32), so a failing run can be replayed from its printed seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Well-formed messages a real client sends, as material to mutate. */
function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  const cards = doc.getMap('cards');
  const card = new Y.Map<unknown>();
  card.set('text', new Y.Text('a card with some text'));
  card.set('votes', 3);
  cards.set('card-1', card);
  doc.getArray('order').push(['card-1', 'card-2']);
  const update = Y.encodeStateAsUpdate(doc);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ cursor: { x: 10, y: 20 }, name: 'Fuzz' });
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  return [
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, update);
    }),
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    }),
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(e, awarenessUpdate);
    }),
  ];
}

export type FrameKind =
  | 'random bytes'
  | 'truncated varint'
  | 'unknown message type'
  | 'garbage in sync frame'
  | 'mutated valid frame'
  | 'broken awareness JSON'
  | 'text frame'
  | 'over the size cap';

export interface FuzzFrame {
  kind: FrameKind;
  data: Uint8Array | string;
}

/** An endless mix of malformed y-websocket frames, from one seed. */
export function fuzzFrames(seed: number, maxMessageBytes: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const seeds = validFrames();
  const makers: [number, () => FuzzFrame][] = [
    [20, () => ({ kind: 'random bytes', data: bytes(int(200)) })],
    [
      8,
      () => ({
        kind: 'truncated varint',
        // Continuation bits set on every byte: the number never ends.
        data: Uint8Array.from({ length: 1 + int(12) }, () => 0x80 | int(128)),
      }),
    ],
    [
      8,
      () => ({
        kind: 'unknown message type',
        data: frame((e) => {
          encoding.writeVarUint(e, 4 + int(100_000));
          encoding.writeUint8Array(e, bytes(int(50)));
        }),
      }),
    ],
    [
      20,
      () => ({
        kind: 'garbage in sync frame',
        data: frame((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, int(4));
          encoding.writeVarUint8Array(e, bytes(int(300)));
        }),
      }),
    ],
    [
      30,
      () => {
        const base = seeds[int(seeds.length)]!.slice();
        const mutated = Array.from(base);
        for (let i = 1 + int(4); i > 0; i--) {
          const op = int(3);
          const at = int(mutated.length);
          if (op === 0) mutated[at] = int(256);
          else if (op === 1) mutated.splice(at, 1 + int(4));
          else mutated.splice(at, 0, ...bytes(1 + int(4)));
        }
        if (random() < 0.3) mutated.length = int(mutated.length);
        return { kind: 'mutated valid frame', data: Uint8Array.from(mutated) };
      },
    ],
    [
      10,
      () => {
        const broken = ['{"cursor":', '{"a":1', 'nul', '[1,2', '{"user":{"name":"x"}', '\u0000'][
          int(6)
        ]!;
        return {
          kind: 'broken awareness JSON',
          data: frame((e) => {
            encoding.writeVarUint(e, MESSAGE_AWARENESS);
            encoding.writeVarUint8Array(
              e,
              frame((a) => {
                encoding.writeVarUint(a, 1);
                encoding.writeVarUint(a, 1 + int(2 ** 30));
                encoding.writeVarUint(a, int(1000));
                encoding.writeVarString(a, broken);
              }),
            );
          }),
        };
      },
    ],
    [2, () => ({ kind: 'text frame', data: 'not a binary frame' })],
  ];
  const total = makers.reduce((n, [w]) => n + w, 0);
  let produced = 0;
  return (): FuzzFrame => {
    produced += 1;
    // One in 500 is just over the cap: enough to test it, few enough to stay quick.
    if (produced % 500 === 0)
      return { kind: 'over the size cap', data: new Uint8Array(maxMessageBytes + 1) };
    let pick = random() * total;
    for (const [weight, make] of makers) {
      pick -= weight;
      if (pick < 0) return make();
    }
    return makers[0]![1]();
  };
}
