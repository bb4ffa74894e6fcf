import type { FastifyReply } from 'fastify';

/**
 * Marks a reply as a file to save: its type, and its name twice (RFC 6266): an ASCII fallback
 * for old clients and the real, usually Chinese, name (filename*, UTF-8).
 */
export function replyAsFile(reply: FastifyReply, contentType: string, name: string, asciiName: string): FastifyReply {
  return reply.header('Content-Type', contentType).header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}
