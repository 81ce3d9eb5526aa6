import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, startTestServer, type TestServer } from '../testing/test-server.ts';

describe.each(testDatabaseKinds())('accounts on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server?.stop());

  it('makes the first account of an empty instance its admin, and no later one', async () => {
    const first = server.client();
    const signedUp = await first.signUp(newPerson('Ada First'));
    expect(signedUp.status).toBe(200);
    const me = await first.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'Ada First', isInstanceAdmin: true });

    const second = server.client();
    await second.signUp(newPerson('Bo Second'));
    expect((await second.get('/api/me')).body).toMatchObject({
      name: 'Bo Second',
      isInstanceAdmin: false,
    });
  });

  it('sets an httpOnly, SameSite=Lax session cookie, not Secure on plain http', async () => {
    const response = await server.client().signUp(newPerson());
    const cookie = response.headers.getSetCookie().find((c) => c.includes('session_token'));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('returns the signed-in person from /api/me, without their password', async () => {
    const client = server.client();
    const person = newPerson('Amy Aitkens');
    await client.signUp({ ...person, email: `  ${person.email.toUpperCase()} ` });
    const me = await client.get('/api/me');
    expect(me.body).toEqual({
      id: expect.any(String),
      name: 'Amy Aitkens',
      displayName: 'Amy Aitkens',
      email: person.email,
      isInstanceAdmin: false,
      createdAt: expect.any(String),
      pronouns: '',
      bio: '',
      organisation: '',
      jobTitle: '',
      timezone: 'Europe/London',
      timezoneChosen: false,
    });
    expect(JSON.stringify(me.body)).not.toContain('password');
  });

  it('keeps a chosen timezone, and can go back to the browser’s', async () => {
    const client = server.client();
    await client.signUp(newPerson());
    const chosen = await client.request('PATCH', '/api/me', { json: { timezone: 'Asia/Tokyo' } });
    expect(chosen.body).toMatchObject({ timezone: 'Asia/Tokyo', timezoneChosen: true });
    const cleared = await client.request('PATCH', '/api/me', { json: { timezone: null } });
    expect(cleared.body).toMatchObject({ timezone: 'Europe/London', timezoneChosen: false });
    const bad = await client.request('PATCH', '/api/me', { json: { timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path)).toEqual(['timezone']);
  });

  it('answers /api/me with 401 problem+json when nobody is signed in', async () => {
    const me = await server.client().get('/api/me');
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(me.body).toMatchObject({ status: 401, title: 'Unauthorized', code: 'unauthenticated' });
  });

  it('names every failing field of a bad sign-up and creates nobody', async () => {
    const client = server.client();
    const response = await client.signUp({ name: '', email: 'not-an-email', password: 'short' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const paths = response.body.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['email', 'name', 'password']);
    expect((await client.signIn('not-an-email', 'short')).status).toBe(400);
  });

  it('refuses a second account with the same email', async () => {
    const person = newPerson();
    await server.client().signUp(person);
    const again = await server.client().signUp({ ...person, email: person.email.toUpperCase() });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({
      status: 422,
      code: 'user_already_exists_use_another_email',
    });
  });

  it('signs in with the right password only, and signs out', async () => {
    const person = newPerson();
    await server.client().signUp(person);

    const wrong = server.client();
    const refused = await wrong.signIn(person.email, 'not the password at all');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ status: 401, code: 'invalid_email_or_password' });
    expect((await wrong.get('/api/me')).status).toBe(401);

    const client = server.client();
    expect((await client.signIn(person.email, person.password)).status).toBe(200);
    expect((await client.get('/api/me')).body.email).toBe(person.email);

    const out = await client.post('/api/auth/sign-out');
    expect(out.status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('rotates the session at sign-in: each sign-in gets a new token', async () => {
    const person = newPerson();
    const a = server.client();
    await a.signUp(person);
    const tokenAtSignUp = a.cookieHeader;
    await a.signIn(person.email, person.password);
    expect(a.cookieHeader).not.toBe(tokenAtSignUp);
  });

  it('changes a password, ending every other session of the account', async () => {
    const person = newPerson();
    const laptop = server.client();
    await laptop.signUp(person);
    const phone = server.client();
    await phone.signIn(person.email, person.password);
    expect((await phone.get('/api/me')).status).toBe(200);

    const badCurrent = await laptop.post('/api/auth/change-password', {
      currentPassword: 'wrong wrong wrong',
      newPassword: 'a brand new passphrase',
    });
    expect(badCurrent.status).toBe(400);
    const tooShort = await laptop.post('/api/auth/change-password', {
      currentPassword: person.password,
      newPassword: 'short',
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.fields).toEqual([{ path: 'newPassword', message: expect.any(String) }]);

    const changed = await laptop.post('/api/auth/change-password', {
      currentPassword: person.password,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await server.client().signIn(person.email, person.password)).status).toBe(401);
    expect((await server.client().signIn(person.email, 'a brand new passphrase')).status).toBe(200);
  });

  it('refuses a cookie-authenticated change from a foreign origin', async () => {
    const client = server.client();
    await client.signUp(newPerson());
    const response = await client.post(
      '/api/auth/sign-out',
      {},
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'bad_origin' });
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('refuses a sign-in or sign-up posted from a foreign page, without cookies too', async () => {
    const person = newPerson();
    await server.client().signUp(person);
    // A foreign page could otherwise sign a visitor in to the attacker's account.
    const foreign = { origin: 'https://evil.example' };
    const signIn = await server
      .client()
      .post('/api/auth/sign-in/email', { email: person.email, password: person.password }, foreign);
    expect(signIn.status).toBe(403);
    expect(signIn.body).toMatchObject({ code: 'bad_origin' });
    expect(signIn.headers.getSetCookie()).toEqual([]);
    const signUp = await server.client().post('/api/auth/sign-up/email', newPerson(), foreign);
    expect(signUp.status).toBe(403);
    // Clients that are not browsers send neither cookies nor Origin, and are let through.
    const response = await fetch(new URL('/api/auth/sign-in/email', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    expect(response.status).toBe(200);
  });

  it('keeps the parts of the auth library Colab does not offer unreachable', async () => {
    const client = server.client();
    await client.signUp(newPerson());
    const response = await client.post('/api/auth/update-user', { name: 'Someone Else' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
