import { randomFillSync } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (any version, either case): ids from paths and messages are checked before use. */
export const isUuid = (value: string): boolean => UUID.test(value);

let lastMs = 0;
let seq = 0;

// Random bytes drawn from the system's generator 4 KiB at a time: asking it for 16 bytes per id cost more than
// the rest of making one. Each byte is handed out once.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits, with a counter keeping ids monotonic within a millisecond. */
export function uuidv7(now: number = Date.now()): string {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = Buffer.allocUnsafe(16);
  pool.copy(b, 0, poolOffset, poolOffset + 16);
  poolOffset += 16;
  if (now <= lastMs) {
    now = lastMs;
    seq = (seq + 1) & 0xfff;
    if (seq === 0) now = ++lastMs;
  } else {
    // A new millisecond's counter starts at a random value in its lower half, from the id's own random bytes.
    seq = ((b[6]! << 8) | b[7]!) & 0x7ff;
  }
  lastMs = now;
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
