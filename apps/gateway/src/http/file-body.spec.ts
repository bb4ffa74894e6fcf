import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { DRAIN_LIMIT_BYTES, registerFileBodyParser } from './file-body.js';

const LIMIT = 64 * 1024;

/**
 * Sends `total` bytes in chunks with pauses, so that a server which answers early (on the
 * declared length) and closes the connection breaks the upload. Resolves when the response has
 * arrived and the upload has finished or failed, with the client's write error if there was one.
 */
function slowUpload(port: number, total: number): Promise<{ status: number; body: string; order: string[]; writeError?: string }> {
  return new Promise((resolve) => {
    let response: { status: number; body: string } | undefined;
    let sending = true;
    let writeError: string | undefined;
    /** 'sent' (the last bytes handed to the socket) and 'answered' (the response began), in the order they happened. */
    const order: string[] = [];
    const finish = () => response && !sending && resolve({ ...response, order, ...(writeError ? { writeError } : {}) });
    const req = http.request({ port, method: 'POST', path: '/upload', headers: { 'content-type': 'application/pdf', 'content-length': total } }, (res) => {
      order.push('answered');
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        response = { status: res.statusCode ?? 0, body };
        finish();
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      writeError = error.code ?? error.message;
      sending = false;
      finish();
    });
    const chunk = Buffer.alloc(16 * 1024, 1);
    let sent = 0;
    const next = () => {
      if (writeError) return;
      if (sent >= total) {
        req.end(() => {
          sending = false;
          finish();
        });
        return;
      }
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      req.write(part);
      if (sent >= total) order.push('sent');
      setTimeout(next, 5);
    };
    next();
  });
}

describe('file bodies (attachments, Excel imports)', () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = Fastify();
    registerFileBodyParser(app, ['application/pdf'], LIMIT);
    app.post('/upload', async (request) => ({ bytes: (request.body as Buffer).length }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app.close();
  });

  it('takes a file up to the limit, whole', async () => {
    const res = await slowUpload(port, LIMIT);
    expect(res).toMatchObject({ status: 200, body: JSON.stringify({ bytes: LIMIT }) });
    expect(res.writeError).toBeUndefined();
  });

  it('answers a larger one with 413 after reading it, so the client hears the answer instead of a broken pipe', async () => {
    const res = await slowUpload(port, LIMIT * 4);
    expect(res.writeError).toBeUndefined();
    // Answered only once the whole body was in: never while the client is still sending.
    expect(res.order).toEqual(['sent', 'answered']);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    // The connection stayed usable: the next upload on the same server goes through.
    expect((await slowUpload(port, 10)).status).toBe(200);
  });

  it('refuses at once what declares more than the drain limit', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request({ port, method: 'POST', path: '/upload', headers: { 'content-type': 'application/pdf', 'content-length': DRAIN_LIMIT_BYTES + 1 } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(res).toBe(413);
  });
});
