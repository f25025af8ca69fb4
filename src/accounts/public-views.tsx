import { defineTexts } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { Checkbox, CsrfField, ErrorSummary, Notice, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { MIN_PASSWORD_LENGTH } from './rules.ts';

export const accountTexts = defineTexts({
  ja: {
    resetRequestTitle: 'パスワードリセット申請',
    resetRequestLead: 'はじめてパスワードを登録するときも、パスワードを忘れたときも、この画面から申請します。登録したメールアドレス（ログインID）を入力し、「メール送信」を押してください。',
    email: 'メールアドレス',
    emailInvalid: 'メールアドレスを正しい形式で入力してください（例：hanako@example.jp）',
    sendMail: 'メール送信',
    resetSentTitle: 'メールを確認してください',
    resetSentBody: '入力したメールアドレスが登録されている場合は、「パスワードリセットのご案内」メールを送信しました。メールのURLを30分以内に開いてください。',
    resetSentHint: 'メールが届かない場合は、メールアドレスに誤りがないか、迷惑メールフォルダに入っていないかを確かめてください。',
    resetTitle: 'パスワードリセット',
    resetLead: '新しいパスワードを入力してください。',
    newPassword: '新しいパスワード',
    passwordRule: `${MIN_PASSWORD_LENGTH}文字以上で、大文字・小文字・数字・記号のうち3種類以上を含めてください。例として、単語と数字と記号を組み合わせる方法があります。`,
    confirmPassword: '新しいパスワード（確認のためもう一度）',
    confirmMismatch: '確認のためのパスワードが一致しません。同じパスワードを入力してください',
    passwordRequired: 'パスワードを入力してください',
    setPassword: 'パスワードを設定する',
    resetDoneTitle: 'パスワードを設定しました',
    resetDoneBody: '新しいパスワードでログインしてください。',
    toLogin: 'ログイン画面へ',
    linkUnknownTitle: 'このURLは使えません',
    linkUnknownBody: 'URLが正しくありません。メールのURLを最後までコピーしたか確かめてください。',
    linkUsedTitle: 'このURLはすでに使われています',
    linkUsedBody: 'パスワードリセットのURLは一度しか使えません。もう一度設定する場合は、新しく申請してください。',
    linkExpiredTitle: 'URLの有効期限が切れています',
    linkExpiredBody: 'パスワードリセットのURLの有効期限（30分）が過ぎています。新しく申請してください。',
    requestAgain: 'パスワードリセットを申請し直す',
    loginTitle: 'ログイン',
    loginLead: 'ログインIDは、登録したメールアドレスです。',
    loginId: 'ログインID（メールアドレス）',
    password: 'パスワード',
    login: 'ログイン',
    loginFailed: 'ログインIDまたはパスワードが正しくありません',
    loginLocked: 'ログインに続けて失敗したため、このログインIDでのログインを15分間止めています。しばらく待ってからお試しいただくか、パスワードリセットを行ってください。',
    forgot: 'パスワードリセット申請（パスワードを忘れた方・はじめてパスワードを登録する方）',
    otpTitle: 'ワンタイムパスワードの入力',
    otpLead: '登録メールアドレスに、6桁のワンタイムパスワードを送信しました。メールに書かれた数字を入力し、「ログイン」を押してください。有効期限は10分です。',
    otp: 'ワンタイムパスワード（6桁の数字）',
    otpInvalidFormat: 'ワンタイムパスワードは6桁の数字で入力してください',
    otpWrong: (left: number) => `ワンタイムパスワードが正しくありません。あと${left}回入力できます`,
    otpExhausted: '入力できる回数（5回）を超えました。「ワンタイムパスワードを再送する」を押して、新しいワンタイムパスワードを受け取ってください',
    otpExpired: 'ワンタイムパスワードの有効期限が切れています。「ワンタイムパスワードを再送する」を押してください',
    resendOtp: 'ワンタイムパスワードを再送する',
    otpResent: '新しいワンタイムパスワードを送信しました。前のワンタイムパスワードは使えません。',
    cancelLogin: 'ログインをやめる',
    rememberDevice: 'この端末を30日間記憶する',
    rememberDeviceHint: '次回から30日間、この端末ではワンタイムパスワードの入力を省略できます（パスワードの入力は必要です）。家族以外の人も使う端末では選ばないでください。記憶した端末はマイページで解除できます。',
    termsTitle: '利用規約・プライバシーポリシーに関する同意',
    termsLead: 'つうえんを利用するには、利用規約とプライバシーポリシーへの同意が必要です。内容をお読みになり、同意いただける場合はチェックを入れて「同意する」を押してください。',
    termsHeading: '利用規約（要旨）',
    terms: [
      'つうえんは、こども誰でも通園制度の利用申請、施設の予約、登園・退園の記録のためのサービスです。',
      '登録した情報は、制度の運営（認定、予約、利用の記録、利用料の確認）のために、お住まいの市区町村と、予約した施設が利用します。',
      'お子さまのアレルギーや健康に関する情報は、予約のある施設の職員だけが閲覧でき、閲覧の記録が残ります。',
      'ログインIDとパスワードは、ご自身で管理してください。第三者に知られたおそれがある場合は、すぐにパスワードを変更してください。',
      '登録した情報は、法令に基づく場合を除き、本人の同意なく第三者に提供しません。',
    ],
    privacyHeading: 'プライバシーポリシー（要旨）',
    privacy: [
      '取得する情報：保護者とお子さまの氏名、生年月日、連絡先、利用の記録、お子さまの健康・食事に関する情報。',
      '利用の目的：制度の認定・予約・利用の管理と、市区町村による利用状況の把握（統計は個人が分からない形で作成します）。',
      '保存：制度の利用が終わってから、法令で定める期間を過ぎたものは削除します。',
    ],
    agree: '利用規約とプライバシーポリシーに同意します',
    agreeRequired: '同意いただける場合は、チェックを入れてください',
    agreeButton: '同意する',
  },
  en: {
    resetRequestTitle: 'Request a password reset',
    resetRequestLead: 'Use this page both to set your first password and when you have forgotten it. Enter your registered e-mail address (your login ID) and press "Send mail".',
    email: 'E-mail address',
    emailInvalid: 'Enter an e-mail address in the correct format, like hanako@example.jp',
    sendMail: 'Send mail',
    resetSentTitle: 'Check your e-mail',
    resetSentBody: 'If the address you entered is registered, we have sent it a password reset mail. Open its link within 30 minutes.',
    resetSentHint: 'If no mail arrives, check the address and your spam folder.',
    resetTitle: 'Reset your password',
    resetLead: 'Enter a new password.',
    newPassword: 'New password',
    passwordRule: `At least ${MIN_PASSWORD_LENGTH} characters, with at least 3 of: upper case, lower case, digits, symbols.`,
    confirmPassword: 'New password again',
    confirmMismatch: 'The passwords do not match. Enter the same password twice',
    passwordRequired: 'Enter your password',
    setPassword: 'Set password',
    resetDoneTitle: 'Your password is set',
    resetDoneBody: 'Log in with your new password.',
    toLogin: 'Go to log in',
    linkUnknownTitle: 'This link cannot be used',
    linkUnknownBody: 'The link is not correct. Check that you copied the whole link from the mail.',
    linkUsedTitle: 'This link has already been used',
    linkUsedBody: 'A password reset link works once. Request a new one to set your password again.',
    linkExpiredTitle: 'This link has expired',
    linkExpiredBody: 'Password reset links are valid for 30 minutes. Please request a new one.',
    requestAgain: 'Request a new password reset',
    loginTitle: 'Log in',
    loginLead: 'Your login ID is your registered e-mail address.',
    loginId: 'Login ID (e-mail address)',
    password: 'Password',
    login: 'Log in',
    loginFailed: 'The login ID or password is not correct',
    loginLocked: 'After repeated failures, logging in with this ID is paused for 15 minutes. Please wait, or reset your password.',
    forgot: 'Request a password reset (forgotten password, or setting it for the first time)',
    otpTitle: 'Enter your one-time password',
    otpLead: 'We have mailed a 6-digit one-time password to your registered address. Enter it and press "Log in". It is valid for 10 minutes.',
    otp: 'One-time password (6 digits)',
    otpInvalidFormat: 'Enter the 6 digits of the one-time password',
    otpWrong: (left: number) => `The one-time password is not correct. You can try ${left} more times`,
    otpExhausted: 'You have used all 5 tries. Press "Send a new one-time password" to get a new one',
    otpExpired: 'The one-time password has expired. Press "Send a new one-time password"',
    resendOtp: 'Send a new one-time password',
    otpResent: 'We have sent a new one-time password. The previous one no longer works.',
    cancelLogin: 'Cancel login',
    rememberDevice: 'Remember this device for 30 days',
    rememberDeviceHint: 'For the next 30 days this device can skip the one-time password (you still enter your password). Do not tick this on a device people outside your family use. You can remove remembered devices on My page.',
    termsTitle: 'Terms of use and privacy policy',
    termsLead: 'To use Tsuen you need to agree to the terms of use and the privacy policy. Please read them, tick the box and press "I agree".',
    termsHeading: 'Terms of use (summary)',
    terms: [
      "Tsuen is the service for applying to Children's Universal Daycare Access, booking facilities and recording drop-off and pick-up.",
      'Your municipality and the facilities you book use what you register to run the scheme (certification, bookings, records of use, fees).',
      "Only staff of a facility your child is booked at can see the child's allergy and health information, and every view is recorded.",
      'Keep your login ID and password to yourself. If someone else may know your password, change it at once.',
      'We do not give your information to others without your consent, except as the law requires.',
    ],
    privacyHeading: 'Privacy policy (summary)',
    privacy: [
      "What we collect: names, dates of birth and contact details of guardians and children, records of use, children's health and meal information.",
      'Why: to certify, book and record use of the scheme, and for municipalities to see how it is used (statistics cannot identify anyone).',
      'How long: records past the period the law sets after use ends are deleted.',
    ],
    agree: 'I agree to the terms of use and the privacy policy',
    agreeRequired: 'Tick the box if you agree',
    agreeButton: 'I agree',
  },
});

export function ResetRequestPage(props: { ctx: PageContext; email: string; errors: FieldErrors }) {
  const { ctx, errors } = props;
  const t = accountTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.resetRequestTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1 safe>{t.resetRequestTitle}</h1>
      <p safe>{t.resetRequestLead}</p>
      <form method="post" action="/password-reset" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="email" type="email" label={t.email} lang={ctx.lang} required value={props.email} error={errors.email} autocomplete="email" inputmode="email" />
        <button type="submit" safe>
          {t.sendMail}
        </button>
      </form>
    </Layout>
  );
}

export function SimpleMessagePage(props: { ctx: PageContext; title: string; body: string; tone?: 'success' | 'info'; link?: { href: string; label: string }; extra?: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1 safe>{props.title}</h1>
      {props.tone ? (
        <Notice type={props.tone}>
          <p safe>{props.body}</p>
        </Notice>
      ) : (
        <p safe>{props.body}</p>
      )}
      {props.extra ? <p safe>{props.extra}</p> : ''}
      {props.link ? (
        <p>
          <a class="button" href={props.link.href} safe>
            {props.link.label}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function ResetPasswordPage(props: { ctx: PageContext; token: string; email: string; errors: FieldErrors }) {
  const { ctx, errors } = props;
  const t = accountTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.resetTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1 safe>{t.resetTitle}</h1>
      <p safe>{t.resetLead}</p>
      <form method="post" action={`/password-reset/${props.token}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {/* Lets password managers store the new password under the right login ID. */}
        <input type="hidden" name="username" autocomplete="username" value={props.email} />
        <TextField name="password" type="password" label={t.newPassword} hint={t.passwordRule} lang={ctx.lang} required error={errors.password} autocomplete="new-password" />
        <TextField name="passwordConfirm" type="password" label={t.confirmPassword} lang={ctx.lang} required error={errors.passwordConfirm} autocomplete="new-password" />
        <button type="submit" safe>
          {t.setPassword}
        </button>
      </form>
    </Layout>
  );
}

export function LoginPage(props: { ctx: PageContext; email: string; next: string; errors: FieldErrors; banner?: string | undefined }) {
  const { ctx, errors } = props;
  const t = accountTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.loginTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1 safe>{t.loginTitle}</h1>
      {props.banner ? (
        <Notice type="success">
          <p safe>{props.banner}</p>
        </Notice>
      ) : (
        ''
      )}
      <p safe>{t.loginLead}</p>
      <form method="post" action="/login" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="next" value={props.next} />
        <TextField name="email" type="email" label={t.loginId} lang={ctx.lang} required value={props.email} error={errors.email} autocomplete="username" inputmode="email" />
        <TextField name="password" type="password" label={t.password} lang={ctx.lang} required error={errors.password} autocomplete="current-password" />
        <button type="submit" safe>
          {t.login}
        </button>
      </form>
      <p class="spaced">
        <a href="/password-reset" safe>
          {t.forgot}
        </a>
      </p>
    </Layout>
  );
}

export function OtpPage(props: { ctx: PageContext; errors: FieldErrors; notice?: string | undefined; canRetry: boolean; remember: boolean }) {
  const { ctx, errors } = props;
  const t = accountTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.otpTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1 safe>{t.otpTitle}</h1>
      {props.notice ? (
        <Notice type="success">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      <p safe>{t.otpLead}</p>
      {props.canRetry ? (
        <form method="post" action="/login/otp" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField name="code" label={t.otp} lang={ctx.lang} required error={errors.code} autocomplete="one-time-code" inputmode="numeric" width="code" maxlength={6} />
          <Checkbox name="remember" label={t.rememberDevice} hint={t.rememberDeviceHint} lang={ctx.lang} checked={props.remember} />
          <button type="submit" safe>
            {t.login}
          </button>
        </form>
      ) : (
        ''
      )}
      <form method="post" action="/login/otp/resend" class="spaced">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" data-variant="secondary" safe>
          {t.resendOtp}
        </button>
      </form>
      <form method="post" action="/logout" class="spaced-small">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" data-variant="link" safe>
          {t.cancelLogin}
        </button>
      </form>
    </Layout>
  );
}

export function TermsPage(props: { ctx: PageContext; errors: FieldErrors }) {
  const { ctx, errors } = props;
  const t = accountTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.termsTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1 safe>{t.termsTitle}</h1>
      <p safe>{t.termsLead}</p>
      <section class="terms" tabindex="0" aria-labelledby="terms-heading">
        <h2 id="terms-heading" safe>{t.termsHeading}</h2>
        <ol>
          {t.terms.map((line) => (
            <li safe>{line}</li>
          ))}
        </ol>
        <h2 safe>{t.privacyHeading}</h2>
        <ol>
          {t.privacy.map((line) => (
            <li safe>{line}</li>
          ))}
        </ol>
      </section>
      <form method="post" action="/terms" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Checkbox name="agree" label={t.agree} lang={ctx.lang} required checked={false} error={errors.agree} />
        <button type="submit" safe>
          {t.agreeButton}
        </button>
      </form>
    </Layout>
  );
}
