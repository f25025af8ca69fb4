// The composition root: the platform plus every capability's route groups. Only this file knows
// the whole list, so src/platform/ depends on no capability.
import type { FastifyInstance } from 'fastify';
import { buildServer, platformDeps, type AppDeps, type ServerOptions } from './platform/server.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/database.ts';
import { TERMS_VERSION } from './accounts/terms.ts';
import { accountRoutes } from './accounts/public-routes.tsx';
import { deviceRoutes } from './accounts/account-routes.tsx';
import { applicationRoutes } from './applications/public-routes.tsx';
import { reviewRoutes } from './applications/municipality-routes.tsx';
import { certificationRoutes } from './applications/municipality-certification-routes.tsx';
import { facilityRoutes } from './facilities/guardian-routes.tsx';
import { manageRoutes } from './facilities/municipality-routes.tsx';
import { homeRoutes } from './home/public-routes.tsx';
import { guardianHomeRoutes } from './home/guardian-routes.tsx';
import { facilityHomeRoutes } from './home/facility-routes.tsx';
import { profileRoutes } from './profiles/guardian-routes.tsx';
import { staffProfileRoutes } from './profiles/facility-routes.tsx';
import { facilitySetupRoutes } from './reservations/facility-setup-routes.tsx';
import { guardianListRoutes } from './reservations/guardian-list-routes.tsx';
import { facilityChangesRoutes } from './reservations/facility-changes-routes.tsx';
import { facilityInboxRoutes } from './reservations/facility-inbox-routes.tsx';
import { bookingRoutes } from './reservations/guardian-booking-routes.tsx';
import { supportRoutes } from './support/public-routes.tsx';
import { inquiryRoutes } from './support/municipality-routes.tsx';
import { statisticsRoutes } from './statistics/municipality-routes.tsx';
import { municipalitySettingsRoutes } from './municipalities/municipality-settings-routes.tsx';
import { facilityFeeRoutes } from './fees/facility-routes.tsx';
import { guardianFeeRoutes } from './fees/guardian-routes.tsx';
import { guardianReductionRoutes } from './fees/guardian-reduction-routes.tsx';
import { municipalityFeeRoutes } from './fees/municipality-routes.tsx';
import { attendanceGuardianRoutes, attendancePublicRoutes } from './attendance/guardian-routes.tsx';
import { attendanceFacilityRoutes } from './attendance/facility-routes.tsx';
import { facilityClaimRoutes } from './claims/facility-routes.tsx';
import { municipalityClaimRoutes } from './claims/municipality-routes.tsx';


/** What the app runs on: the platform's dependencies with the terms version of accounts. */
export function appDeps(db: Db, clock: Clock, config: Config): AppDeps {
  return platformDeps(db, clock, config, TERMS_VERSION);
}

export const capabilities = [
  homeRoutes,
  guardianHomeRoutes,
  facilityHomeRoutes,
  applicationRoutes,
  reviewRoutes,
  certificationRoutes,
  accountRoutes,
  deviceRoutes,
  profileRoutes,
  staffProfileRoutes,
  facilityRoutes,
  manageRoutes,
  facilitySetupRoutes,
  guardianListRoutes,
  facilityChangesRoutes,
  facilityInboxRoutes,
  bookingRoutes,
  supportRoutes,
  inquiryRoutes,
  statisticsRoutes,
  municipalitySettingsRoutes,
  facilityFeeRoutes,
  guardianFeeRoutes,
  guardianReductionRoutes,
  municipalityFeeRoutes,
  attendancePublicRoutes,
  attendanceGuardianRoutes,
  attendanceFacilityRoutes,
  facilityClaimRoutes,
  municipalityClaimRoutes,
];

export function buildApp(deps: AppDeps, options: ServerOptions = {}): Promise<FastifyInstance> {
  return buildServer(deps, capabilities, options);
}
