import { Type } from 'typebox';
import { ConfigError, defineSettings } from '../../core/product-settings.js';

/** Tutor's environment: the IANA time zone whose midnight starts a student's statistics day. */
export const tutorSettings = defineSettings(
  Type.Object({
    TUTOR_TIME_ZONE: Type.String({
      description: "IANA time zone whose midnight starts a tutor student's statistics day.",
      pattern: '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$',
      maxLength: 64,
      default: 'Asia/Seoul',
    }),
  }),
  (e) => ({ timeZone: timeZoneOf('TUTOR_TIME_ZONE', e.TUTOR_TIME_ZONE) }),
);

/** An IANA time zone name (`Asia/Seoul`), as the runtime and PostgreSQL know it. */
function timeZoneOf(variable: string, value: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw new ConfigError(variable, `"${value}" is not an IANA time zone (for example Asia/Seoul or UTC)`);
  }
}
