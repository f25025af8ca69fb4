import { composeMail } from '../platform/mail/compose.ts';

export function passwordResetMail(to: string, link: string) {
  return composeMail(to, '【つうえん】パスワードリセットのご案内', [
    'パスワードの登録（リセット）の申請を受け付けました。',
    { label: '次のURLを開き、「パスワードリセット」画面で新しいパスワードを設定してください。', link },
    'このURLの有効期限は30分です。一度使うと、同じURLは使えません。',
    'パスワードは、10文字以上で、大文字・小文字・数字・記号のうち3種類以上を含めてください。',
    'お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。',
  ]);
}

export function oneTimePasswordMail(to: string, code: string) {
  return composeMail(to, '【つうえん】ワンタイムパスワードのお知らせ', [
    'つうえんへのログインに使うワンタイムパスワードをお知らせします。',
    `ワンタイムパスワード：${code}`,
    'ログイン画面に入力してください。有効期限は10分です。',
    'ご自身でログインしていないのにこのメールが届いた場合は、パスワードが第三者に知られているおそれがあります。パスワードリセットからパスワードを変更してください。',
  ]);
}

export function passwordChangedMail(to: string) {
  return composeMail(to, '【つうえん】パスワードを設定しました', [
    'つうえんのパスワードを設定しました。',
    'ご自身で設定していない場合は、すぐにパスワードリセットを行い、お住まいの市区町村へご連絡ください。',
  ]);
}
