// What a facility's staff see of the children booked with them (the rule: src/profiles/access.ts).
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { Notice } from '../platform/ui/forms.tsx';
import { Table } from '../platform/ui/table.tsx';
import { formatJapaneseDate } from '../platform/clock.ts';
import type { ChildRecord } from './queries.ts';
import { TabContent } from './guardian-child-views.tsx';
import { TABS, profileTexts } from './texts.ts';

export function StaffChildListPage(props: { ctx: PageContext; facilityName: string; children: Array<{ id: string; name: string; name_kana: string; birth_date: string }> }) {
  const { ctx } = props;
  const t = profileTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.staffListTitle}>
      <h1 safe>{t.staffListTitle}</h1>
      <p class="lead" safe>{props.facilityName}</p>
      <p safe>{t.staffListLead}</p>
      {props.children.length === 0 ? (
        <p safe>{t.staffListEmpty}</p>
      ) : (
        <Table
          id="children"
          caption={t.staffListTitle}
          rows={props.children}
          columns={[
            {
              header: t.name,
              cell: (c) => (
                <a href={`/facility/children/${c.id}`} safe>
                  {c.name}
                </a>
              ),
            },
            { header: t.kanaLabel, text: (c) => c.name_kana },
            { header: t.birthDate, text: (c) => (ctx.lang === 'ja' ? formatJapaneseDate(c.birth_date) : c.birth_date) },
          ]}
        />
      )}
    </Layout>
  );
}

export function StaffChildPage({ ctx, child }: { ctx: PageContext; child: ChildRecord }) {
  const t = profileTexts(ctx.lang);
  const title = t.staffChildTitle(child.name);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/facility/children" safe>
          {t.backToStaffList}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <Notice type="warning">
        <p safe>{t.auditNotice}</p>
      </Notice>
      {TABS.map((tab) => (
        <section id={tab}>
          <h2 safe>{t.tabs[tab]}</h2>
          <TabContent child={child} tab={tab} lang={ctx.lang} />
        </section>
      ))}
    </Layout>
  );
}
