import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../http/errors.js';

/** What a password is checked against besides the common-password lists: the account's own details. */
export interface PasswordContext {
  email?: string | null;
  username?: string | null;
  fullName?: string | null;
}

// The dictionaries ship inside the packages; they are loaded on the first check, not at start.
let estimator: Promise<ZxcvbnFactory> | null = null;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return estimator;
}

/** The address, its local part and every word of it, the username and the name's words, for zxcvbn's user-input dictionary. */
function userInputs(context: PasswordContext): string[] {
  const inputs = new Set<string>();
  const add = (value: string | null | undefined) => {
    const v = value?.trim().toLowerCase();
    if (!v) return;
    inputs.add(v);
    for (const part of v.split(/[\s@._+-]+/)) if (part.length >= 2) inputs.add(part);
  };
  add(context.email);
  add(context.email?.split('@')[0]);
  add(context.username);
  add(context.fullName);
  return [...inputs];
}

/**
 * Refuses a password that is easy to guess (zxcvbn score below `minScore`, 0–4), judged with the account's own email
 * and name, with a problem naming `field` and saying why and what would do.
 */
export async function assertStrongPassword(password: string, context: PasswordContext, minScore: number, field: string): Promise<void> {
  if (minScore <= 0) return;
  const zxcvbn = await loadEstimator();
  const result = await zxcvbn.checkAsync(password, userInputs(context));
  // A name with a year scores well on guesses alone, yet whoever knows the account guesses it first.
  const personal = result.sequence.filter((m) => 'dictionaryName' in m && m.dictionaryName === 'userInputs');
  const personalLength = personal.reduce((n, m) => n + m.token.length, 0);
  const mostlyPersonal = personalLength * 2 >= Math.min(password.length, 256);
  if (result.score >= minScore && !mostlyPersonal) return;
  const reason = mostlyPersonal
    ? 'It is mostly made of personal details of the account (its email or name).'
    : (result.feedback.warning ?? 'This password is too easy to guess.');
  const advice = result.feedback.suggestions.length ? result.feedback.suggestions.join(' ') : 'Add more words that are less common.';
  const message = `is too easy to guess: ${reason} ${advice} A few unrelated words make a strong password.`;
  throw new AppError('identity.weak_password', 400, `${field} ${message}`, {
    errors: [{ field, message }],
  });
}
