import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens that act as a key (invitation links, calendar feeds) are kept only as their sha256,
 * so a copy of the database does not hand out working links.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSecretToken(bytes = 32): { token: string; tokenHash: string } {
  const token = randomBytes(bytes).toString('base64url');
  return { token, tokenHash: hashSecretToken(token) };
}
