import type { Core } from '../context.js';
import type { ScheduleDefinition } from '../product.js';
import { allRetentionPolicies } from './policies.js';
import { sweepRetention, type SweepOptions, type SweepReport } from './sweeper.js';

/** Sweeps every policy of the core and the enabled products (or those given in `opts.policies`). */
export function purgeExpired(core: Core, opts: SweepOptions = {}): Promise<SweepReport> {
  const { policies, ...rest } = opts;
  return sweepRetention(core, policies ?? allRetentionPolicies(core.config, core.products), rest);
}

/** The hourly sweep, run once per hour across all instances by the job queue. */
export const retentionSchedule: ScheduleDefinition<Core> = {
  name: 'core.retention-sweep',
  cron: '7 * * * *',
  timeoutSeconds: 3600,
  async run(core) {
    const report = await purgeExpired(core, { timeBudgetMs: 50 * 60_000 });
    const touched = report.policies.filter((p) => p.rows > 0 || p.error);
    if (touched.length) core.log.info({ retention: touched }, 'retention sweep');
  },
};
