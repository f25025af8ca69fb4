import type { FastifyRequest } from 'fastify';
import { formatTokyoDateTime } from '../platform/clock.ts';
import { defineTexts } from '../platform/i18n.ts';
import type { PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, Notice, SummaryList } from '../platform/ui/forms.tsx';
import type { RememberedDevice } from './remembered-devices.ts';

export const rememberedDeviceTexts = defineTexts({
  ja: {
    title: '記憶している端末',
    lead: 'ログインのときにワンタイムパスワードの入力を省略できる端末です（記憶してから30日間）。パスワードの入力は毎回必要です。心当たりのない端末や、手放した端末は解除してください。',
    none: '記憶している端末はありません。ワンタイムパスワードの画面で「この端末を30日間記憶する」を選ぶと、ここに表示されます。',
    unknownDevice: '端末の種類は不明',
    thisDevice: 'この端末',
    registered: '記憶した日時',
    lastUsed: '最後に使った日時',
    revoke: '解除',
    revokeAll: 'すべて解除',
    revoked: '端末の記憶を解除しました。解除した端末では、次のログインでワンタイムパスワードの入力が必要です。',
  },
  en: {
    title: 'Remembered devices',
    lead: 'On these devices you can skip the one-time password at login, for 30 days from when they were remembered. You still enter your password each time. Remove any device you do not recognise or no longer have.',
    none: 'No device is remembered. Tick "Remember this device for 30 days" on the one-time password page and it will be listed here.',
    unknownDevice: 'Unknown kind of device',
    thisDevice: 'This device',
    registered: 'Remembered on',
    lastUsed: 'Last used',
    revoke: 'Remove',
    revokeAll: 'Remove all',
    revoked: 'The device is no longer remembered. It will ask for a one-time password at the next login.',
  },
});

/** After 解除 the user is sent back to the start page with `?devices=revoked` (src/accounts/routes.tsx). */
export function devicesJustRevoked(req: FastifyRequest): boolean {
  return (req.query as Record<string, unknown>).devices === 'revoked';
}

/** The section of マイページ (and the staff start pages) where the user sees and revokes remembered devices. */
export function RememberedDevicesSection(props: { ctx: PageContext; devices: RememberedDevice[]; revoked: boolean }) {
  const { ctx, devices } = props;
  const t = rememberedDeviceTexts(ctx.lang);
  return (
    <section class="card" id="remembered-devices" aria-labelledby="remembered-devices-title">
      <h2 id="remembered-devices-title" safe>
        {t.title}
      </h2>
      {props.revoked ? (
        <Notice type="success">
          <p safe>{t.revoked}</p>
        </Notice>
      ) : (
        ''
      )}
      <p safe>{t.lead}</p>
      {devices.length === 0 ? (
        <p safe>{t.none}</p>
      ) : (
        <>
          <ul class="cards">
            {devices.map((device) => {
              const label = device.label || t.unknownDevice;
              return (
                <li class="card" data-qa="remembered-device">
                  <h3>
                    <span safe>{label}</span>
                    {device.current ? (
                      <>
                        {' '}
                        <span class="status" safe>
                          {t.thisDevice}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </h3>
                  <SummaryList
                    rows={[
                      { key: t.registered, value: formatTokyoDateTime(device.createdAt) },
                      { key: t.lastUsed, value: formatTokyoDateTime(device.lastUsedAt) },
                    ]}
                  />
                  <form method="post" action={`/account/devices/${device.id}/revoke`}>
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" data-variant="secondary">
                      <span safe>{t.revoke}</span>
                      <span class="visually-hidden" safe>{`: ${label}`}</span>
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
          <form method="post" action="/account/devices/revoke-all" class="spaced">
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" data-variant="secondary" safe>
              {t.revokeAll}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
