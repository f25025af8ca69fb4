import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../platform/database.ts';

/**
 * THE rule for a child's sensitive information (allergies, meals, health, and the people around
 * the child): a facility's staff may read it only if the child has a reservation at that facility
 * that is not cancelled or declined. It is a condition on `children`, so it stays inside the SQL of every
 * query that shows a child to facility staff — there is no second copy of it anywhere.
 */
export function facilityMayReadChild(eb: ExpressionBuilder<Database, 'children'>, facilityId: string) {
  return eb.exists(
    eb
      .selectFrom('reservations')
      .select(sql.lit(1).as('one'))
      .whereRef('reservations.child_id', '=', 'children.id')
      .where('reservations.facility_id', '=', facilityId)
      // A booking the facility declined, or one cancelled in time, gives no access.
      .where('reservations.status', 'not in', ['cancelled', 'declined']),
  );
}
