/** A student who disconnects is no longer shown in a room on their tutors' dashboards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { tutorProduct } from '../../src/products/tutor/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { eventually, TestSocket } from '../support/realtime-client.js';
import { link, member, type Member } from './tutor-setup.js';

let t: TestApp;
let ws: string;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [tutorProduct] } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  ws = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
});
afterAll(async () => t?.close());

async function linkedPair() {
  const tutor = await member(t.app, 'tutor', { maxStudents: 5 });
  const student = await member(t.app, 'student');
  await link(t.app, student, tutor);
  const board = await TestSocket.connect(ws, tutor.token);
  expect((await board.subscribe(`tutor:${tutor.id}`)).type).toBe('subscribed');
  return { tutor, student, board };
}

/** The student's practice page: follows student:<id> and says it is in practice. */
async function practice(student: Member) {
  const page = await TestSocket.connect(ws, student.token);
  expect((await page.subscribe(`student:${student.id}`)).type).toBe('subscribed');
  const moved = await t.app.inject({ method: 'PUT', url: '/v1/tutor/room', headers: student.auth, payload: { room: 'practice' } });
  expect(moved.statusCode).toBe(200);
  return page;
}

const dashboardEntry = async (tutor: Member, studentId: string) =>
  (
    (await t.app.inject({ url: '/v1/tutor/students', headers: tutor.auth })).json() as {
      studentId: string;
      room: string | null;
      online: boolean;
    }[]
  ).find((s) => s.studentId === studentId);
const storedRoom = async (tutor: Member, student: Member) =>
  (
    await t.database.query<{ room: string | null }>('SELECT room FROM tutor.tutor_students WHERE tutor_id = $1 AND student_id = $2', [
      tutor.id,
      student.id,
    ])
  )[0]!.room;

describe('a student who disconnects', () => {
  it('closing the practice tab takes the student out of practice: live on the dashboard, in the dashboard and in the database', async () => {
    const { tutor, student, board } = await linkedPair();
    const page = await practice(student);
    await board.next((m) => m.event === 'student.room' && m.data.room === 'practice');
    expect(await dashboardEntry(tutor, student.id)).toMatchObject({ room: 'practice', online: true });

    await page.close();
    const out = await board.next((m) => m.event === 'student.room' && m.data.room === null);
    expect(out.data).toMatchObject({ studentId: student.id, online: false });
    expect(await dashboardEntry(tutor, student.id)).toMatchObject({ room: null, online: false });
    expect(await storedRoom(tutor, student)).toBeNull();
    await board.close();
  });

  it('reloading the practice page keeps the student in practice: a late clean-up of the old tab does not undo the new one', async () => {
    const { tutor, student, board } = await linkedPair();
    let page = await practice(student);
    for (let round = 0; round < 5; round++) {
      const closed = page.close();
      page = await practice(student);
      await closed;
      // The old connection's leave is handled after the new page said where it is.
      await new Promise((r) => setTimeout(r, 400));
      expect(await storedRoom(tutor, student)).toBe('practice');
      expect(await dashboardEntry(tutor, student.id)).toMatchObject({ room: 'practice', online: true });
    }
    await page.close();
    await board.close();
  });

  it('a second tab keeps the student in practice until it closes too', async () => {
    const { tutor, student, board } = await linkedPair();
    const page = await practice(student);
    const other = await TestSocket.connect(ws, student.token);
    await other.subscribe(`student:${student.id}`);
    await page.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(await storedRoom(tutor, student)).toBe('practice');
    await other.close();
    await eventually(async () => (await storedRoom(tutor, student)) === null, 5000, 'the room cleared');
    await board.close();
  });

  it('the tutor following student:<id> and leaving changes nothing', async () => {
    const { tutor, student, board } = await linkedPair();
    const page = await practice(student);
    const watch = await TestSocket.connect(ws, tutor.token);
    expect((await watch.subscribe(`student:${student.id}`)).type).toBe('subscribed');
    await watch.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(await storedRoom(tutor, student)).toBe('practice');
    await page.close();
    await board.close();
  });

  it('a student whose connections are gone shows in no room even before the room is cleared', async () => {
    const { tutor, student, board } = await linkedPair();
    // Said over HTTP with no connection open (or from a process that died before anyone swept it).
    await t.app.inject({ method: 'PUT', url: '/v1/tutor/room', headers: student.auth, payload: { room: 'practice' } });
    expect(await dashboardEntry(tutor, student.id)).toMatchObject({ room: null, online: false });
    await board.close();
  });
});
