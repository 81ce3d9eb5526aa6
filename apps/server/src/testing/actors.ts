import { type Database, schema } from '@colab/db';
import type { Actor } from '../auth/session.ts';

let counter = 0;

/** A person stored in the database, as a service sees them once signed in. */
export async function createActor(
  db: Database,
  name: string,
  options: { isInstanceAdmin?: boolean } = {},
): Promise<Actor> {
  counter += 1;
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${counter}@example.org`;
  const [user] = await db
    .insert(schema.users)
    .values({ name, email, isInstanceAdmin: options.isInstanceAdmin ?? false })
    .returning();
  return {
    userId: user!.id,
    sessionId: 'test-session',
    name,
    email,
    isInstanceAdmin: user!.isInstanceAdmin,
    createdAt: user!.createdAt,
  };
}
