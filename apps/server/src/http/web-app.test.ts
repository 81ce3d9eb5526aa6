import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

describe('serving the web app', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite' });
    const webDir = join(server.dataDir, 'web');
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("colab")');
  });
  afterAll(() => server?.stop());

  it('serves index.html for any page path, so the client router can take over', async () => {
    for (const path of ['/', '/sign-in', '/cohorts/123/boards']) {
      const response = await server.client().get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.body).toContain('Colab test shell');
    }
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const response = await server.client().get('/assets/app-1234.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('does not answer unknown API paths with the page', async () => {
    const response = await server.client().get('/api/cohorts-that-do-not-exist');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await server.client().get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('sends no HSTS while served over plain http, where the browser would ignore it anyway', async () => {
    const response = await server.client().get('/');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('serving behind an https public URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The TLS terminates at the proxy in front; the node itself still listens on http.
    server = await startTestServer({
      database: 'pglite',
      env: { PUBLIC_URL: 'https://colab.example.org' },
    });
  });
  afterAll(() => server?.stop());

  it('tells browsers to use https only, for a year and on subdomains, on pages and API answers', async () => {
    for (const path of ['/', '/sign-in', '/api/cohorts-that-do-not-exist', '/healthz']) {
      const hsts = (await server.client().get(path)).headers.get('strict-transport-security');
      expect(hsts, path).toMatch(/max-age=(\d+)/);
      expect(Number(/max-age=(\d+)/.exec(hsts!)![1]), path).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts, path).toContain('includeSubDomains');
    }
  });

  it('keeps the strict policy and asks the browser to upgrade insecure requests', async () => {
    const response = await server.client().get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
