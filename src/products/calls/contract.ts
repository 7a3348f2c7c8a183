import { Type } from 'typebox';

/** Why a call ended: the same words in call responses, call logs and the calls.call.ended webhook (ENDED_REASONS in schema.ts). */
export const EndedReason = Type.Union([
  Type.Literal('user_hangup'),
  Type.Literal('persona_hangup'),
  Type.Literal('timeout'),
  Type.Literal('error'),
  Type.Literal('cancelled'),
  Type.Literal('connection_lost'),
]);
