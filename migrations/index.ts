import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.ts';
import * as profiles from './0002_profiles.ts';
import * as facilities from './0003_facilities.ts';
import * as mailRecovery from './0004_mail_recovery.ts';
import * as restorableLocationIndex from './0005_restorable_location_index.ts';
import * as rateLimits from './0006_rate_limits.ts';
import * as rememberedDevices from './0007_remembered_devices.ts';
import * as reservations from './0008_reservations.ts';
import * as bookingScreens from './0009_booking_screens.ts';
import * as support from './0010_support.ts';
import * as attendance from './0011_attendance.ts';
import * as municipalitySettings from './0012_municipality_settings.ts';
import * as fees from './0014_fees.ts';
import * as facilityDesignations from './0016_facility_designations.ts';
import * as certificationEvents from './0017_certification_events.ts';
import * as dailyJobs from './0018_daily_jobs.ts';
import * as claims from './0019_claims.ts';
import * as reductionApplications from './0020_reduction_applications.ts';
import * as certificationChanges from './0021_certification_changes.ts';

// Listed explicitly (not read from disk) so the same list serves tsx, tests and bundlers.
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_profiles': profiles,
  '0003_facilities': facilities,
  '0004_mail_recovery': mailRecovery,
  '0005_restorable_location_index': restorableLocationIndex,
  '0006_rate_limits': rateLimits,
  '0007_remembered_devices': rememberedDevices,
  '0008_reservations': reservations,
  '0009_booking_screens': bookingScreens,
  '0010_support': support,
  '0011_attendance': attendance,
  '0012_municipality_settings': municipalitySettings,
  '0014_fees': fees,
  '0016_facility_designations': facilityDesignations,
  '0017_certification_events': certificationEvents,
  '0018_daily_jobs': dailyJobs,
  '0019_claims': claims,
  '0020_reduction_applications': reductionApplications,
  '0021_certification_changes': certificationChanges,
};
