// The composition root: the platform plus every capability's route groups. Only this file knows
// the whole list, so src/platform/ depends on no capability.
import type { FastifyInstance } from 'fastify';
import { buildServer, type AppDeps, type ServerOptions } from './platform/server.ts';
import { accountRoutes, deviceRoutes } from './accounts/routes.tsx';
import { applicationRoutes } from './applications/routes.tsx';
import { reviewRoutes } from './applications/review-routes.tsx';
import { facilityRoutes } from './facilities/routes.tsx';
import { manageRoutes } from './facilities/manage-routes.tsx';
import { facilityHomeRoutes, guardianHomeRoutes, homeRoutes } from './home/routes.tsx';
import { profileRoutes, staffProfileRoutes } from './profiles/routes.tsx';

export { appDeps } from './platform/server.ts';

export const capabilities = [
  homeRoutes,
  guardianHomeRoutes,
  facilityHomeRoutes,
  applicationRoutes,
  reviewRoutes,
  accountRoutes,
  deviceRoutes,
  profileRoutes,
  staffProfileRoutes,
  facilityRoutes,
  manageRoutes,
];

export function buildApp(deps: AppDeps, options: ServerOptions = {}): Promise<FastifyInstance> {
  return buildServer(deps, capabilities, options);
}
