import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, BlobNotFoundError, checkRange, createDigestStream, toReadable, type BlobStore } from './blob-store.js';

const TEMP_DIR = '.incoming';

/** Blobs as files under one directory; a write lands in a temporary file and is renamed into place. */
export function createLocalBlobStore(rootDir: string): BlobStore {
  const root = path.resolve(rootDir);
  const temp = path.join(root, TEMP_DIR);
  let prepared: Promise<void> | null = null;
  const prepare = () => (prepared ??= fsp.mkdir(temp, { recursive: true, mode: 0o700 }).then(() => undefined));

  function pathOf(key: string): string {
    assertBlobKey(key);
    const full = path.resolve(root, ...key.split('/'));
    if (!full.startsWith(root + path.sep) || full.startsWith(temp + path.sep)) throw new Error(`blob key "${key}" leaves the store`);
    return full;
  }

  async function statOf(key: string): Promise<fs.Stats | null> {
    try {
      const stat = await fsp.stat(pathOf(key));
      return stat.isFile() ? stat : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  return {
    kind: 'local',
    async put(key, body, opts) {
      const target = pathOf(key);
      await prepare();
      const tmp = path.join(temp, `${randomBytes(12).toString('hex')}.part`);
      const digest = createDigestStream(opts.size);
      try {
        await pipeline(toReadable(body), digest, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
        const stored = digest.digest();
        await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await fsp.rename(tmp, target);
        return stored;
      } catch (err) {
        await fsp.rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key, range) {
      const stat = await statOf(key);
      if (!stat) throw new BlobNotFoundError(key);
      const r = checkRange(range, stat.size);
      const body = fs.createReadStream(pathOf(key), r ? { start: r.start, end: r.end } : {});
      return { body, size: stat.size, range: r };
    },
    async head(key) {
      const stat = await statOf(key);
      return stat ? { size: stat.size } : null;
    },
    async exists(key) {
      return (await statOf(key)) !== null;
    },
    async delete(key) {
      await fsp.rm(pathOf(key), { force: true });
    },
    async close() {},
  };
}
