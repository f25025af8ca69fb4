// The composition root: the platform plus every capability's route groups. Only this file knows
// the whole list, so src/platform/ depends on no capability.
import type { FastifyInstance } from 'fastify';
import { buildServer, type AppDeps, type ServerOptions } from './platform/server.ts';
import { accountRoutes } from './accounts/public-routes.tsx';
import { deviceRoutes } from './accounts/account-routes.tsx';
import { applicationRoutes } from './applications/public-routes.tsx';
import { reviewRoutes } from './applications/municipality-routes.tsx';
import { facilityRoutes } from './facilities/guardian-routes.tsx';
import { manageRoutes } from './facilities/municipality-routes.tsx';
import { homeRoutes } from './home/public-routes.tsx';
import { guardianHomeRoutes } from './home/guardian-routes.tsx';
import { facilityHomeRoutes } from './home/facility-routes.tsx';
import { profileRoutes } from './profiles/guardian-routes.tsx';
import { staffProfileRoutes } from './profiles/facility-routes.tsx';

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
