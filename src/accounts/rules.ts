import type { Lang } from '../platform/i18n.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** Which of the four kinds of character a password contains. */
export function characterKinds(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

const messages = {
  ja: {
    tooShort: `パスワードは${MIN_PASSWORD_LENGTH}文字以上で入力してください`,
    tooLong: `パスワードは${MAX_PASSWORD_LENGTH}文字以内で入力してください`,
    kinds: (n: number) => `大文字・小文字・数字・記号のうち3種類以上を含めてください（いまは${n}種類です）`,
    sameAsEmail: 'メールアドレスと同じパスワードは使えません',
  },
  en: {
    tooShort: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
    tooLong: `Use at most ${MAX_PASSWORD_LENGTH} characters`,
    kinds: (n: number) => `Use at least 3 of: upper case, lower case, digits, symbols (it has ${n} now)`,
    sameAsEmail: 'Your password cannot be your e-mail address',
  },
};

/** 10 or more characters with at least 3 of upper case, lower case, digit, symbol. */
export function passwordProblem(password: string, email: string, lang: Lang): string | undefined {
  const m = messages[lang];
  // Count characters as people see them, not UTF-16 units.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return m.tooShort;
  if (length > MAX_PASSWORD_LENGTH) return m.tooLong;
  const kinds = characterKinds(password);
  if (kinds < 3) return m.kinds(kinds);
  if (password.toLowerCase() === email.toLowerCase()) return m.sameAsEmail;
  return undefined;
}
