/** The live voice benchmark's arithmetic: percentiles of turn figures, frame gaps, targets and a CPU profile's summary. */
import { describe, expect, it } from 'vitest';
import { frameJitter, playbackUnderruns, profileArea, stats, summarizeProfile } from '../../bench/voice.js';

describe('voice benchmark helpers', () => {
  it('reports percentiles by nearest rank, and nulls when nothing was measured', () => {
    const s = stats(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s).toEqual({ n: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(stats([])).toEqual({ n: 0, p50: null, p95: null, p99: null, max: null });
    expect(stats([Number.NaN, 4]).n).toBe(1);
  });

  it('measures each gap between consecutive frames against the frame length', () => {
    expect(frameJitter([0, 20, 40, 85, 90])).toEqual([0, 0, 25, -15]);
    expect(frameJitter([5])).toEqual([]);
  });

  it('counts a pause heard by a listener playing 80 ms behind the first frame, as the console does', () => {
    const steady = Array.from({ length: 50 }, (_, i) => i * 20);
    expect(playbackUnderruns(steady)).toBe(0);
    // A burst then a stall shorter than the buffer: still playing when the next frame comes.
    expect(playbackUnderruns([0, 1, 2, 3, 140, 141])).toBe(0);
    // Frame 2 is due to play at 80 + 40 = 120 ms; arriving at 130 ms, after the audio ran out, it is a pause.
    expect(playbackUnderruns([0, 20, 130, 150])).toBe(1);
    expect(playbackUnderruns([0, 20, 119, 139])).toBe(0);
    expect(playbackUnderruns([])).toBe(0);
  });

  it('sums a profile’s self time per function and per area of the code', () => {
    const node = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url, lineNumber: 9 } });
    const summary = summarizeProfile({
      nodes: [
        node(1, '(root)', ''),
        node(2, 'tick', `file://${process.cwd()}/src/core/voice/pacer.ts`),
        node(3, 'query', `file://${process.cwd()}/node_modules/@electric-sql/pglite/dist/index.js`),
        node(4, '(garbage collector)', ''),
      ],
      samples: [2, 3, 3, 4, 2, 3],
      timeDeltas: [1000, 2000, 2000, 500, 1000, 2000],
    });
    expect(summary.totalMs).toBe(9);
    expect(summary.areas.map((a) => [a.name, a.ms])).toEqual([
      ['PGlite (embedded PostgreSQL)', 6],
      ['src/core/voice', 2],
      ['(garbage collector)', 1],
    ]);
    expect(summary.functions[1]!.name).toBe('tick src/core/voice/pacer.ts:10');
    // Only the samples taken inside a window of the profile's clock (µs): here the 2nd to 4th.
    const windowed = summarizeProfile(
      {
        nodes: [node(2, 'tick', ''), node(3, 'query', '')],
        samples: [2, 3, 3, 2, 2],
        timeDeltas: [1000, 1000, 1000, 1000, 1000],
        startTime: 10_000,
      },
      5,
      [{ startUs: 11_500, endUs: 14_000 }],
    );
    expect(windowed.totalMs).toBe(3);
    expect(windowed.functions.map((f) => [f.name, f.ms])).toEqual([
      ['query', 2],
      ['tick', 1],
    ]);
    expect(profileArea('node:internal/timers', 'listOnTimeout')).toBe('Node core (sockets, timers, streams)');
    expect(profileArea('node_modules/ws/lib/sender.js', 'frame')).toBe('npm: ws');
  });
});
