// Who may use a municipality's settings: its own staff, for their own municipality only (the
// queries take the municipality from the signed-in user, never from the request).
import { action, type MunicipalityStaffUser } from '../platform/access.ts';

export const settingsActions = {
  read: action<MunicipalityStaffUser>('municipality.settings.read'),
  change: action<MunicipalityStaffUser>('municipality.settings.change'),
};
