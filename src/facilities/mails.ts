import { composeMail } from '../platform/mail/compose.ts';

/** To a facility's new staff member: the login ID, and the way to set a first password. */
export function facilityStaffAccountMail(to: string, municipalityName: string, facilityName: string, passwordResetLink: string, loginLink: string) {
  return composeMail(to, '【つうえん】施設職員アカウント発行のお知らせ', [
    `${municipalityName}が、${facilityName}の職員として、つうえんのアカウントを発行しました。`,
    `ログインID：${to}`,
    { label: 'はじめに、次の「パスワードリセット申請」画面でこのメールアドレスを入力し、パスワードを登録してください。', link: passwordResetLink },
    'パスワードは、10文字以上で、大文字・小文字・数字・記号のうち3種類以上を含めてください。',
    { label: 'パスワードの登録後は、次のログイン画面からログインできます。', link: loginLink },
    `お心当たりのない場合は、${municipalityName}の担当窓口へお問い合わせください。`,
  ]);
}
