import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';

/**
 * Streams a stored file as the body of `res`, whose headers the caller has set. A reader who
 * goes away mid-file ends the stream quietly; a store that fails before the first byte is an
 * error the API answers as usual.
 */
export async function sendStored(res: Response, file: { stream: Readable; size: number }) {
  res.set('Content-Length', String(file.size));
  try {
    await pipeline(file.stream, res);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    throw error;
  }
}
