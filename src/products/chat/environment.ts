import { Type } from 'typebox';
import { defineSettings } from '../../core/product-settings.js';

/** Chat's environment: tokens per user per UTC day (0 = no limit) and the history budget sent to the engine. */
export const chatSettings = defineSettings(
  Type.Object({
    CHAT_DAILY_TOKEN_LIMIT: Type.Integer({ description: 'Chat tokens per user per UTC day; 0 is no limit.', minimum: 0, default: 0 }),
    CHAT_CONTEXT_TOKENS: Type.Integer({
      description: 'Tokens of conversation history sent to the engine with each chat reply.',
      minimum: 256,
      maximum: 1000000,
      default: 4000,
    }),
  }),
  (e) => ({ dailyTokenLimit: e.CHAT_DAILY_TOKEN_LIMIT, contextTokens: e.CHAT_CONTEXT_TOKENS }),
);
