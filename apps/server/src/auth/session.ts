import type { IncomingHttpHeaders } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Unauthenticated } from '../errors.ts';
import type { Auth } from './auth.ts';
import { sessionCacheOf } from './session-cache.ts';

export interface Actor {
  userId: string;
  sessionId: string;
  name: string;
  email: string;
  isInstanceAdmin: boolean;
  createdAt: Date;
}

/** The signed-in person behind a request's cookies, or null. */
export async function actorFromHeaders(
  auth: Auth,
  headers: IncomingHttpHeaders,
): Promise<Actor | null> {
  const cookie = headers.cookie;
  if (!cookie) return null;
  const cache = sessionCacheOf(auth);
  const cached = cache?.get(cookie);
  if (cached) return cached;
  const epoch = cache?.epoch() ?? 0;
  const result = await auth.api.getSession({ headers: fromNodeHeaders(headers) });
  if (!result) return null;
  const { user, session } = result;
  const actor: Actor = {
    userId: user.id,
    sessionId: session.id,
    name: user.name,
    email: user.email,
    isInstanceAdmin: Boolean((user as { isInstanceAdmin?: boolean }).isInstanceAdmin),
    createdAt: user.createdAt,
  };
  cache?.set(cookie, actor, new Date(session.expiresAt), epoch);
  return actor;
}

declare global {
  namespace Express {
    interface Locals {
      actor?: Actor;
    }
  }
}

/** Loads the actor or answers 401; later handlers read `res.locals.actor`. */
export function requireActor(auth: Auth): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    // Routers mounted on overlapping paths (/cohorts and /cohorts/:id/boards) each guard
    // their routes: the session is looked up once per request, not once per router.
    if (res.locals.actor) return next();
    const actor = await actorFromHeaders(auth, req.headers);
    if (!actor) throw new Unauthenticated();
    res.locals.actor = actor;
    next();
  };
}

export function actorOf(res: Response): Actor {
  if (!res.locals.actor) throw new Unauthenticated();
  return res.locals.actor;
}
