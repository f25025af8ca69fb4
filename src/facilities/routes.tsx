import type { FastifyInstance } from 'fastify';

/** Guide step 5: 施設を探す, the facility detail page, and municipality staff managing facilities. */
export async function facilityRoutes(_app: FastifyInstance) {}
