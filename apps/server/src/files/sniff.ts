import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';

/**
 * What a file is, by its bytes rather than by what the browser says: one of `allowed`, or
 * null. Plain text and CSV have no signature, so they are taken at their word only when
 * `text` allows them and they read as UTF-8.
 */
export async function sniffContentType(
  path: string,
  declared: string,
  allowed: ReadonlySet<string>,
  text: ReadonlySet<string> = new Set(),
): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    const found = await fileTypeFromBuffer(bytes);
    if (found) return allowed.has(found.mime) ? found.mime : null;
    const base = declared.split(';')[0]!.trim().toLowerCase();
    if (!text.has(base)) return null;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      return null;
    }
    return base;
  } finally {
    await handle.close();
  }
}
