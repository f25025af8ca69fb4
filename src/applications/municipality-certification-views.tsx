// Municipality staff: the certified children (認定者), one child's certification with its history,
// and ending a certification before its term, with the bookings it cancels shown first.
import { defineTexts, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, CsrfField, DateField, ErrorSummary, Notice, RadioGroup, SelectField, SummaryList, TextArea, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { Lines, Table } from '../platform/ui/table.tsx';
import { CalendarDate, TimeRange, yearMonthOf } from '../platform/time.ts';
import { Pager } from '../facilities/components.tsx';
import { formatMinutes, kindLabels } from '../reservations/setup-texts.ts';
import { REASON_NOTE_LIMIT, TERMINATION_REASONS, type TerminationAnswers } from './certification-form.ts';
import { CHILDREN_PAGE_SIZE, type BookingAfter, type CertificationChangeRow, type CertificationOf } from './certification-queries.ts';
import { CHANGE_REASON_LIMIT, changeMonths, type ChangeAnswers } from './certification-change-form.ts';
import { monthLabel } from '../municipalities/settings-texts.ts';
import type { TerminationReason } from './tables.ts';

const reasonLabels: Record<Lang, Record<TerminationReason, string>> = {
  ja: { nursery: '保育所・認定こども園などに入園', moved: '市区町村の外へ転出', other: 'その他' },
  en: { nursery: 'Enrolled in a nursery or centre', moved: 'Moved out of the municipality', other: 'Other' },
};

export const certificationTexts = defineTexts({
  ja: {
    listTitle: '認定者の管理',
    listLead: (n: number) => `乳児等支援給付認定を受けているお子さまは${n}人です。氏名を押すと、認定の内容の確認と、認定の終了ができます。`,
    search: '氏名・フリガナ・認定番号で探す',
    searchButton: '検索',
    noResults: '該当するお子さまはいません。',
    child: 'お子さま',
    nameKana: 'フリガナ',
    birthDate: '生年月日',
    number: '認定番号',
    validity: '認定期間',
    guardian: '保護者',
    guardianEmail: '保護者のメールアドレス',
    ended: '（終了）',
    backToList: '認定者の一覧に戻る',
    history: '認定の終了の記録',
    noHistory: '認定の終了の記録はありません。',
    reason: '終了の理由',
    reasonNote: '理由の詳細',
    reasonNoteHint: `「その他」のときは必ず入力してください（${REASON_NOTE_LIMIT}文字以内）。`,
    lastDay: '認定の最後の日',
    lastDayHint: 'この日まで予約・利用できます。例：入園が4月1日なら、3月31日。',
    previous: '終了前の認定期間の終わり',
    recordedBy: '記録した人',
    recordedAt: '記録した日時',
    terminateTitle: '認定を終了する',
    terminateLead: 'お子さまが保育所などに入園したときや、転出したときに使います。最後の日より後の予約は取り消され、保護者にメールで知らせます。',
    terminateButton: '確認画面へ進む',
    confirmTitle: '認定の終了を確認',
    confirmLead: (name: string, day: string) => `${name}さんの認定を${day}で終了します。`,
    confirmBookings: (n: number) => (n > 0 ? `${n}件の予約が取り消されます。取り消した時間は、お子さまの利用可能時間に数えません。` : '取り消される予約はありません。'),
    facility: '施設',
    when: '日時',
    kind: '種別',
    confirmButton: '認定を終了する',
    back: '戻る',
    terminated: (n: number) => `認定を終了しました。${n > 0 ? `${n}件の予約を取り消し、` : ''}保護者にメールで知らせました。`,
    changeTitle: '認定の内容を変更する',
    changeLead: '氏名が変わったときや、認定の期間を延ばすときに使います。変更は、選んだ月の1日から適用され、保護者にメールで知らせます。期間を短くするときは「認定を終了する」を使ってください。',
    changeFrom: '変更する月',
    changeFromHint: '翌月以降の1日から適用されます。',
    changeName: 'お子さまの氏名',
    changeNameHint: '入力したとおりに記録します（異体字もそのまま）。',
    changeKana: 'フリガナ',
    changeValidUntil: '認定の最後の日',
    changeValidUntilHint: '3歳の誕生日の前々日まで延ばせます。',
    changeReason: '変更の理由',
    changeButton: '変更を登録する',
    pendingTitle: '適用を待っている変更',
    noPending: '適用を待っている変更はありません。',
    changesTitle: '認定の変更の記録',
    noChanges: '認定の変更の記録はありません。',
    changeWhat: '変更の内容',
    changeState: '状態',
    statePending: (from: string) => `${from}に適用`,
    stateApplied: '適用済み',
    stateWithdrawn: '取り消し',
    changeBefore: '変更前',
    withdrawButton: 'この変更を取り消す',
    changeRecorded: (from: string) => `変更を登録しました。${from}から適用します。保護者にメールで知らせました。`,
    changeWithdrawn: '変更を取り消しました。',
    monthTaken: 'この月に適用する変更がすでにあります。先にその変更を取り消してから、まとめて登録し直してください。',
    withdrawGone: 'この変更は、すでに適用されたか取り消されています。',
  },
  en: {
    listTitle: 'Certified children',
    listLead: (n: number) => `${n} children hold a certification. Choose a name to see the certification or to end it.`,
    search: 'Search by name, reading or certification number',
    searchButton: 'Search',
    noResults: 'No child matches.',
    child: 'Child',
    nameKana: 'Reading',
    birthDate: 'Date of birth',
    number: 'Certification number',
    validity: 'Certified',
    guardian: 'Guardian',
    guardianEmail: "Guardian's e-mail",
    ended: ' (ended)',
    backToList: 'Back to certified children',
    history: 'Ended certifications',
    noHistory: 'No certification of this child was ended early.',
    reason: 'Reason',
    reasonNote: 'Details',
    reasonNoteHint: `Required for “Other” (up to ${REASON_NOTE_LIMIT} characters).`,
    lastDay: 'Last day of the certification',
    lastDayHint: 'The child may book and attend until this day. E.g. for a nursery place from 1 April, 31 March.',
    previous: 'Certified until (before)',
    recordedBy: 'Recorded by',
    recordedAt: 'Recorded at',
    terminateTitle: 'End the certification',
    terminateLead: 'Use this when the child enrols in a nursery or moves away. Bookings after the last day are cancelled and the guardian is mailed.',
    terminateButton: 'Continue to confirmation',
    confirmTitle: 'Confirm ending the certification',
    confirmLead: (name: string, day: string) => `${name}'s certification ends on ${day}.`,
    confirmBookings: (n: number) => (n > 0 ? `${n} booking(s) will be cancelled. The hours do not count against the allowance.` : 'No booking will be cancelled.'),
    facility: 'Facility',
    when: 'Date and time',
    kind: 'Kind',
    confirmButton: 'End the certification',
    back: 'Back',
    terminated: (n: number) => `The certification was ended.${n > 0 ? ` ${n} booking(s) were cancelled.` : ''} The guardian was mailed.`,
    changeTitle: 'Change the certification',
    changeLead: 'Use this when the name changes or to extend the certification. The change applies from the first day of the chosen month, and the guardian is mailed. To shorten it, use “End the certification”.',
    changeFrom: 'Month of the change',
    changeFromHint: 'Changes apply from the first day of next month or later.',
    changeName: "Child's name",
    changeNameHint: 'Recorded exactly as typed (variant characters included).',
    changeKana: 'Reading',
    changeValidUntil: 'Last day of the certification',
    changeValidUntilHint: 'Up to two days before the third birthday.',
    changeReason: 'Reason for the change',
    changeButton: 'Record the change',
    pendingTitle: 'Changes waiting to apply',
    noPending: 'No change is waiting to apply.',
    changesTitle: 'Changes to the certification',
    noChanges: 'The certification has not been changed.',
    changeWhat: 'Change',
    changeState: 'State',
    statePending: (from: string) => `Applies on ${from}`,
    stateApplied: 'Applied',
    stateWithdrawn: 'Withdrawn',
    changeBefore: 'Before',
    withdrawButton: 'Withdraw this change',
    changeRecorded: (from: string) => `The change was recorded and applies from ${from}. The guardian was mailed.`,
    changeWithdrawn: 'The change was withdrawn.',
    monthTaken: 'A change already applies from this month. Withdraw it first, then record both together.',
    withdrawGone: 'This change has already applied or been withdrawn.',
  },
});

const dateText = (date: string, lang: Lang) => CalendarDate.from(date).format(lang);

export function ChildrenListPage(props: { ctx: PageContext; search: string; page: number; rows: ReadonlyArray<{ id: string; name: string; name_kana: string; birth_date: string; certification_number: string; certification_valid_from: string; certification_valid_until: string; guardian_name: string }>; total: number; today: CalendarDate }) {
  const { ctx } = props;
  const lang = ctx.lang;
  const t = certificationTexts(lang);
  return (
    <Layout ctx={ctx} title={t.listTitle}>
      <h1 safe>{t.listTitle}</h1>
      <p safe>{t.listLead(props.total)}</p>
      <form method="get" action="/municipality/children" class="search-form" role="search">
        <label for="q" safe>
          {t.search}
        </label>
        <div class="button-row">
          <input id="q" name="q" value={props.search} autocomplete="off" />
          <button type="submit" safe>
            {t.searchButton}
          </button>
        </div>
      </form>
      {props.rows.length === 0 ? (
        <p safe>{t.noResults}</p>
      ) : (
        <Table
          id="children"
          caption={t.listTitle}
          rows={props.rows}
          columns={[
            {
              header: t.child,
              cell: (c) => (
                <>
                  <a href={`/municipality/children/${c.id}`} safe>
                    {c.name}
                  </a>
                  <br />
                  <span class="hint" safe>
                    {c.name_kana}
                  </span>
                </>
              ),
            },
            { header: t.birthDate, cell: (c) => <Lines items={[dateText(c.birth_date, lang)]} /> },
            { header: t.number, text: (c) => c.certification_number },
            {
              header: t.validity,
              cell: (c) => (
                <Lines items={[`${dateText(c.certification_valid_from, lang)}～`, `${dateText(c.certification_valid_until, lang)}${CalendarDate.from(c.certification_valid_until).isBefore(props.today) ? t.ended : ''}`]} />
              ),
            },
            { header: t.guardian, text: (c) => c.guardian_name },
          ]}
        />
      )}
      <Pager
        lang={lang}
        page={props.page}
        pageSize={CHILDREN_PAGE_SIZE}
        shown={props.rows.length}
        total={props.total}
        hasMore={props.page * CHILDREN_PAGE_SIZE < props.total}
        href={(p) => `/municipality/children?${new URLSearchParams({ ...(props.search ? { q: props.search } : {}), page: String(p) }).toString()}`}
      />
    </Layout>
  );
}

function changeWhat(c: CertificationChangeRow, lang: Lang): string[] {
  const t = certificationTexts(lang);
  const colon = lang === 'ja' ? '：' : ': ';
  return [
    c.new_name !== null ? `${t.changeName}${colon}${c.new_name}` : '',
    c.new_name_kana !== null ? `${t.changeKana}${colon}${c.new_name_kana}` : '',
    c.new_valid_until !== null ? `${t.changeValidUntil}${colon}${dateText(c.new_valid_until, lang)}` : '',
  ].filter(Boolean);
}

function changeBefore(c: CertificationChangeRow, lang: Lang): string[] {
  if (!c.applied_at) return [];
  return [
    c.new_name !== null && c.previous_name !== null ? c.previous_name : '',
    c.new_name_kana !== null && c.previous_name_kana !== null ? c.previous_name_kana : '',
    c.new_valid_until !== null && c.previous_valid_until !== null ? dateText(c.previous_valid_until, lang) : '',
  ].filter(Boolean);
}

function fromText(date: string, lang: Lang): string {
  return CalendarDate.from(date).format(lang);
}

/** 変更認定: the changes waiting for their month (each withdrawable), the form, and the changes made. */
function CertificationChanges(props: { ctx: PageContext; childId: string; changes: readonly CertificationChangeRow[]; answers: ChangeAnswers; errors: FieldErrors; today: CalendarDate }) {
  const { ctx, errors, answers: a } = props;
  const lang = ctx.lang;
  const t = certificationTexts(lang);
  const pending = props.changes.filter((c) => !c.applied_at && !c.withdrawn_at);
  const done = props.changes.filter((c) => c.applied_at || c.withdrawn_at);
  const path = `/municipality/children/${props.childId}`;
  return (
    <>
      <h2 safe>{t.pendingTitle}</h2>
      {pending.length === 0 ? (
        <p safe>{t.noPending}</p>
      ) : (
        <ul id="pending-changes" class="cards">
          {pending.map((c) => (
            <li class="card">
              <h3 safe>{t.statePending(fromText(c.effective_from, lang))}</h3>
              <SummaryList
                rows={[
                  { key: t.changeWhat, value: changeWhat(c, lang).join('\n') },
                  { key: t.changeReason, value: c.reason },
                  { key: t.recordedBy, value: c.recorded_by },
                ]}
              />
              <form method="post" action={`${path}/changes/${c.id}/withdraw`}>
                <CsrfField token={ctx.csrfToken} />
                <button type="submit" data-variant="secondary" safe>
                  {t.withdrawButton}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${path}/changes`} novalidate class="card">
        <h2 safe>{t.changeTitle}</h2>
        <p safe>{t.changeLead}</p>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="changeFrom"
          label={t.changeFrom}
          hint={t.changeFromHint}
          lang={lang}
          required
          value={a.from}
          error={errors.changeFrom}
          options={changeMonths(props.today).map((m) => ({ value: yearMonthOf(m), label: monthLabel(m.year, m.month, lang) }))}
        />
        <TextField name="changeName" label={t.changeName} hint={t.changeNameHint} lang={lang} required value={a.name} error={errors.changeName} />
        <TextField name="changeKana" label={t.changeKana} lang={lang} required value={a.nameKana} error={errors.changeKana} />
        <DateField name="changeValidUntil" label={t.changeValidUntil} hint={t.changeValidUntilHint} lang={lang} required value={a.validUntil} error={errors.changeValidUntil} />
        <TextArea name="changeReason" label={t.changeReason} lang={lang} required value={a.reason} error={errors.changeReason} maxlength={CHANGE_REASON_LIMIT} />
        <button type="submit" safe>
          {t.changeButton}
        </button>
      </form>
      <h2 safe>{t.changesTitle}</h2>
      {done.length === 0 ? (
        <p safe>{t.noChanges}</p>
      ) : (
        <Table
          id="changes"
          caption={t.changesTitle}
          rows={done}
          columns={[
            { header: t.changeFrom, text: (c) => fromText(c.effective_from, lang) },
            { header: t.changeWhat, cell: (c) => <Lines items={changeWhat(c, lang)} /> },
            { header: t.changeBefore, cell: (c) => <Lines items={changeBefore(c, lang)} /> },
            { header: t.changeReason, cell: (c) => <Lines wrap items={[c.reason]} /> },
            { header: t.changeState, text: (c) => (c.applied_at ? t.stateApplied : t.stateWithdrawn) },
            { header: t.recordedBy, text: (c) => c.recorded_by },
          ]}
        />
      )}
    </>
  );
}

export interface ChangeFormState {
  changes: readonly CertificationChangeRow[];
  answers: ChangeAnswers;
  errors: FieldErrors;
}

export function CertificationPage(props: { ctx: PageContext; detail: CertificationOf; answers: TerminationAnswers; errors: FieldErrors; change: ChangeFormState; notice?: string | undefined; problem?: string | undefined; today: CalendarDate }) {
  const { ctx, errors, answers: a } = props;
  const lang = ctx.lang;
  const t = certificationTexts(lang);
  const c = props.detail.child;
  const active = !CalendarDate.from(c.certification_valid_until).isBefore(props.today);
  return (
    <Layout ctx={ctx} title={c.name} hasErrors={Object.keys(errors).length + Object.keys(props.change.errors).length > 0}>
      <ErrorSummary errors={{ ...props.change.errors, ...errors }} lang={lang} />
      <p>
        <a href="/municipality/children" safe>
          {t.backToList}
        </a>
      </p>
      <h1 safe>{c.name}</h1>
      <ActionMessages notice={props.notice} problem={props.problem} />
      <SummaryList
        rows={[
          { key: t.nameKana, value: c.name_kana },
          { key: t.birthDate, value: dateText(c.birth_date, lang) },
          { key: t.number, value: c.certification_number },
          { key: t.validity, value: `${dateText(c.certification_valid_from, lang)}～${dateText(c.certification_valid_until, lang)}${active ? '' : t.ended}` },
          { key: t.guardian, value: c.guardian_name },
          { key: t.guardianEmail, value: c.guardian_email },
        ]}
      />
      <h2 safe>{t.history}</h2>
      {props.detail.terminations.length === 0 ? (
        <p safe>{t.noHistory}</p>
      ) : (
        <Table
          id="terminations"
          caption={t.history}
          rows={props.detail.terminations}
          columns={[
            { header: t.lastDay, cell: (r) => <Lines items={[dateText(r.last_day, lang)]} /> },
            { header: t.previous, cell: (r) => <Lines items={[dateText(r.previous_valid_until, lang)]} /> },
            { header: t.reason, text: (r) => [reasonLabels[lang][r.reason], r.reason_note].filter(Boolean).join('：') },
            { header: t.recordedBy, text: (r) => r.recorded_by },
          ]}
        />
      )}
      {active ? <CertificationChanges ctx={ctx} childId={c.id} changes={props.change.changes} answers={props.change.answers} errors={props.change.errors} today={props.today} /> : ''}
      {active ? (
        <form method="post" action={`/municipality/children/${c.id}/terminate`} novalidate class="card">
          <h2 safe>{t.terminateTitle}</h2>
          <p safe>{t.terminateLead}</p>
          <CsrfField token={ctx.csrfToken} />
          <RadioGroup name="reason" label={t.reason} lang={lang} required value={a.reason} error={errors.reason} options={TERMINATION_REASONS.map((r) => ({ value: r, label: reasonLabels[lang][r] }))} />
          <TextArea name="reasonNote" label={t.reasonNote} hint={t.reasonNoteHint} lang={lang} value={a.reasonNote} error={errors.reasonNote} maxlength={REASON_NOTE_LIMIT} />
          <DateField name="lastDay" label={t.lastDay} hint={t.lastDayHint} lang={lang} required value={a.lastDay} error={errors.lastDay} />
          <button type="submit" safe>
            {t.terminateButton}
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function TerminationConfirmPage(props: { ctx: PageContext; childId: string; childName: string; lastDay: CalendarDate; answers: TerminationAnswers; bookings: readonly BookingAfter[] }) {
  const { ctx, answers: a } = props;
  const lang = ctx.lang;
  const t = certificationTexts(lang);
  const path = `/municipality/children/${props.childId}`;
  return (
    <Layout ctx={ctx} title={`${t.confirmTitle} - ${props.childName}`}>
      <h1 safe>{t.confirmTitle}</h1>
      <Notice type="warning">
        <p safe>{t.confirmLead(props.childName, props.lastDay.format(lang, { weekday: true }))}</p>
        <p safe>{t.confirmBookings(props.bookings.length)}</p>
      </Notice>
      {props.bookings.length > 0 ? (
        <Table
          id="affected"
          caption={t.confirmBookings(props.bookings.length)}
          rows={props.bookings}
          columns={[
            {
              header: t.when,
              cell: (b) => {
                const time = TimeRange.fromInstants(b.startsAt, b.endsAt);
                return <Lines items={[time.date.format(lang, { weekday: true }), formatMinutes(time.startMinute, time.endMinute, lang)]} />;
              },
            },
            { header: t.facility, text: (b) => b.facilityName },
            { header: t.kind, text: (b) => kindLabels[lang][b.kind] },
          ]}
        />
      ) : (
        ''
      )}
      <form method="post" action={`${path}/terminate`}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="reason" value={a.reason} />
        <input type="hidden" name="reasonNote" value={a.reasonNote} />
        <input type="hidden" name="lastDay.year" value={a.lastDay.year} />
        <input type="hidden" name="lastDay.month" value={a.lastDay.month} />
        <input type="hidden" name="lastDay.day" value={a.lastDay.day} />
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {t.confirmButton}
          </button>
          <a href={path} safe>
            {t.back}
          </a>
        </div>
      </form>
    </Layout>
  );
}
