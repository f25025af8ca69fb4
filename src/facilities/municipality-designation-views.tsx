// Municipality staff: a facility's 認可・確認 — the record in effect, its history, the form for a
// change, and the confirmation page when the change ends bookings.
import { defineTexts, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, DateField, ErrorSummary, Notice, RadioGroup, SummaryList, TextArea, type FieldErrors } from '../platform/ui/forms.tsx';
import { Lines, Table } from '../platform/ui/table.tsx';
import { CalendarDate, TimeRange } from '../platform/time.ts';
import { formatMinutes, kindLabels } from '../reservations/setup-texts.ts';
import { BUSINESS_TYPES, NOTE_LIMIT, type DesignationAnswers } from './designation-form.ts';
import type { AffectedBooking, DesignationRecord } from './designation-queries.ts';
import { mayPublishOn, type Designation } from './designation-rules.ts';
import type { BusinessType } from './tables.ts';
import type { ReservationKind } from '../reservations/tables.ts';

export const businessTypeLabels: Record<Lang, Record<BusinessType, string>> = {
  ja: { general_dedicated: '一般型（専用の部屋）', general_mixed: '一般型（在園児と合同）', spare_capacity: '余裕活用型' },
  en: { general_dedicated: 'General (dedicated room)', general_mixed: 'General (with enrolled children)', spare_capacity: 'Spare capacity of a nursery' },
};

const texts = defineTexts({
  ja: {
    title: '認可・確認',
    lead: '児童福祉法の認可と、子ども・子育て支援法の確認の記録です。認可と確認の両方がある日だけ、施設は予約枠を公開できます。',
    current: (date: string) => `${date}時点の記録`,
    none: 'まだ記録がありません。この施設は予約枠を公開できません。',
    businessType: '事業類型',
    licensedOn: '認可日',
    confirmedOn: '確認日',
    confirmationEndsOn: '確認の終了日',
    effectiveFrom: '効力をもつ日',
    note: '備考',
    notRecorded: '未記録',
    noEnd: '定めなし',
    publishable: '予約枠を公開できます',
    notPublishable: '予約枠を公開できません（認可または確認がありません）',
    state: '今日の状態',
    usesOffered: '提供する利用（施設の設定）',
    noUses: 'なし',
    record: '変更を記録する',
    formTitle: '認可・確認の変更を記録',
    formLead: '今の記録を入れてあります。変わったところだけ直して、効力をもつ日を入れてください。過去の記録は消えずに残ります。',
    effectiveFromHint: 'この日から、この記録が使われます。例：2026年4月1日',
    licensedOnHint: '児童福祉法による認可の日。まだのときは空欄にします。',
    confirmedOnHint: '子ども・子育て支援法による確認の日。まだのときは空欄にします。',
    confirmationEndsOnHint: '確認が終わる場合、その最後の日。この日より後の予約枠は取り下げられ、予約は取り消されて、ご家庭にメールで知らせます。',
    noteHint: `変更の理由や書類の番号など（${NOTE_LIMIT}文字以内）。`,
    save: '記録する',
    cancel: '戻る',
    backToFacility: '施設のページに戻る',
    history: '記録の履歴',
    licenceAndConfirmation: '認可・確認',
    recordedAt: '記録した日時',
    recordedBy: '記録した人',
    migrated: '導入時の記録',
    confirmTitle: '予約の取り消しを確認',
    confirmLead: (n: number) => `この記録で確認のない日になる予約が${n}件あります。記録すると、これらの予約枠を取り下げ、予約を取り消して、ご家庭にメールで知らせます。取り消した時間は、お子さまの利用可能時間に数えません。`,
    child: 'お子さま',
    when: '日時',
    kind: '種別',
    confirmButton: '記録して予約を取り消す',
  },
  en: {
    title: 'Licence and confirmation',
    lead: 'The record of the licence (Child Welfare Act) and the confirmation (Child and Child Care Support Act). A facility may publish slots only for days on which it has both.',
    current: (date: string) => `Record in effect on ${date}`,
    none: 'Nothing recorded yet. This facility cannot publish slots.',
    businessType: 'Business type',
    licensedOn: 'Licensed on',
    confirmedOn: 'Confirmed on',
    confirmationEndsOn: 'Confirmation ends on',
    effectiveFrom: 'Applies from',
    note: 'Note',
    notRecorded: 'Not recorded',
    noEnd: 'No end set',
    publishable: 'May publish slots',
    notPublishable: 'Cannot publish slots (no licence or no confirmation)',
    state: 'Today',
    usesOffered: 'Uses offered (set by the facility)',
    noUses: 'None',
    record: 'Record a change',
    formTitle: 'Record a change of licence or confirmation',
    formLead: 'The form holds the current record. Change only what changed and enter the date it applies from. Earlier records are kept.',
    effectiveFromHint: 'This record applies from this day. Example: 2026 4 1',
    licensedOnHint: 'The day of the licence under the Child Welfare Act. Leave empty if not yet.',
    confirmedOnHint: 'The day of the confirmation under the Child and Child Care Support Act. Leave empty if not yet.',
    confirmationEndsOnHint: 'If the confirmation ends, its last day. Slots after it are withdrawn and their bookings cancelled; families are mailed.',
    noteHint: `Reason for the change, document numbers, … (up to ${NOTE_LIMIT} characters).`,
    save: 'Record',
    cancel: 'Back',
    backToFacility: 'Back to the facility',
    history: 'History',
    licenceAndConfirmation: 'Licence and confirmation',
    recordedAt: 'Recorded at',
    recordedBy: 'Recorded by',
    migrated: 'Recorded at installation',
    confirmTitle: 'Confirm cancelling bookings',
    confirmLead: (n: number) => `${n} booking(s) fall on days this record leaves without a confirmation. Recording it withdraws those slots, cancels the bookings and mails the families. The cancelled hours do not count against the children's allowance.`,
    child: 'Child',
    when: 'Date and time',
    kind: 'Kind',
    confirmButton: 'Record and cancel the bookings',
  },
});

function dateText(date: string | null, lang: Lang, empty: string): string {
  return date ? CalendarDate.from(date).format(lang) : empty;
}

function designationRows(r: Designation, lang: Lang) {
  const t = texts(lang);
  return [
    { key: t.businessType, value: r.businessType ? businessTypeLabels[lang][r.businessType] : t.notRecorded },
    { key: t.licensedOn, value: dateText(r.licensedOn, lang, t.notRecorded) },
    { key: t.confirmedOn, value: dateText(r.confirmedOn, lang, t.notRecorded) },
    { key: t.confirmationEndsOn, value: dateText(r.confirmationEndsOn, lang, t.noEnd) },
  ];
}

/** The section on the facility's page: today's record and whether slots may be published. */
export function DesignationSection(props: { lang: Lang; facilityId: string; records: readonly Designation[]; current: Designation | undefined; usesOffered: readonly ReservationKind[]; today: CalendarDate }) {
  const t = texts(props.lang);
  const publishable = mayPublishOn(props.records, props.today);
  return (
    <section aria-labelledby="designation-title" data-qa="designation">
      <h2 id="designation-title" safe>
        {t.title}
      </h2>
      <p safe>{t.lead}</p>
      {props.current ? (
        <SummaryList
          rows={[
            { key: t.state, value: publishable ? t.publishable : t.notPublishable },
            ...designationRows(props.current, props.lang),
            { key: t.usesOffered, value: props.usesOffered.length > 0 ? props.usesOffered.map((k) => kindLabels[props.lang][k]).join(props.lang === 'ja' ? '・' : ', ') : t.noUses },
          ]}
        />
      ) : (
        <Notice type="warning">
          <p safe>{t.none}</p>
        </Notice>
      )}
      <p>
        <a class="button" data-variant="secondary" href={`/municipality/facilities/${props.facilityId}/designation`} safe>
          {t.record}
        </a>
      </p>
    </section>
  );
}

export function DesignationFormPage(props: {
  ctx: PageContext;
  facility: { id: string; name: string };
  answers: DesignationAnswers;
  errors: FieldErrors;
  history: readonly DesignationRecord[];
}) {
  const { ctx, answers: a, errors } = props;
  const lang = ctx.lang;
  const t = texts(lang);
  const back = `/municipality/facilities/${props.facility.id}`;
  return (
    <Layout ctx={ctx} title={`${t.formTitle} - ${props.facility.name}`} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      <p>
        <a href={back} safe>
          {t.backToFacility}
        </a>
      </p>
      <h1 safe>{t.formTitle}</h1>
      <p safe>{props.facility.name}</p>
      <p safe>{t.formLead}</p>
      <form method="post" action={`${back}/designation`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <DateField name="effectiveFrom" label={t.effectiveFrom} hint={t.effectiveFromHint} lang={lang} required value={a.effectiveFrom} error={errors.effectiveFrom} />
        <RadioGroup
          name="businessType"
          label={t.businessType}
          lang={lang}
          required
          value={a.businessType}
          error={errors.businessType}
          options={BUSINESS_TYPES.map((b) => ({ value: b, label: businessTypeLabels[lang][b] }))}
        />
        <DateField name="licensedOn" label={t.licensedOn} hint={t.licensedOnHint} lang={lang} value={a.licensedOn} error={errors.licensedOn} />
        <DateField name="confirmedOn" label={t.confirmedOn} hint={t.confirmedOnHint} lang={lang} value={a.confirmedOn} error={errors.confirmedOn} />
        <DateField name="confirmationEndsOn" label={t.confirmationEndsOn} hint={t.confirmationEndsOnHint} lang={lang} value={a.confirmationEndsOn} error={errors.confirmationEndsOn} />
        <TextArea name="note" label={t.note} hint={t.noteHint} lang={lang} value={a.note} error={errors.note} maxlength={NOTE_LIMIT} />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {t.save}
          </button>
          <a href={back} safe>
            {t.cancel}
          </a>
        </div>
      </form>
      <h2 safe>{t.history}</h2>
      {props.history.length === 0 ? (
        <p safe>{t.none}</p>
      ) : (
        <Table
          id="designation-history"
          caption={t.history}
          rows={props.history}
          columns={[
            { header: t.effectiveFrom, cell: (r) => <Lines items={[dateText(r.effectiveFrom, lang, '')]} /> },
            { header: t.businessType, cell: (r) => <Lines items={[r.businessType ? businessTypeLabels[lang][r.businessType] : t.notRecorded]} /> },
            {
              header: t.licenceAndConfirmation,
              cell: (r) => (
                <Lines
                  items={[
                    `${t.licensedOn}：${dateText(r.licensedOn, lang, t.notRecorded)}`,
                    `${t.confirmedOn}：${dateText(r.confirmedOn, lang, t.notRecorded)}`,
                    `${t.confirmationEndsOn}：${dateText(r.confirmationEndsOn, lang, t.noEnd)}`,
                  ]}
                />
              ),
            },
            { header: t.note, text: (r) => r.note },
            { header: t.recordedBy, text: (r) => r.recordedBy ?? t.migrated },
          ]}
        />
      )}
    </Layout>
  );
}

function datePartsHidden(name: string, parts: { year: string; month: string; day: string }) {
  return (
    <>
      <input type="hidden" name={`${name}.year`} value={parts.year} />
      <input type="hidden" name={`${name}.month`} value={parts.month} />
      <input type="hidden" name={`${name}.day`} value={parts.day} />
    </>
  );
}

export function DesignationConfirmPage(props: { ctx: PageContext; facility: { id: string; name: string }; answers: DesignationAnswers; bookings: readonly AffectedBooking[] }) {
  const { ctx, answers: a } = props;
  const lang = ctx.lang;
  const t = texts(lang);
  const path = `/municipality/facilities/${props.facility.id}/designation`;
  return (
    <Layout ctx={ctx} title={`${t.confirmTitle} - ${props.facility.name}`}>
      <h1 safe>{t.confirmTitle}</h1>
      <p safe>{props.facility.name}</p>
      <Notice type="warning">
        <p safe>{t.confirmLead(props.bookings.length)}</p>
      </Notice>
      <Table
        id="affected"
        caption={t.confirmLead(props.bookings.length)}
        rows={props.bookings}
        columns={[
          { header: t.child, text: (b) => b.childName },
          {
            header: t.when,
            cell: (b) => {
              const time = TimeRange.fromInstants(b.startsAt, b.endsAt);
              return <Lines items={[time.date.format(lang, { weekday: true }), formatMinutes(time.startMinute, time.endMinute, lang)]} />;
            },
          },
          { header: t.kind, text: (b) => kindLabels[lang][b.kind] },
        ]}
      />
      <form method="post" action={path}>
        <CsrfField token={ctx.csrfToken} />
        {datePartsHidden('effectiveFrom', a.effectiveFrom)}
        <input type="hidden" name="businessType" value={a.businessType} />
        {datePartsHidden('licensedOn', a.licensedOn)}
        {datePartsHidden('confirmedOn', a.confirmedOn)}
        {datePartsHidden('confirmationEndsOn', a.confirmationEndsOn)}
        <input type="hidden" name="note" value={a.note} />
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {t.confirmButton}
          </button>
          <a href={path} safe>
            {t.cancel}
          </a>
        </div>
      </form>
    </Layout>
  );
}

export const designationTexts = texts;
