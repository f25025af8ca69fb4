// An editable section of a record (one tab of a child's profile, a facility's settings): its page,
// then 編集 → 確定 → a confirmation screen → OK. Nothing is stored before OK: the answers ride
// through the confirmation screen as hidden fields. The form carries the record's revision from
// the moment it was opened, and the save is a compare-and-set on it, so a second press of OK or an
// old browser tab changes nothing behind anyone's back.
//
// A capability describes the section (how its form is read, checked, previewed) and binds it to
// routes (who may, how it loads and saves, which pages show it); registerSection does the rest.
// The screens' common parts are in src/platform/ui/section.tsx.
import type { PropsWithChildren } from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Handler, Routes } from '../access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../http.tsx';
import type { Lang } from '../i18n.ts';
import type { FieldErrors } from '../ui/forms.tsx';
import type { PageContext } from '../ui/layout.tsx';
import type { Checked, FormFields } from '../validation.ts';

/** A record whose sections are edited this way: every save moves its revision on. */
export interface Revisioned {
  revision: number;
}

/** 'conflict': the revision was no longer the one the form started from, and nothing was written. */
export type SectionSaveResult = 'saved' | 'conflict' | 'not-found';

/** One section's form: A is the answers as typed (re-shown on errors), V the checked value. */
export interface Section<R extends Revisioned, A, V> {
  /** The answers from a form body (cleaned at the root already; normalised here for meaning only). */
  fromBody(body: FormFields): A;
  /** The answers the form starts with, from what is stored. */
  fromRecord(record: R): A;
  /** The answers as form fields: the confirmation screen carries them as hidden inputs. */
  fields(answers: A): FormFields;
  validate(answers: A, lang: Lang): Checked<V>;
  /** The record as it will be once the value is saved: the confirmation screen shows this. */
  apply(record: R, value: V): R;
  /** What the section holds, to tell whether a save that lost the race had saved the same thing anyway. */
  state(record: R): unknown;
  /** Add and remove buttons of list forms: the new lines, or undefined if the action is not one. */
  lines?(answers: A, action: string): A | undefined;
  /** The form's fields on the edit page. `prefilled` is set when the answers came from `prefill`. */
  Fields(props: { answers: A; errors: FieldErrors; lang: Lang; record: R; prefilled: boolean }): JSX.Element;
}

export interface SectionPages<R> {
  /** The section's page; `saved` after OK. */
  View(props: { ctx: PageContext; record: R; saved: boolean }): JSX.Element;
  /** The form around the section's fields (src/platform/ui/section.tsx SectionEditPage). */
  Edit(props: PropsWithChildren<{ ctx: PageContext; record: R; revision: number; errors: FieldErrors; conflict: boolean }>): JSX.Element;
  /** The confirmation screen, showing `preview` (SectionConfirmPage). */
  Confirm(props: { ctx: PageContext; preview: R; revision: number; fields: FormFields }): JSX.Element;
}

export interface SectionRoutes<U, R extends Revisioned, A, V> {
  /** The section's page, a route with the record's id; 編集 is `${path}/edit`, and both forms post to `path`. */
  path: string;
  section: Section<R, A, V>;
  /** Names the action (access.ts `permit`) and returns the record's id; refuses otherwise. */
  permit(req: FastifyRequest, user: U, purpose: 'read' | 'update'): Promise<string>;
  /** The record, if it is within the user's reach. */
  load(id: string, user: U): Promise<R | undefined>;
  /** Answers to start the form with instead of the stored ones (undefined: the stored ones). */
  prefill?(record: R, user: U, lang: Lang): Promise<A | undefined>;
  /** Writes the value in one transaction, as a compare-and-set on `revision`. */
  save(user: U, record: R, revision: number, value: V): Promise<SectionSaveResult>;
  /** The section's page for the record (where OK leads, with ?saved=1). */
  href(record: R): string;
  pages: SectionPages<R>;
}

/** The revision a form carried; -1 (matching none) if it is missing or not a number. */
function revisionOf(value: string | undefined): number {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : -1;
}

/**
 * Registers the section's page (GET path), its edit form (GET path/edit) and the form's answer
 * (POST path: 確定, 修正する, OK, and the list buttons). Returns the page's handler, for a route
 * that shows the same page at another address.
 */
export function registerSection<U, R extends Revisioned, A, V>(routes: Routes<U>, flow: SectionRoutes<U, R, A, V>): { show: Handler<U> } {
  const { section, pages } = flow;

  function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    record: R,
    answers: A,
    options: { revision: number; errors?: FieldErrors; status?: number; conflict?: boolean; prefilled?: boolean },
  ) {
    const errors = options.errors ?? {};
    const { Edit } = pages;
    const F = section.Fields;
    return sendHtml(
      reply,
      <Edit ctx={pageContext(req, reply)} record={record} revision={options.revision} errors={errors} conflict={options.conflict ?? false}>
        <F answers={answers} errors={errors} lang={req.lang} record={record} prefilled={options.prefilled ?? false} />
      </Edit>,
      options.status ?? 200,
    );
  }

  const show: Handler<U> = async (req, reply, user) => {
    const record = await flow.load(await flow.permit(req, user, 'read'), user);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const { View } = pages;
    return sendHtml(reply, <View ctx={pageContext(req, reply)} record={record} saved={queryOf(req).saved === '1'} />);
  };
  routes.get(flow.path, show);

  routes.get(`${flow.path}/edit`, async (req, reply, user) => {
    const record = await flow.load(await flow.permit(req, user, 'update'), user);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const prefill = await flow.prefill?.(record, user, req.lang);
    return editPage(req, reply, record, prefill ?? section.fromRecord(record), { revision: record.revision, prefilled: prefill !== undefined });
  });

  routes.post(flow.path, async (req, reply, user) => {
    const id = await flow.permit(req, user, 'update');
    const record = await flow.load(id, user);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const body = formBody(req);
    const answers = section.fromBody(body);
    const revision = revisionOf(body.revision);
    const action = body.action ?? 'confirm';
    if (action === 'edit') return editPage(req, reply, record, answers, { revision });
    const lines = section.lines?.(answers, action);
    if (lines) return editPage(req, reply, record, lines, { revision });

    const checked = section.validate(answers, req.lang);
    if (checked.errors) return editPage(req, reply, record, answers, { revision, errors: checked.errors, status: 400 });
    if (action !== 'save') {
      const { Confirm } = pages;
      return sendHtml(reply, <Confirm ctx={pageContext(req, reply)} preview={section.apply(record, checked.value)} revision={revision} fields={section.fields(answers)} />);
    }
    const result = await flow.save(user, record, revision, checked.value);
    if (result === 'not-found') return sendMessagePage(req, reply, 'notFound');
    const saved = `${flow.href(record)}?saved=1`;
    if (result === 'saved') return seeOther(reply, saved);
    // Someone saved first. If it was this very answer (OK pressed twice), all is well.
    const current = await flow.load(id, user);
    if (!current) return sendMessagePage(req, reply, 'notFound');
    const sameState = JSON.stringify(section.state(section.apply(current, checked.value))) === JSON.stringify(section.state(current));
    if (sameState) return seeOther(reply, saved);
    return editPage(req, reply, current, answers, { revision: current.revision, status: 409, conflict: true });
  });

  return { show };
}
