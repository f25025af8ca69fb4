// The screens of an editable section (the flow is in src/platform/forms/section.tsx): the edit form
// ending in 確定, the confirmation screen ending in OK / 修正する, and the pieces of the section's own
// page (登録しました。 after OK, the 編集 button). A capability gives them its titles and fields.
import type { Children, PropsWithChildren } from '@kitajs/html';
import { defineTexts, type Lang } from '../i18n.ts';
import type { FormFields } from '../validation.ts';
import { CsrfField, DefaultSubmit, ErrorSummary, Notice, type FieldErrors } from './forms.tsx';
import { Layout, type PageContext } from './layout.tsx';

export const sectionTexts = defineTexts({
  ja: {
    edit: '編集',
    confirm: '確定',
    ok: 'OK',
    fix: '修正する',
    cancel: 'キャンセル',
    saved: '登録しました。',
    editTitle: (section: string) => `${section}の編集`,
    confirmTitle: (section: string) => `${section}の確認`,
    confirmLead: 'この内容で登録します。よろしければ「OK」を押してください。直す場合は「修正する」を押してください。',
    conflict: 'この情報は、別の画面で先に変更されていました。下の内容を確かめて、もう一度「確定」を押してください。',
  },
  en: {
    edit: 'Edit',
    confirm: 'Confirm',
    ok: 'OK',
    fix: 'Change',
    cancel: 'Cancel',
    saved: 'Saved.',
    editTitle: (section: string) => `Edit: ${section}`,
    confirmTitle: (section: string) => `Check: ${section}`,
    confirmLead: 'These details will be saved. Press "OK" if they are right, or "Change" to correct them.',
    conflict: 'These details were changed on another screen in the meantime. Check what is shown below and press "Confirm" again.',
  },
});

/** 登録しました。 on the section's page, after OK. */
export function SavedNotice({ lang }: { lang: Lang }) {
  return (
    <Notice type="success">
      <p safe>{sectionTexts(lang).saved}</p>
    </Notice>
  );
}

/** The 編集 button of a section's page. */
export function EditButton({ href, lang }: { href: string; lang: Lang }) {
  return (
    <p class="button-row">
      <a class="button" href={href} safe>
        {sectionTexts(lang).edit}
      </a>
    </p>
  );
}

/** The page title: the section's, then what it belongs to (a child's name, say). */
function pageTitle(title: string, lead: string | undefined): string {
  return lead ? `${title} - ${lead}` : title;
}

/**
 * 編集: the form, ending in 確定 and キャンセル. The revision the form starts from rides along, so
 * a save that someone else's save overtook is noticed (`conflict` then explains it).
 */
export function SectionEditPage(
  props: PropsWithChildren<{
    ctx: PageContext;
    /** The section's name; the heading is 「…の編集」. */
    section: string;
    /** What the section belongs to, under the heading. */
    lead?: string | undefined;
    /** Where the form posts (the flow's path) and where キャンセル leads. */
    action: string;
    cancelHref: string;
    /** Absent where the record keeps no revision. */
    revision?: number | undefined;
    errors: FieldErrors;
    /** Set when someone saved this record after the form was opened. */
    conflict?: boolean | undefined;
    /** Forms with add and remove buttons: Enter must still mean 確定. */
    hasLineButtons?: boolean | undefined;
    /** A rule that refuses the form for a reason outside its fields, shown under the error summary. */
    refusal?: Children;
    /** Notes shown above the form (a rule still to be met), when nothing is refused. */
    notices?: Children;
  }>,
) {
  const { ctx, errors, refusal, notices } = props;
  const t = sectionTexts(ctx.lang);
  const title = t.editTitle(props.section);
  return (
    <Layout ctx={ctx} title={pageTitle(title, props.lead)} hasErrors={Object.keys(errors).length > 0 || Boolean(refusal)}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      {refusal ?? notices ?? ''}
      <p>
        <a href={props.cancelHref} safe>
          {t.cancel}
        </a>
      </p>
      <h1 safe>{title}</h1>
      {props.lead ? <p class="lead" safe>{props.lead}</p> : ''}
      {props.conflict ? (
        <Notice type="warning">
          <p safe>{t.conflict}</p>
        </Notice>
      ) : (
        ''
      )}
      <form method="post" action={props.action} novalidate>
        {props.hasLineButtons ? <DefaultSubmit value="confirm" /> : ''}
        <CsrfField token={ctx.csrfToken} />
        {props.revision === undefined ? '' : <input type="hidden" name="revision" value={String(props.revision)} />}
        {props.children}
        <div class="button-row">
          <button type="submit" name="action" value="confirm" data-size="large" safe>
            {t.confirm}
          </button>
          <a href={props.cancelHref} safe>
            {t.cancel}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/**
 * 確定 → this screen → OK. It shows the record as it will be (the children); the answers travel
 * back as hidden fields, so nothing is stored before OK.
 */
export function SectionConfirmPage(
  props: PropsWithChildren<{
    ctx: PageContext;
    section: string;
    lead?: string | undefined;
    action: string;
    revision?: number | undefined;
    fields: FormFields;
  }>,
) {
  const { ctx } = props;
  const t = sectionTexts(ctx.lang);
  const title = t.confirmTitle(props.section);
  return (
    <Layout ctx={ctx} title={pageTitle(title, props.lead)}>
      <h1 safe>{title}</h1>
      {props.lead ? <p class="lead" safe>{props.lead}</p> : ''}
      <p safe>{t.confirmLead}</p>
      {props.children}
      <form method="post" action={props.action}>
        <CsrfField token={ctx.csrfToken} />
        {props.revision === undefined ? '' : <input type="hidden" name="revision" value={String(props.revision)} />}
        {Object.entries(props.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <div class="button-row">
          <button type="submit" name="action" value="save" data-size="large" safe>
            {t.ok}
          </button>
          <button type="submit" name="action" value="edit" data-variant="secondary" safe>
            {t.fix}
          </button>
        </div>
      </form>
    </Layout>
  );
}
