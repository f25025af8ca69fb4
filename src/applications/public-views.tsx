import { defineTexts, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import {
  CsrfField,
  DateField,
  DefaultSubmit,
  ErrorSummary,
  Notice,
  RadioGroup,
  SelectField,
  SummaryList,
  TextField,
  type FieldErrors,
} from '../platform/ui/forms.tsx';
import { formatJapaneseDate } from '../platform/clock.ts';
import { PrefectureThenMunicipality } from '../platform/ui/places.tsx';
import { MAX_CHILDREN, RELATIONSHIPS, relationshipLabels, type ApplicationAnswers, type ValidApplication } from './form.ts';
import type { Municipality } from './queries.ts';

const texts = defineTexts({
  ja: {
    startTitle: '利用申請',
    startLead: 'こども誰でも通園制度を利用するには、お住まいの市区町村への利用申請が必要です。はじめに、お住まいの都道府県と市区町村を選んでください。',
    prefecture: '都道府県',
    municipality: '市区町村',
    showMunicipalities: '市区町村を表示する',
    noMunicipalities: 'この都道府県には、まだつうえんで申請できる市区町村がありません。お住まいの市区町村の窓口へお問い合わせください。',
    confirm: '確認する',
    choosePrefecture: '都道府県を選んでください',
    chooseMunicipality: '市区町村を選んでください',
    emailTitle: 'メールアドレスの入力',
    applyingTo: '申請先',
    emailLead: '申請用のURLをメールでお送りします。ふだん使っているメールアドレスを入力してください。このメールアドレスが、承認後のログインIDになります。',
    email: 'メールアドレス',
    emailHint: '例：hanako@example.jp　「@tsuen.example.jp」からのメールを受信できるようにしてください。',
    emailInvalid: 'メールアドレスを正しい形式で入力してください（例：hanako@example.jp）',
    send: '申請用URLを送信する',
    back: '戻る',
    sentTitle: 'メールを送信しました',
    sentBody: '入力したメールアドレスに、申請用のURLを書いたメールを送信しました。メールのURLを開いて申請を続けてください。URLの有効期限は24時間です。',
    sentNotArrived: 'メールが届かない場合は、迷惑メールフォルダを確かめるか、もう一度メールアドレスを入力してください。',
    formTitle: '利用申請の入力',
    guardianSection: '申請者（保護者）の情報',
    guardianName: '氏名',
    guardianNameHint: '例：小千谷 花子',
    kana: 'フリガナ',
    kanaHint: '全角カタカナで入力してください。例：オヂヤ ハナコ',
    childKanaHint: '全角カタカナで入力してください。例：オヂヤ サクラ',
    postalCode: '郵便番号',
    postalHint: '7桁の数字。例：947-8501',
    address: '住所',
    addressHint: '都道府県から建物名・部屋番号まで入力してください',
    phone: '電話番号',
    phoneHint: '日中に連絡がつく番号。例：090-1234-5678',
    relationship: 'お子さまとの続柄',
    childSection: (n: number) => `お子さま${n}の情報`,
    childName: '氏名',
    childNameHint: '例：小千谷 さくら',
    birthDate: '生年月日',
    birthHint: '対象は生後6か月から3歳の誕生日の前々日までのお子さまです。例：2025年4月10日',
    addChild: 'お子さまを追加する',
    removeChild: (n: number) => `お子さま${n}を削除する`,
    facilitySection: '利用を希望する施設',
    facilityLead: (name: string) => `${name}では、申請した施設のみ利用できます。利用を希望する施設を1つ選んでください。`,
    facility: '施設',
    toCheck: '確認画面へ進む',
    checkTitle: '申請内容の確認',
    checkLead: '内容を確認し、よろしければ「申請を送信する」を押してください。',
    change: '変更',
    submit: '申請を送信する',
    completeTitle: '利用申請を受け付けました',
    reference: '受付番号',
    completeBody: (m: string) => `これから${m}で審査を行います。審査が終わると、登録したメールアドレスに「アカウント発行のお知らせ」が届きます。受付番号はメールでもお送りしました。`,
    unknownTitle: 'このURLは使えません',
    unknownBody: 'URLが正しくないか、すでに使えなくなっています。メールのURLを最後までコピーしたか確かめてください。新しく申請する場合は、最初からやり直してください。',
    expiredTitle: '申請用URLの有効期限が切れています',
    expiredBody: '申請用URLの有効期限（24時間）が過ぎています。下のボタンで、同じメールアドレスに新しいURLを送ることができます。',
    resend: '新しい申請用URLを送る',
    usedTitle: 'この申請はすでに送信されています',
    usedBody: (ref: string) => `このURLからの申請は受付済みです（受付番号：${ref}）。同じURLは再び使えません。別のお子さまの申請などで新しく申請する場合は、最初からやり直してください。`,
    startAgain: '最初から申請する',
  },
  en: {
    startTitle: 'Apply',
    startLead: 'To use the scheme you apply to the municipality where you live. First choose your prefecture and municipality.',
    prefecture: 'Prefecture',
    municipality: 'Municipality',
    showMunicipalities: 'Show municipalities',
    noMunicipalities: 'No municipality in this prefecture takes applications through Tsuen yet. Please contact your municipality.',
    confirm: 'Confirm',
    choosePrefecture: 'Choose your prefecture',
    chooseMunicipality: 'Choose your municipality',
    emailTitle: 'Your e-mail address',
    applyingTo: 'Applying to',
    emailLead: 'We will e-mail you a link to the application form. This address becomes your login ID once approved.',
    email: 'E-mail address',
    emailHint: 'For example hanako@example.jp. Make sure you can receive mail from @tsuen.example.jp.',
    emailInvalid: 'Enter an e-mail address in the correct format, like hanako@example.jp',
    send: 'Send the application link',
    back: 'Back',
    sentTitle: 'We have sent you an e-mail',
    sentBody: 'We sent a link to the application form to the address you entered. Open it to continue. The link is valid for 24 hours.',
    sentNotArrived: 'If no mail arrives, check your spam folder or enter your address again.',
    formTitle: 'Application form',
    guardianSection: 'About you (the guardian)',
    guardianName: 'Full name',
    guardianNameHint: 'For example 小千谷 花子',
    kana: 'Reading (furigana)',
    kanaHint: 'In full-width katakana, for example オヂヤ ハナコ',
    childKanaHint: 'In full-width katakana, for example オヂヤ サクラ',
    postalCode: 'Postal code',
    postalHint: '7 digits, for example 947-8501',
    address: 'Address',
    addressHint: 'From the prefecture to the building and room number',
    phone: 'Phone number',
    phoneHint: 'A number we can reach in the daytime, for example 090-1234-5678',
    relationship: 'Relationship to the child',
    childSection: (n: number) => `Child ${n}`,
    childName: 'Full name',
    childNameHint: 'For example 小千谷 さくら',
    birthDate: 'Date of birth',
    birthHint: 'Children from 6 months until two days before their third birthday are eligible.',
    addChild: 'Add another child',
    removeChild: (n: number) => `Remove child ${n}`,
    facilitySection: 'Facility you wish to use',
    facilityLead: (name: string) => `In ${name} only the facility named in the application may be used. Choose one.`,
    facility: 'Facility',
    toCheck: 'Continue to check your answers',
    checkTitle: 'Check your answers',
    checkLead: 'Check your answers, then press "Submit application".',
    change: 'Change',
    submit: 'Submit application',
    completeTitle: 'Application received',
    reference: 'Reference number',
    completeBody: (m: string) => `${m} will now review your application. When it is done, an "account issued" mail reaches your address. We also mailed you the reference number.`,
    unknownTitle: 'This link cannot be used',
    unknownBody: 'The link is wrong or no longer valid. Check that you copied the whole link from the mail, or start again.',
    expiredTitle: 'This application link has expired',
    expiredBody: 'Application links are valid for 24 hours. Press the button to send a new link to the same address.',
    resend: 'Send a new application link',
    usedTitle: 'This application has already been submitted',
    usedBody: (ref: string) => `The application from this link was received (reference ${ref}). The link cannot be used again. To apply again, start from the beginning.`,
    startAgain: 'Start a new application',
  },
});

export function municipalityLabel(m: Pick<Municipality, 'prefecture_name' | 'prefecture_name_en' | 'name' | 'name_en'>, lang: Lang): string {
  return lang === 'ja' ? `${m.prefecture_name} ${m.name}` : `${m.name_en}, ${m.prefecture_name_en}`;
}

export function ChooseMunicipalityPage(props: {
  ctx: PageContext;
  prefectures: Array<{ code: number; name: string; name_en: string }>;
  prefectureCode: string;
  municipalities: Array<{ code: string; name: string; name_en: string }> | undefined;
  municipalityCode: string;
  errors: FieldErrors;
}) {
  const { ctx, errors } = props;
  const t = texts(ctx.lang);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={t.startTitle} hasErrors={hasErrors}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1 safe>{t.startTitle}</h1>
      <p class="lead" safe>{t.startLead}</p>
      <PrefectureThenMunicipality
        lang={ctx.lang}
        prefectureAction="/apply"
        municipalityAction="/apply/email"
        prefectures={props.prefectures}
        prefectureCode={props.prefectureCode}
        municipalities={props.municipalities?.map((m) => ({ value: m.code, label: ctx.lang === 'ja' ? m.name : m.name_en }))}
        municipalityCode={props.municipalityCode}
        errors={errors}
        texts={{ prefecture: t.prefecture, municipality: t.municipality, showMunicipalities: t.showMunicipalities, noMunicipalities: t.noMunicipalities, submit: t.confirm }}
      />
    </Layout>
  );
}

export const chooseErrors = (lang: Lang) => ({ prefecture: texts(lang).choosePrefecture, municipality: texts(lang).chooseMunicipality });
export const emailError = (lang: Lang) => texts(lang).emailInvalid;

export function EmailPage(props: { ctx: PageContext; municipality: Municipality; email: string; errors: FieldErrors }) {
  const { ctx, errors } = props;
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.emailTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1 safe>{t.emailTitle}</h1>
      <SummaryList
        rows={[
          {
            key: t.applyingTo,
            value: municipalityLabel(props.municipality, ctx.lang),
            change: { href: `/apply?prefecture=${props.municipality.prefecture_code}`, label: t.change },
          },
        ]}
      />
      <p safe>{t.emailLead}</p>
      <form method="post" action="/apply/email" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="municipality" value={props.municipality.code} />
        <TextField name="email" type="email" label={t.email} hint={t.emailHint} lang={ctx.lang} required value={props.email} error={errors.email} autocomplete="email" inputmode="email" />
        <button type="submit" safe>
          {t.send}
        </button>
      </form>
    </Layout>
  );
}

export function SentPage({ ctx }: { ctx: PageContext }) {
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.sentTitle}>
      <h1 safe>{t.sentTitle}</h1>
      <Notice type="success">
        <p safe>{t.sentBody}</p>
      </Notice>
      <p safe>{t.sentNotArrived}</p>
      <p>
        <a href="/apply" safe>
          {t.back}
        </a>
      </p>
    </Layout>
  );
}

export function LinkProblemPage(props: {
  ctx: PageContext;
  kind: 'unknown' | 'expired' | 'submitted';
  reference?: string;
  resend?: { municipalityCode: string; email: string };
}) {
  const { ctx } = props;
  const t = texts(ctx.lang);
  const title = props.kind === 'unknown' ? t.unknownTitle : props.kind === 'expired' ? t.expiredTitle : t.usedTitle;
  const body = props.kind === 'unknown' ? t.unknownBody : props.kind === 'expired' ? t.expiredBody : t.usedBody(props.reference ?? '');
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{body}</p>
      {props.kind === 'expired' && props.resend ? (
        <form method="post" action="/apply/email">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="municipality" value={props.resend.municipalityCode} />
          <input type="hidden" name="email" value={props.resend.email} />
          <button type="submit" safe>
            {t.resend}
          </button>
        </form>
      ) : (
        <p>
          <a class="button" href="/apply" safe>
            {t.startAgain}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function ApplicationFormPage(props: {
  ctx: PageContext;
  token: string;
  municipality: Municipality;
  facilities: Array<{ id: string; name: string; address: string }> | undefined;
  answers: ApplicationAnswers;
  errors: FieldErrors;
}) {
  const { ctx, answers, errors } = props;
  const t = texts(ctx.lang);
  const lang = ctx.lang;
  return (
    <Layout ctx={ctx} title={t.formTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      <h1 safe>{t.formTitle}</h1>
      <p safe>{`${t.applyingTo}：${municipalityLabel(props.municipality, lang)}`}</p>
      <form method="post" action={`/apply/form/${props.token}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="childCount" value={String(answers.children.length)} />
        <DefaultSubmit value="continue" />
        <fieldset class="group">
          <legend safe>{t.guardianSection}</legend>
          <TextField name="guardianName" label={t.guardianName} hint={t.guardianNameHint} lang={lang} required value={answers.guardianName} error={errors.guardianName} autocomplete="name" />
          <TextField name="guardianKana" label={t.kana} hint={t.kanaHint} lang={lang} required value={answers.guardianKana} error={errors.guardianKana} />
          <TextField name="postalCode" label={t.postalCode} hint={t.postalHint} lang={lang} required value={answers.postalCode} error={errors.postalCode} autocomplete="postal-code" inputmode="numeric" width="short" />
          <TextField name="address" label={t.address} hint={t.addressHint} lang={lang} required value={answers.address} error={errors.address} autocomplete="street-address" />
          <TextField name="phone" type="tel" label={t.phone} hint={t.phoneHint} lang={lang} required value={answers.phone} error={errors.phone} autocomplete="tel" />
          <SelectField
            name="relationship"
            label={t.relationship}
            lang={lang}
            required
            value={answers.relationship}
            error={errors.relationship}
            options={RELATIONSHIPS.map((r) => ({ value: r, label: relationshipLabels[lang][r] }))}
          />
        </fieldset>
        {answers.children.map((child, i) => (
          <fieldset class="group" id={`child${i}`}>
            <legend safe>{t.childSection(i + 1)}</legend>
            <TextField name={`child${i}.name`} label={t.childName} hint={t.childNameHint} lang={lang} required value={child.name} error={errors[`child${i}.name`]} />
            <TextField name={`child${i}.kana`} label={t.kana} hint={t.childKanaHint} lang={lang} required value={child.kana} error={errors[`child${i}.kana`]} />
            <DateField name={`child${i}.birth`} label={t.birthDate} hint={t.birthHint} lang={lang} required value={child.birth} error={errors[`child${i}.birth`]} />
            {answers.children.length > 1 ? (
              <p>
                <button type="submit" name="action" value={`remove-child-${i}`} data-variant="link" safe>
                  {t.removeChild(i + 1)}
                </button>
              </p>
            ) : (
              ''
            )}
          </fieldset>
        ))}
        {answers.children.length < MAX_CHILDREN ? (
          <p>
            <button type="submit" name="action" value="add-child" data-variant="secondary" safe>
              {t.addChild}
            </button>
          </p>
        ) : (
          ''
        )}
        {props.facilities ? (
          <fieldset class="group">
            <legend safe>{t.facilitySection}</legend>
            <p safe>{t.facilityLead(props.municipality.name)}</p>
            <RadioGroup
              name="desiredFacilityId"
              label={t.facility}
              lang={lang}
              required
              value={answers.desiredFacilityId}
              error={errors.desiredFacilityId}
              options={props.facilities.map((f) => ({ value: f.id, label: f.name, hint: f.address }))}
            />
          </fieldset>
        ) : (
          ''
        )}
        <div class="button-row">
          <button type="submit" name="action" value="continue" data-size="large" safe>
            {t.toCheck}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function CheckAnswersPage(props: {
  ctx: PageContext;
  token: string;
  municipality: Municipality;
  application: ValidApplication;
  facilityName: string | undefined;
}) {
  const { ctx, application: a } = props;
  const t = texts(ctx.lang);
  const formPath = `/apply/form/${props.token}`;
  const change = (field: string) => ({ href: `${formPath}#f-${field}`, label: t.change });
  return (
    <Layout ctx={ctx} title={t.checkTitle}>
      <h1 safe>{t.checkTitle}</h1>
      <p safe>{t.checkLead}</p>
      <h2 safe>{t.applyingTo}</h2>
      <SummaryList rows={[{ key: t.municipality, value: municipalityLabel(props.municipality, ctx.lang) }]} />
      <h2 safe>{t.guardianSection}</h2>
      <SummaryList
        rows={[
          { key: t.guardianName, value: a.guardianName, change: change('guardianName') },
          { key: t.kana, value: a.guardianKana, change: change('guardianKana') },
          { key: t.postalCode, value: a.postalCode, change: change('postalCode') },
          { key: t.address, value: a.address, change: change('address') },
          { key: t.phone, value: a.phone, change: change('phone') },
          { key: t.relationship, value: relationshipLabels[ctx.lang][a.relationship], change: change('relationship') },
        ]}
      />
      {a.children.map((c, i) => (
        <>
          <h2 safe>{t.childSection(i + 1)}</h2>
          <SummaryList
            rows={[
              { key: t.childName, value: c.name, change: change(`child${i}-name`) },
              { key: t.kana, value: c.kana, change: change(`child${i}-kana`) },
              { key: t.birthDate, value: formatJapaneseDate(c.birthDate), change: change(`child${i}-birth`) },
            ]}
          />
        </>
      ))}
      {props.facilityName ? (
        <>
          <h2 safe>{t.facilitySection}</h2>
          <SummaryList rows={[{ key: t.facility, value: props.facilityName, change: change('desiredFacilityId') }]} />
        </>
      ) : (
        ''
      )}
      <form method="post" action={`${formPath}/submit`}>
        <CsrfField token={ctx.csrfToken} />
        <div class="button-row">
          <button type="submit" data-size="large" safe>
            {t.submit}
          </button>
          <a href={formPath} safe>
            {t.back}
          </a>
        </div>
      </form>
    </Layout>
  );
}

export function CompletePage(props: { ctx: PageContext; reference: string; municipalityName: string }) {
  const { ctx } = props;
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.completeTitle}>
      <h1 safe>{t.completeTitle}</h1>
      <Notice type="success">
        <p>
          <span safe>{t.reference}</span>：<strong data-qa="reference" safe>{props.reference}</strong>
        </p>
      </Notice>
      <p safe>{t.completeBody(props.municipalityName)}</p>
    </Layout>
  );
}
