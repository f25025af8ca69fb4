import { permit, routeGroup } from '../platform/access.ts';
import { seeOther, sendMessagePage } from '../platform/http.tsx';
import type { Role } from '../platform/database.ts';
import { homePathFor } from '../platform/ui/layout.tsx';
import { deviceActions } from './actions.ts';
import { revokeRememberedDevices } from './remembered-devices.ts';

/** 記憶している端末: listed on マイページ and the staff start pages, revoked here by their owner. */
export const deviceRoutes = routeGroup('account', async (routes) => {
  const { db } = routes.app.deps;
  const afterRevoke = (role: Role) => `${homePathFor(role)}?devices=revoked#remembered-devices`;

  routes.post('/account/devices/revoke-all', async (req, reply, user) => {
    await permit(req, user, deviceActions.revoke);
    await revokeRememberedDevices(db, req, reply, user.id);
    return seeOther(reply, afterRevoke(user.role));
  });

  routes.post('/account/devices/:id/revoke', async (req, reply, user) => {
    const id = await permit(req, user, deviceActions.revokeOne, (req.params as { id: string }).id);
    const revoked = await revokeRememberedDevices(db, req, reply, user.id, id);
    if (revoked === 0) return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, afterRevoke(user.role));
  });
});
