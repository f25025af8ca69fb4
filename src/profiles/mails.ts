import { composeMail } from '../platform/mail/compose.ts';

export function twoFactorChangedMail(to: string, enabled: boolean) {
  return composeMail(to, '【つうえん】2段階認証の設定を変更しました', [
    enabled
      ? 'ログイン時の2段階認証を「有効」にしました。次回のログインから、パスワードのあとにメールで届くワンタイムパスワードの入力が必要になります。'
      : 'ログイン時の2段階認証を「無効」にしました。次回のログインから、ワンタイムパスワードの入力は求められません。',
    'ご自身で変更していない場合は、パスワードが第三者に知られているおそれがあります。すぐにパスワードリセットからパスワードを変更し、2段階認証を「有効」に戻してください。',
  ]);
}
