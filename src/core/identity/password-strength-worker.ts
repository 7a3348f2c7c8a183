/**
 * The password-strength worker thread. zxcvbn's dictionaries (about 25 MB of heap once loaded) live only here, so
 * the server's own memory does not keep them: the thread is started for a check and ended after a while idle.
 */
import { parentPort } from 'node:worker_threads';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export interface StrengthJob {
  id: number;
  password: string;
  userInputs: string[];
}

export type StrengthReply =
  | { id: number; ok: true; score: number; personalLength: number; warning: string | null; suggestions: string[] }
  | { id: number; ok: false; message: string };

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

parentPort!.on('message', (job: StrengthJob) => {
  zxcvbn.checkAsync(job.password, job.userInputs).then(
    (result) => {
      const personal = result.sequence.filter((m) => 'dictionaryName' in m && m.dictionaryName === 'userInputs');
      const reply: StrengthReply = {
        id: job.id,
        ok: true,
        score: result.score,
        personalLength: personal.reduce((n, m) => n + m.token.length, 0),
        warning: result.feedback.warning ?? null,
        suggestions: result.feedback.suggestions,
      };
      parentPort!.postMessage(reply);
    },
    (err: unknown) => {
      const reply: StrengthReply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
      parentPort!.postMessage(reply);
    },
  );
});
