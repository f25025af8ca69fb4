import { composeMail } from '../platform/mail/compose.ts';

/** To a municipality's first staff member, added by an operator: the login ID and a link to set the password. */
export function municipalityStaffAccountMail(to: string, municipalityName: string, setPasswordLink: string, validHours: number, resetRequestLink: string, loginLink: string) {
  return composeMail(to, '【つうえん】市区町村職員アカウント発行のお知らせ', [
    `${municipalityName}の職員として、つうえんのアカウントを発行しました。`,
    `ログインID：${to}`,
    { label: `はじめに、次のURLを開き、「パスワードリセット」画面でパスワードを設定してください。このURLの有効期限は${validHours}時間です。一度使うと、同じURLは使えません。`, link: setPasswordLink },
    'パスワードは、10文字以上で、大文字・小文字・数字・記号のうち3種類以上を含めてください。',
    { label: '有効期限が過ぎた場合は、次の「パスワードリセット申請」画面でこのメールアドレスを入力してください。', link: resetRequestLink },
    { label: 'パスワードの設定後は、次のログイン画面からログインできます。', link: loginLink },
  ]);
}
