import type { FastifyInstance } from 'fastify';
import { routeGroup } from '../access.ts';
import { pageContext, sendHtml, sendMessagePage } from '../http.tsx';
import { Layout } from '../ui/layout.tsx';
import { Notice } from '../ui/forms.tsx';
import { Table } from '../ui/table.tsx';
import { formatTokyoDateTime } from '../clock.ts';

/**
 * The development mailbox: with no SMTP server configured, every queued mail is readable here so
 * a newcomer can follow each mailed link. It is never registered in production.
 */
export const mailboxRoutes = routeGroup('development', async (routes) => {
  const { db } = routes.app.deps;

  routes.get('/dev/mailbox', async (req, reply) => {
    const mails = await db.selectFrom('mail_outbox').select(['id', 'to_address', 'subject', 'created_at']).orderBy('id', 'desc').limit(100).execute();
    const ctx = pageContext(req, reply);
    const title = ctx.lang === 'ja' ? '開発用メールボックス' : 'Development mailbox';
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <Notice type="warning">
          <p>
            {ctx.lang === 'ja'
              ? 'SMTP_URL が設定されていないため、送信するメールをここに保管しています（開発用。本番環境にはこのページはありません）。'
              : 'SMTP_URL is not set, so mail is kept here instead of being sent (development only; this page does not exist in production).'}
          </p>
        </Notice>
        <Table
          id="mails"
          caption={title}
          rows={mails}
          columns={[
            { header: ctx.lang === 'ja' ? '日時' : 'Time', text: (m) => formatTokyoDateTime(m.created_at) },
            { header: ctx.lang === 'ja' ? '宛先' : 'To', text: (m) => m.to_address },
            {
              header: ctx.lang === 'ja' ? '件名' : 'Subject',
              cell: (m) => (
                <a href={`/dev/mailbox/${m.id}`} safe>
                  {m.subject}
                </a>
              ),
            },
          ]}
        />
      </Layout>,
    );
  });

  routes.get('/dev/mailbox/:mailNumber', async (req, reply) => {
    const id = Number((req.params as { mailNumber: string }).mailNumber);
    const mail = Number.isSafeInteger(id) ? await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!mail) return sendMessagePage(req, reply, 'notFound');
    const ctx = pageContext(req, reply);
    const links = [...mail.text_body.matchAll(/https?:\/\/[^\s　。、」』）)]+/g)].map((m) => m[0]);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={mail.subject}>
        <p>
          <a href="/dev/mailbox">{ctx.lang === 'ja' ? 'メール一覧に戻る' : 'Back to the mailbox'}</a>
        </p>
        <h1 safe>{mail.subject}</h1>
        <p safe>{`${ctx.lang === 'ja' ? '宛先' : 'To'}：${mail.to_address}`}</p>
        {links.length > 0 ? (
          <>
            <h2>{ctx.lang === 'ja' ? 'メール内のリンク' : 'Links in this mail'}</h2>
            <ul>
              {links.map((link) => (
                <li>
                  <a href={link} data-qa="mail-link" safe>
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        <h2>{ctx.lang === 'ja' ? '本文' : 'Body'}</h2>
        <div class="mail-body" data-qa="mail-body" safe>
          {mail.text_body}
        </div>
      </Layout>,
    );
  });
});
