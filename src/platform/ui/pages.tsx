import { defineTexts } from '../i18n.ts';
import { Layout, type PageContext } from './layout.tsx';

const texts = defineTexts({
  ja: {
    notFoundTitle: 'ページが見つかりません',
    notFoundBody: 'お探しのページは見つかりませんでした。アドレスに誤りがないか、お確かめください。',
    forbiddenTitle: 'このページは表示できません',
    forbiddenBody: 'このページを表示する権限がありません。別のアカウントでログインしている場合は、一度ログアウトしてください。',
    errorTitle: 'ただいま処理できません',
    errorBody: 'システムで問題が起きました。入力した内容は保存されていない可能性があります。しばらくしてから、もう一度お試しください。',
    csrfTitle: 'ページの有効期限が切れました',
    csrfBody: '安全のため、送信を受け付けませんでした。前のページに戻り、ページを再読み込みしてから、もう一度送信してください。',
    tooManyTitle: '操作が続いたため、一時的に受け付けを止めています',
    tooManyBody: '短い時間に何度も操作があったため、しばらく受け付けを止めています。時間をおいてから、もう一度お試しください。',
    badRequestTitle: '送信された内容を読み取れませんでした',
    badRequestBody: 'ページの送信内容に誤りがありました。前のページに戻り、入力し直してから、もう一度送信してください。',
    tooLargeTitle: '送信された内容が大きすぎます',
    tooLargeBody: '一度に送信できる量を超えています。入力を短くしてから、もう一度送信してください。',
    unsupportedTitle: 'この形式の送信は受け付けていません',
    unsupportedBody: 'このサイトのフォームから送信してください。',
    signedOutTitle: 'ログインの有効期限が切れました',
    signedOutBody: 'しばらく操作がなかったため、ログインの有効期限が切れました。送信した内容は保存されていません。もう一度ログインしてから、やり直してください。',
    logInAgain: 'もう一度ログインする',
    home: 'トップページへ',
  },
  en: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'We could not find the page you were looking for. Please check the address.',
    forbiddenTitle: 'You cannot view this page',
    forbiddenBody: 'You do not have permission to view this page. If you are signed in with another account, please log out first.',
    errorTitle: 'Sorry, something went wrong',
    errorBody: 'A problem occurred in the system. What you entered may not have been saved. Please try again later.',
    csrfTitle: 'This page has expired',
    csrfBody: 'For your security the form was not accepted. Go back, reload the page and submit it again.',
    tooManyTitle: 'Too many attempts',
    tooManyBody: 'There were too many attempts in a short time. Please wait a while and try again.',
    badRequestTitle: 'We could not read what was sent',
    badRequestBody: 'Something was wrong with what the page sent. Go back, fill in the form again and submit it.',
    tooLargeTitle: 'What was sent is too large',
    tooLargeBody: 'It is more than can be sent at once. Shorten what you entered and submit it again.',
    unsupportedTitle: 'This kind of submission is not accepted',
    unsupportedBody: "Please use the site's own forms.",
    signedOutTitle: 'Your login has expired',
    signedOutBody: 'You were logged out after a while without activity. What you sent has not been saved. Please log in again and try once more.',
    logInAgain: 'Log in again',
    home: 'Go to the top page',
  },
});

export type MessagePageKind = 'notFound' | 'forbidden' | 'signedOut' | 'error' | 'csrf' | 'tooMany' | 'badRequest' | 'tooLarge' | 'unsupported';

/** `loginLink`: for signedOut, the login page that leads back to where the user was. */
export function MessagePage({ ctx, kind, loginLink }: { ctx: PageContext; kind: MessagePageKind; loginLink?: string }) {
  const t = texts(ctx.lang);
  const title = t[`${kind}Title`];
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t[`${kind}Body`]}</p>
      {loginLink !== undefined ? (
        <p>
          <a href={loginLink} class="button" safe>
            {t.logInAgain}
          </a>
        </p>
      ) : (
        ''
      )}
      <p>
        <a href="/" safe>
          {t.home}
        </a>
      </p>
    </Layout>
  );
}
