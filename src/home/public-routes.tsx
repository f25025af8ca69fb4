import { pageContext, seeOther, sendHtml } from '../platform/http.tsx';
import { routeGroup } from '../platform/access.ts';
import { Layout, homePathFor } from '../platform/ui/layout.tsx';
import { texts } from './texts.ts';

/** The start page, for everyone; signed-in users go on to their own start page. */
export const homeRoutes = routeGroup('public', (routes) => {
  routes.get('/', async (req, reply) => {
    if (req.user) return seeOther(reply, homePathFor(req.user.role));
    const ctx = pageContext(req, reply);
    const t = texts(ctx.lang);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t.startTitle}>
        <h1 safe>{t.startTitle}</h1>
        <p class="lead" safe>{t.startLead}</p>
        <h2 safe>{t.howTitle}</h2>
        <ol>
          {t.how.map((step) => (
            <li safe>{step}</li>
          ))}
        </ol>
        <p>
          <a class="button" data-size="large" href="/apply" safe>
            {t.applyButton}
          </a>
        </p>
        <h2 safe>{t.loginTitle}</h2>
        <p>
          <a class="button" data-variant="secondary" href="/login" safe>
            {t.login}
          </a>
        </p>
        <p>
          <a href="/password-reset" safe>
            {t.passwordReset}
          </a>
        </p>
      </Layout>,
    );
  });

});
