// Every string of the console, by language and namespace (one namespace per area; keys are the same in both).
import en_common from './locales/en/common.json' with { type: 'json' };
import en_shell from './locales/en/shell.json' with { type: 'json' };
import en_auth from './locales/en/auth.json' with { type: 'json' };
import en_home from './locales/en/home.json' with { type: 'json' };
import en_chat from './locales/en/chat.json' with { type: 'json' };
import en_calls from './locales/en/calls.json' with { type: 'json' };
import en_tutor from './locales/en/tutor.json' with { type: 'json' };
import en_interview from './locales/en/interview.json' with { type: 'json' };
import en_assist from './locales/en/assist.json' with { type: 'json' };
import en_operator from './locales/en/operator.json' with { type: 'json' };
import en_voice from './locales/en/voice.json' with { type: 'json' };
import ko_common from './locales/ko/common.json' with { type: 'json' };
import ko_shell from './locales/ko/shell.json' with { type: 'json' };
import ko_auth from './locales/ko/auth.json' with { type: 'json' };
import ko_home from './locales/ko/home.json' with { type: 'json' };
import ko_chat from './locales/ko/chat.json' with { type: 'json' };
import ko_calls from './locales/ko/calls.json' with { type: 'json' };
import ko_tutor from './locales/ko/tutor.json' with { type: 'json' };
import ko_interview from './locales/ko/interview.json' with { type: 'json' };
import ko_assist from './locales/ko/assist.json' with { type: 'json' };
import ko_operator from './locales/ko/operator.json' with { type: 'json' };
import ko_voice from './locales/ko/voice.json' with { type: 'json' };

export type Language = 'ko' | 'en';
export const namespaces = [
  'common',
  'shell',
  'auth',
  'home',
  'chat',
  'calls',
  'tutor',
  'interview',
  'assist',
  'operator',
  'voice',
] as const;

export const resources = {
  en: {
    common: en_common,
    shell: en_shell,
    auth: en_auth,
    home: en_home,
    chat: en_chat,
    calls: en_calls,
    tutor: en_tutor,
    interview: en_interview,
    assist: en_assist,
    operator: en_operator,
    voice: en_voice,
  },
  ko: {
    common: ko_common,
    shell: ko_shell,
    auth: ko_auth,
    home: ko_home,
    chat: ko_chat,
    calls: ko_calls,
    tutor: ko_tutor,
    interview: ko_interview,
    assist: ko_assist,
    operator: ko_operator,
    voice: ko_voice,
  },
};
