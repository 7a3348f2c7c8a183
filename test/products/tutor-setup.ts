// The tutor tests' shared steps: a member with a role and profile, a request, a link.
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { signUp } from '../support/test-app.js';

export type Auth = Record<string, string>;
export interface Member {
  id: string;
  auth: Auth;
  token: string;
}

export async function member(
  app: FastifyInstance,
  role: 'student' | 'tutor',
  opts: { maxStudents?: number; isAccepting?: boolean } = {},
): Promise<Member> {
  const u = await signUp(app);
  const granted = await app.inject({ method: 'POST', url: '/v1/me/roles', headers: u.auth, payload: { product: 'tutor', role } });
  expect(granted.statusCode, granted.body).toBe(200);
  const profile = await app.inject({
    method: 'PUT',
    url: '/v1/tutor/profile',
    headers: u.auth,
    payload: { role, name: `${role} ${u.user.id.slice(-4)}`, ...opts },
  });
  expect(profile.statusCode, profile.body).toBe(200);
  return { id: u.user.id, auth: u.auth, token: u.tokens.accessToken };
}

export async function requestTutor(app: FastifyInstance, student: Member, tutor: Member) {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/tutor/requests',
    headers: student.auth,
    payload: { tutorId: tutor.id, message: 'please' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

export async function link(app: FastifyInstance, student: Member, tutor: Member) {
  const r = await requestTutor(app, student, tutor);
  const res = await app.inject({ method: 'POST', url: `/v1/tutor/requests/${r.id}/approve`, headers: tutor.auth });
  expect(res.statusCode, res.body).toBe(200);
  return r.id;
}
