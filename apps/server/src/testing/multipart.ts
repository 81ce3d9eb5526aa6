import type { TestClient } from './test-server.ts';

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** A 1×1 PNG: small, but a real image by its signature. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Sends a multipart form as the client, with its cookies and the app's origin. */
export async function sendForm(
  client: TestClient,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
  method: 'POST' | 'PUT' = 'POST',
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const response = await fetch(new URL(path, client.baseUrl), {
    method,
    body: form,
    headers: {
      origin: new URL(client.baseUrl).origin,
      ...(client.cookies.size ? { cookie: client.cookieHeader } : {}),
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** The opening box of an MP4 film: enough for its type to be known. */
export const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isomiso2'),
  Buffer.from([0, 0, 0, 8]),
  Buffer.from('free'),
]);
