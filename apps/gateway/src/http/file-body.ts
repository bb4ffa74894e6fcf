import { ATTACHMENT_MAX_BYTES } from '@congress/contracts';
import { errorCodes, type FastifyInstance } from 'fastify';

/**
 * How much of a too-large upload is read and thrown away before the 413 goes out. A server that
 * answers while the client is still sending and then closes the connection leaves the client
 * with a broken pipe instead of the answer (browsers report a network error), so an oversized
 * file is drained, held in memory never beyond the limit itself. Past this, the connection is
 * closed: nobody uploads 100 MB by mistake twice.
 */
export const DRAIN_LIMIT_BYTES = 100 * 1024 * 1024;

/**
 * Files (Excel imports, attachments) arrive as the body itself, up to ATTACHMENT_MAX_BYTES; a
 * larger one gets 413 (the problem filter says 「文件不能超过 20 MB」), after its body is drained.
 */
export function registerFileBodyParser(fastify: FastifyInstance, contentTypes: string[], limit = ATTACHMENT_MAX_BYTES): void {
  fastify.addContentTypeParser(contentTypes, (request, payload, done) => {
    const declared = Number(request.headers['content-length']);
    if (declared > DRAIN_LIMIT_BYTES) {
      done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      done(error, body);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length) chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) {
        payload.destroy();
        settle(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      }
    });
    payload.on('end', () => settle(size > limit ? new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE() : null, size > limit ? undefined : Buffer.concat(chunks, size)));
    payload.on('error', (error) => settle(error));
  });
}
