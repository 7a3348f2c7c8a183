import { describe, expect, it } from 'vitest';
import { scorePronunciation } from '../../src/products/tutor/pronunciation.js';

describe('pronunciation scoring', () => {
  it('word alignment marks substituted, missing and extra words', () => {
    const perfect = scorePronunciation('The quick brown fox jumps over the lazy dog', 'the quick brown fox jumps over the lazy dog');
    expect(perfect.overallScore).toBe(100);
    expect(perfect.grade).toBe('A+');
    const r = scorePronunciation('The quick brown fox jumps over the lazy dog', 'the quick crown fox jumps the lazy dog today');
    expect(r.words.find((w) => w.word === 'brown')).toEqual({ word: 'brown', status: 'substituted', heard: 'crown' });
    expect(r.missedWords).toEqual(['over']);
    expect(r.extraWords).toEqual(['today']);
    expect(r.wordAccuracy).toBe(78);
    expect(r.completenessScore).toBe(89);
    expect(r.overallScore).toBeLessThan(perfect.overallScore);
    expect(r.feedback).toContain('brown');
    expect(scorePronunciation('Hello world', '').overallScore).toBe(0);
  });

  it('a missing article and a substituted word', () => {
    const r = scorePronunciation('I would like a cup of tea', 'I would like cup of coffee');
    expect(r.missedWords).toEqual(['a']);
    expect(r.words.find((w) => w.word === 'tea')).toEqual({ word: 'tea', status: 'substituted', heard: 'coffee' });
  });
});
