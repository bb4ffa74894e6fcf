import type { IncomingMessage } from 'node:http';

/** Login forms and introspection requests are tiny; anything bigger is refused. */
const MAX_BODY_BYTES = 16 * 1024;

/** Reads a small request body as UTF-8 text (there is no body parser in front of oidc-provider). */
export async function readSmallBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw Object.assign(new Error('request entity too large'), { status: 413, expose: true });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
