import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { assertCanViewStudent } from '../matching.js';
import { resultView, studentResultsQuery } from '../practice.js';
import type { Result } from '../contract.js';

/** A student's pronunciation results, newest first. */
export async function listStudentResults(core: ProductContext, viewer: AuthUser, studentId: string, limit = 50): Promise<Result[]> {
  await assertCanViewStudent(core, viewer, studentId);
  return (await studentResultsQuery(core.db, studentId, limit)).map(resultView);
}
