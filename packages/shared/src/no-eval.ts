import { config } from 'zod';

/**
 * Imported first by the browser app. zod decides when each object schema is built whether it
 * may compile validators with `new Function`; probing for that is reported as a violation of
 * a Content-Security-Policy without 'unsafe-eval', so the browser turns it off before any
 * schema exists.
 */
config({ jitless: true });
