import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { bearerToken } from '../identity/access.js';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/** A client on this machine talking to the server itself: a loopback peer, and no proxy saying it forwards someone else. */
function isLocalClient(request: FastifyRequest): boolean {
  const peer = request.raw.socket?.remoteAddress ?? '';
  const loopback = peer === '::1' || /^(::ffff:)?127\./.test(peer);
  return loopback && !FORWARDING_HEADERS.some((h) => request.headers[h] !== undefined);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Guards `/metrics`: never public on a reachable address. It answers a client on this machine as always, a
 * deployment admin's access token, and `token` (METRICS_TOKEN) as a bearer token — what a Prometheus scraper sends.
 */
export function metricsAccess(token: string | null) {
  const expected = token ? digest(token) : null;
  return async function checkMetricsAccess(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (isLocalClient(request) || request.user?.isAdmin) return;
    const presented = bearerToken(request.headers.authorization);
    if (expected && presented && timingSafeEqual(digest(presented), expected)) return;
    reply.header('www-authenticate', 'Bearer realm="metrics"');
    throw new AppError(
      'metrics.unauthorized',
      401,
      'metrics are served to clients on this machine, to deployment admins, and with the METRICS_TOKEN bearer token',
    );
  };
}
