import { Type } from 'typebox';
import { defineSettings } from '../../core/product-settings.js';

/** Calls' environment: an ACTIVE call with no connection of its owner for this long ends as `connection_lost`. */
export const callsSettings = defineSettings(
  Type.Object({
    CALLS_DISCONNECT_GRACE_SECONDS: Type.Integer({
      description: 'An ACTIVE call with no connection of its owner for this many seconds ends as connection_lost.',
      minimum: 1,
      maximum: 86400,
      default: 60,
    }),
  }),
  (e) => ({ disconnectGraceSeconds: e.CALLS_DISCONNECT_GRACE_SECONDS }),
);
