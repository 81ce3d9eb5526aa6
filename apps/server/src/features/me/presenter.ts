import type { TMe } from '@colab/shared';
import type { Actor } from '../../auth/session.ts';

export function presentMe(actor: Actor): TMe {
  return {
    id: actor.userId,
    name: actor.name,
    email: actor.email,
    isInstanceAdmin: actor.isInstanceAdmin,
    createdAt: actor.createdAt.toISOString(),
  };
}
