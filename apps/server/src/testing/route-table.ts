import { type Express, Router } from 'express';

/**
 * Every route the server registers, read from the routers themselves rather than listed by
 * hand, so a route added later is covered by the tests that walk this table. Express keeps no
 * readable path on its layers, so the paths are recorded as routers are built: call
 * `recordRoutes()` before the server starts, then `routeTable()` with its Express app.
 */
export interface RouteEntry {
  method: string;
  path: string;
}

type Recorded =
  | { kind: 'route'; path: string; route: { methods: Record<string, boolean> } }
  | { kind: 'mount'; path: string; child: object };

const recorded = new WeakMap<object, Recorded[]>();
let installed = false;

function entriesOf(router: object): Recorded[] {
  let list = recorded.get(router);
  if (!list) {
    list = [];
    recorded.set(router, list);
  }
  return list;
}

const isRouter = (value: unknown): value is object =>
  typeof value === 'function' && Object.prototype.isPrototypeOf.call(Router.prototype, value);

export function recordRoutes(): void {
  if (installed) return;
  installed = true;
  const proto = Router.prototype as unknown as {
    route: (path: unknown) => { methods: Record<string, boolean> };
    use: (...args: unknown[]) => unknown;
  };
  const route = proto.route;
  const use = proto.use;
  proto.route = function (this: object, path: unknown) {
    const made = route.call(this, path);
    if (typeof path === 'string') entriesOf(this).push({ kind: 'route', path, route: made });
    return made;
  };
  proto.use = function (this: object, ...args: unknown[]) {
    const path = typeof args[0] === 'string' ? args[0] : '/';
    for (const fn of args.flat(Number.POSITIVE_INFINITY))
      if (isRouter(fn)) entriesOf(this).push({ kind: 'mount', path, child: fn });
    return use.apply(this, args);
  };
}

const join = (prefix: string, path: string) =>
  `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`.replace(/\/$/, '') || '/';

export function routeTable(app: Express): RouteEntry[] {
  const table: RouteEntry[] = [];
  const walk = (router: object, prefix: string) => {
    for (const entry of recorded.get(router) ?? []) {
      if (entry.kind === 'mount') walk(entry.child, join(prefix, entry.path));
      else
        for (const [method, on] of Object.entries(entry.route.methods))
          if (on) table.push({ method: method.toUpperCase(), path: join(prefix, entry.path) });
    }
  };
  walk((app as unknown as { router: object }).router, '');
  const seen = new Set<string>();
  return table.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
