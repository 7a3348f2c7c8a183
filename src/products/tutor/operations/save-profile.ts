import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { hasRole, type AuthUser } from '../../../core/identity/access.js';
import { PRODUCT, profileView } from '../matching.js';
import { profiles } from '../schema.js';
import type { Profile, SaveProfileBody } from '../contract.js';

/** Creates or changes the caller's profile; the role must be one the user holds in the product (admins may take any). */
export async function saveProfile(core: ProductContext, user: AuthUser, input: SaveProfileBody): Promise<Profile> {
  if (input.role === 'admin' ? !user.isAdmin : !user.isAdmin && !hasRole(user, PRODUCT, input.role)) {
    throw new AppError('auth.forbidden', 403, `take the tutor ${input.role} role first (POST /v1/me/roles)`, {
      errors: [{ field: 'role', message: 'is not a role you hold' }],
    });
  }
  const row = await inTransaction(core.db, async (tx) => {
    const now = core.clock.now();
    const [current] = await tx.select().from(profiles).where(eq(profiles.userId, user.id)).for('update');
    const tutor = input.role === 'tutor';
    const maxStudents = tutor ? (input.maxStudents ?? current?.maxStudents ?? 10) : 0;
    if (current && current.activeStudents > maxStudents) {
      throw new AppError(
        'tutor.capacity_below_students',
        409,
        `${current.activeStudents} students are linked; unlink some before lowering max_students`,
        {
          errors: [{ field: tutor ? 'maxStudents' : 'role', message: `must allow the ${current.activeStudents} linked students` }],
        },
      );
    }
    const values = {
      role: input.role,
      name: core.crypt.seal(profiles.name, user.id, input.name),
      isAccepting: tutor ? (input.isAccepting ?? current?.isAccepting ?? true) : false,
      maxStudents,
      updatedAt: now,
    };
    const [saved] = current
      ? await tx.update(profiles).set(values).where(eq(profiles.userId, user.id)).returning()
      : await tx
          .insert(profiles)
          .values({ userId: user.id, ...values, createdAt: now })
          .returning();
    return saved!;
  });
  return profileView(core, row);
}
