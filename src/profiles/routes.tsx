import type { FastifyInstance } from 'fastify';

/** Guide step 4: 利用者情報管理 (guardian and child profiles). */
export async function profileRoutes(_app: FastifyInstance) {}
