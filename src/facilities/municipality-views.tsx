// Municipality staff screens: their municipality's facilities, the facility form (new and edit)
// and one facility's page with its staff logins.
import { defineTexts } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CheckboxGroup, CsrfField, ErrorSummary, Notice, SelectField, SummaryList, TextArea, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table } from '../platform/ui/table.tsx';
import { LIMITS, type FacilityAnswers, type StaffAnswers } from './form.ts';
import type { ManagedFacility } from './municipality-queries.ts';
import type { DesignationRecord } from './designation-queries.ts';
import { designationOn } from './designation-rules.ts';
import { DesignationSection } from './municipality-designation-views.tsx';
import type { CalendarDate } from '../platform/time.ts';
import {
  AGE_CLASSES,
  FACILITY_TYPES,
  WEEKDAYS,
  ageLabels,
  facilityTypeLabels,
  formatAges,
  formatCapacity,
  formatDays,
  formatFee,
  formatHours,
  mapLink,
  weekdayLongLabels,
} from './model.ts';
import type { ReservationKind } from '../reservations/tables.ts';

const texts = defineTexts({
  ja: {
    listTitle: '施設の管理',
    listLead: (n: number) => `登録されている施設は${n}件です。施設名を押すと、内容の確認・変更と、施設職員のアカウントの発行ができます。`,
    listTruncated: (shown: number) => `最初の${shown}件を表示しています。`,
    create: '施設を登録する',
    name: '施設名',
    nameHint: '例：にじいろ保育園',
    nameKana: 'フリガナ',
    nameKanaHint: '全角カタカナで入力してください。例：ニジイロホイクエン',
    facilityType: '施設の種類',
    introduction: '施設の紹介',
    introductionHint: `保護者に向けた短い紹介文です（${LIMITS.introduction}文字以内）。施設の雰囲気や大切にしていることなど。`,
    placeGroup: '所在地と連絡先',
    address: '所在地',
    addressHint: '都道府県から番地・建物名まで。例：新潟県小千谷市城内2丁目7-5',
    latitude: '緯度',
    longitude: '経度',
    coordinatesHint: '「現在地から探す」で距離を計るのに使います。地図アプリで施設の場所を長押しすると表示される数字です。',
    latitudeHint: '例：37.3144',
    longitudeHint: '例：138.7953',
    phone: '電話番号',
    phoneHint: '保護者からの問い合わせ先。例：0258-83-3512',
    openingGroup: '開所日と開所時間',
    opensAt: '開所時刻',
    closesAt: '閉所時刻',
    timeHint: '例：8:30',
    closeHint: '例：17:00',
    openDays: '開所日',
    acceptGroup: '受け入れ',
    ages: '受け入れる年齢',
    agesHint: 'こども誰でも通園制度の対象は、生後6か月から3歳未満のお子さまです。',
    dailyCapacity: '1日の定員（人）',
    capacityHint: 'この制度で1日に受け入れる人数。例：3',
    feePerHour: '1時間あたりの利用料（円）',
    feeHint: '例：300',
    notes: '備考',
    notesHint: `持ち物、駐車場、アレルギー対応など、利用する前に知っておいてほしいこと（${LIMITS.notes}文字以内）`,
    basicGroup: '施設の基本情報',
    newTitle: '施設の登録',
    editTitle: (name: string) => `施設の情報の変更：${name}`,
    saveNew: '登録する',
    saveEdit: '変更を保存する',
    cancel: '保存せずに戻る',
    backToList: '施設の一覧に戻る',
    created: '施設を登録しました。続けて、施設職員のアカウントを発行してください。',
    updated: '施設の情報を変更しました。',
    staffCreated: '施設職員のアカウントを発行しました。パスワードの登録方法を書いたメールを送信します。',
    change: '変更',
    edit: '施設の情報を変更する',
    type: '種類',
    staffCount: '職員アカウント',
    staffCountValue: (n: number) => `${n}人`,
    staffTitle: '施設職員のアカウント',
    designationRecorded: (cancelled: number) => `認可・確認の記録を保存しました。${cancelled > 0 ? `確認のない日になった予約${cancelled}件を取り消し、ご家庭にメールで知らせました。` : ''}`,
    noStaff: 'この施設の職員のアカウントはまだありません。',
    staffName: '職員の氏名',
    staffNameHint: '例：保育 太郎',
    staffEmail: 'メールアドレス（ログインID）',
    staffEmailHint: 'このアドレスに、パスワードの登録方法を書いたメールを送ります。',
    staffIssue: 'アカウントを発行してメールを送る',
    staffIssueTitle: '職員のアカウントを発行する',
    emailTaken: 'このメールアドレスは、すでに別のアカウントで使われています。別のメールアドレスを入力してください',
    passwordSet: 'パスワード登録済み',
    passwordNotSet: 'パスワード未登録（案内メール送信済み）',
    state: '状態',
    map: '地図で確かめる',
    hours: '開所時間',
  },
  en: {
    listTitle: 'Facilities',
    listLead: (n: number) => `${n} facilities are registered. Select a name to check or change it and to issue staff logins.`,
    listTruncated: (shown: number) => `Showing the first ${shown}.`,
    create: 'Register a facility',
    name: 'Facility name',
    nameHint: 'For example にじいろ保育園',
    nameKana: 'Reading (furigana)',
    nameKanaHint: 'In full-width katakana, for example ニジイロホイクエン',
    facilityType: 'Type of facility',
    introduction: 'Introduction',
    introductionHint: `A short introduction for guardians (up to ${LIMITS.introduction} characters).`,
    placeGroup: 'Address and contact',
    address: 'Address',
    addressHint: 'From the prefecture to the building',
    latitude: 'Latitude',
    longitude: 'Longitude',
    coordinatesHint: 'Used to measure distances in "Near you". A map app shows them when you press and hold the place.',
    latitudeHint: 'For example 37.3144',
    longitudeHint: 'For example 138.7953',
    phone: 'Phone number',
    phoneHint: 'For questions from guardians, for example 0258-83-3512',
    openingGroup: 'Opening days and hours',
    opensAt: 'Opens at',
    closesAt: 'Closes at',
    timeHint: 'For example 8:30',
    closeHint: 'For example 17:00',
    openDays: 'Open on',
    acceptGroup: 'Children accepted',
    ages: 'Ages accepted',
    agesHint: 'The scheme is for children from 6 months to under 3 years.',
    dailyCapacity: 'Daily capacity (children)',
    capacityHint: 'How many children a day under this scheme, for example 3',
    feePerHour: 'Fee per hour (yen)',
    feeHint: 'For example 300',
    notes: 'Notes',
    notesHint: `What guardians should know before a visit (up to ${LIMITS.notes} characters)`,
    basicGroup: 'About the facility',
    newTitle: 'Register a facility',
    editTitle: (name: string) => `Change facility details: ${name}`,
    saveNew: 'Register',
    saveEdit: 'Save changes',
    cancel: 'Go back without saving',
    backToList: 'Back to the facilities',
    created: 'The facility is registered. Next, issue logins for its staff.',
    updated: 'The facility details have been changed.',
    staffCreated: 'The staff login has been issued. A mail explaining how to set a password is on its way.',
    change: 'Change',
    edit: 'Change the facility details',
    type: 'Type',
    staffCount: 'Staff logins',
    staffCountValue: (n: number) => String(n),
    staffTitle: 'Staff logins',
    designationRecorded: (cancelled: number) => `The licence and confirmation record was saved.${cancelled > 0 ? ` ${cancelled} booking(s) on days now without a confirmation were cancelled and the families mailed.` : ''}`,
    noStaff: 'This facility has no staff logins yet.',
    staffName: "Staff member's name",
    staffNameHint: 'For example 保育 太郎',
    staffEmail: 'E-mail address (login ID)',
    staffEmailHint: 'We will mail this address how to set a password.',
    staffIssue: 'Issue the login and send the mail',
    staffIssueTitle: 'Issue a staff login',
    emailTaken: 'This e-mail address is already used by another account. Enter a different address',
    passwordSet: 'Password set',
    passwordNotSet: 'No password yet (mail sent)',
    state: 'State',
    map: 'Check on a map',
    hours: 'Hours',
  },
});

export const manageTexts = (lang: PageContext['lang']) => {
  const t = texts(lang);
  return { created: t.created, updated: t.updated, staffCreated: t.staffCreated, emailTaken: t.emailTaken, designationRecorded: t.designationRecorded };
};

export function FacilityListPage(props: {
  ctx: PageContext;
  facilities: Array<{ id: string; name: string; address: string; facility_type: ManagedFacility['facility']['facility_type']; staff_count: number | null }>;
  total: number;
}) {
  const { ctx } = props;
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.listTitle}>
      <h1 safe>{t.listTitle}</h1>
      <p safe>{t.listLead(props.total)}</p>
      <p>
        <a class="button" href="/municipality/facilities/new" safe>
          {t.create}
        </a>
      </p>
      {props.facilities.length < props.total ? <p safe>{t.listTruncated(props.facilities.length)}</p> : ''}
      {props.facilities.length > 0 ? (
        <Table
          id="facilities"
          caption={t.listTitle}
          rows={props.facilities}
          columns={[
            {
              header: t.name,
              cell: (f) => (
                <a href={`/municipality/facilities/${f.id}`} safe>
                  {f.name}
                </a>
              ),
            },
            { header: t.type, text: (f) => facilityTypeLabels[ctx.lang][f.facility_type] },
            { header: t.address, text: (f) => f.address },
            { header: t.staffCount, text: (f) => t.staffCountValue(f.staff_count ?? 0) },
          ]}
        />
      ) : (
        ''
      )}
    </Layout>
  );
}

export function FacilityFormPage(props: { ctx: PageContext; facilityId: string | undefined; answers: FacilityAnswers; errors: FieldErrors; originalName?: string }) {
  const { ctx, answers: a, errors } = props;
  const t = texts(ctx.lang);
  const lang = ctx.lang;
  const isNew = props.facilityId === undefined;
  const title = isNew ? t.newTitle : t.editTitle(props.originalName ?? a.name);
  const action = isNew ? '/municipality/facilities' : `/municipality/facilities/${props.facilityId}`;
  const back = isNew ? '/municipality/facilities' : `/municipality/facilities/${props.facilityId}`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      <h1 safe>{title}</h1>
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <fieldset class="group">
          <legend safe>{t.basicGroup}</legend>
          <TextField name="name" label={t.name} hint={t.nameHint} lang={lang} required value={a.name} error={errors.name} maxlength={LIMITS.name} />
          <TextField name="nameKana" label={t.nameKana} hint={t.nameKanaHint} lang={lang} required value={a.nameKana} error={errors.nameKana} maxlength={LIMITS.nameKana} />
          <SelectField
            name="facilityType"
            label={t.facilityType}
            lang={lang}
            required
            value={a.facilityType}
            error={errors.facilityType}
            options={FACILITY_TYPES.map((type) => ({ value: type, label: facilityTypeLabels[lang][type] }))}
          />
          <TextArea name="introduction" label={t.introduction} hint={t.introductionHint} lang={lang} value={a.introduction} error={errors.introduction} maxlength={LIMITS.introduction} />
        </fieldset>
        <fieldset class="group">
          <legend safe>{t.placeGroup}</legend>
          <TextField name="address" label={t.address} hint={t.addressHint} lang={lang} required value={a.address} error={errors.address} maxlength={LIMITS.address} autocomplete="off" />
          <p class="hint" safe>{t.coordinatesHint}</p>
          <div class="field-row">
            <TextField name="latitude" label={t.latitude} hint={t.latitudeHint} lang={lang} required value={a.latitude} error={errors.latitude} width="short" autocomplete="off" />
            <TextField name="longitude" label={t.longitude} hint={t.longitudeHint} lang={lang} required value={a.longitude} error={errors.longitude} width="short" autocomplete="off" />
          </div>
          <TextField name="phone" type="tel" label={t.phone} hint={t.phoneHint} lang={lang} required value={a.phone} error={errors.phone} autocomplete="off" />
        </fieldset>
        <fieldset class="group">
          <legend safe>{t.openingGroup}</legend>
          <div class="field-row">
            <TextField name="opensAt" label={t.opensAt} hint={t.timeHint} lang={lang} required value={a.opensAt} error={errors.opensAt} width="short" autocomplete="off" />
            <TextField name="closesAt" label={t.closesAt} hint={t.closeHint} lang={lang} required value={a.closesAt} error={errors.closesAt} width="short" autocomplete="off" />
          </div>
          <CheckboxGroup
            name="openDays"
            label={t.openDays}
            lang={lang}
            required
            error={errors.openDays}
            checked={a.openDays}
            options={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLongLabels[lang][d] ?? String(d) }))}
          />
        </fieldset>
        <fieldset class="group">
          <legend safe>{t.acceptGroup}</legend>
          <CheckboxGroup
            name="ages"
            label={t.ages}
            hint={t.agesHint}
            lang={lang}
            required
            error={errors.ages}
            checked={a.ages}
            options={AGE_CLASSES.map((age) => ({ value: String(age), label: ageLabels[lang][age] ?? String(age) }))}
          />
          <div class="field-row">
            <TextField name="dailyCapacity" label={t.dailyCapacity} hint={t.capacityHint} lang={lang} required value={a.dailyCapacity} error={errors.dailyCapacity} width="short" inputmode="numeric" autocomplete="off" />
            <TextField name="feePerHour" label={t.feePerHour} hint={t.feeHint} lang={lang} required value={a.feePerHour} error={errors.feePerHour} width="short" inputmode="numeric" autocomplete="off" />
          </div>
        </fieldset>
        <TextArea name="notes" label={t.notes} hint={t.notesHint} lang={lang} value={a.notes} error={errors.notes} maxlength={LIMITS.notes} />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {isNew ? t.saveNew : t.saveEdit}
          </button>
          <a href={back} safe>
            {t.cancel}
          </a>
        </div>
      </form>
    </Layout>
  );
}

export function ManagedFacilityPage(props: {
  ctx: PageContext;
  managed: ManagedFacility;
  notice: string | undefined;
  staffAnswers: StaffAnswers;
  errors: FieldErrors;
  designations: readonly DesignationRecord[];
  usesOffered: readonly ReservationKind[];
  today: CalendarDate;
}) {
  const { ctx, errors } = props;
  const { facility: f, staff } = props.managed;
  const t = texts(ctx.lang);
  const lang = ctx.lang;
  const editPath = `/municipality/facilities/${f.id}/edit`;
  const change = (field: string) => ({ href: `${editPath}#f-${field}`, label: t.change });
  return (
    <Layout ctx={ctx} title={f.name} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      <p>
        <a href="/municipality/facilities" safe>
          {t.backToList}
        </a>
      </p>
      <h1 safe>{f.name}</h1>
      {props.notice ? (
        <Notice type="success">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          { key: t.nameKana, value: f.name_kana, change: change('nameKana') },
          { key: t.facilityType, value: facilityTypeLabels[lang][f.facility_type], change: change('facilityType') },
          { key: t.address, value: f.address, change: change('address') },
          { key: `${t.latitude}・${t.longitude}`, value: `${f.latitude}, ${f.longitude}`, change: change('latitude') },
          { key: t.phone, value: f.phone, change: change('phone') },
          { key: t.hours, value: `${formatDays(f.open_days, lang)} ${formatHours(f.opens_at, f.closes_at)}`, change: change('opensAt') },
          { key: t.ages, value: formatAges(f.ages_accepted, lang), change: change('ages') },
          { key: t.dailyCapacity, value: formatCapacity(f.daily_capacity, lang), change: change('dailyCapacity') },
          { key: t.feePerHour, value: formatFee(f.fee_per_hour, lang), change: change('feePerHour') },
          { key: t.introduction, value: f.introduction, change: change('introduction') },
          { key: t.notes, value: f.notes, change: change('notes') },
        ]}
      />
      <p class="button-row">
        <a class="button" data-variant="secondary" href={editPath} safe>
          {t.edit}
        </a>
        <a href={mapLink(f.latitude, f.longitude)} rel="noopener noreferrer" safe>
          {t.map}
        </a>
      </p>

      <DesignationSection lang={lang} facilityId={f.id} records={props.designations} current={designationOn(props.designations, props.today)} usesOffered={props.usesOffered} today={props.today} />

      <h2 safe>{t.staffTitle}</h2>
      {staff.length === 0 ? (
        <p safe>{t.noStaff}</p>
      ) : (
        <Table
          id="staff"
          caption={t.staffTitle}
          rows={staff}
          columns={[
            { header: t.staffName, text: (s) => s.display_name },
            { header: t.staffEmail, text: (s) => s.email },
            { header: t.state, text: (s) => (s.has_password ? t.passwordSet : t.passwordNotSet) },
          ]}
        />
      )}
      <form method="post" action={`/municipality/facilities/${f.id}/staff`} novalidate class="card">
        <h3 safe>{t.staffIssueTitle}</h3>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="staffName" label={t.staffName} hint={t.staffNameHint} lang={lang} required value={props.staffAnswers.staffName} error={errors.staffName} maxlength={LIMITS.staffName} autocomplete="off" />
        <TextField
          name="staffEmail"
          type="email"
          label={t.staffEmail}
          hint={t.staffEmailHint}
          lang={lang}
          required
          value={props.staffAnswers.staffEmail}
          error={errors.staffEmail}
          inputmode="email"
          autocomplete="off"
        />
        <button type="submit" safe>
          {t.staffIssue}
        </button>
      </form>
    </Layout>
  );
}
