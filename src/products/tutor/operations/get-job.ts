import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { AppError } from '../../../core/http/errors.js';
import { jobByIdQuery, jobView } from '../practice.js';
import type { Job } from '../contract.js';

/** The seed's AsyncJobStatus by job_id; only its owner (or an admin) sees it. */
export async function getJob(core: ProductContext, viewer: AuthUser, jobId: string): Promise<Job> {
  const [job] = await jobByIdQuery(core.db, jobId);
  if (!job || (!viewer.isAdmin && job.userId !== viewer.id)) throw new AppError('tutor.job_not_found', 404, 'job not found');
  return jobView(core, job);
}
