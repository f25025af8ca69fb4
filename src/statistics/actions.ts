// Who may see statistics: a municipality's staff, of their own municipality (the queries filter by it).
import { action, type MunicipalityStaffUser } from '../platform/access.ts';

export const statisticsActions = {
  view: action<MunicipalityStaffUser>('statistics.view'),
};
