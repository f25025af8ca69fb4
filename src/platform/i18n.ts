export type Lang = 'ja' | 'en';
export const languages: readonly Lang[] = ['ja', 'en'];

/**
 * Texts live beside the screens that use them. Both languages must have the same keys: a
 * missing English text is a compile error.
 */
export function defineTexts<T extends Record<string, unknown>>(texts: { ja: T; en: NoInfer<T> }) {
  return (lang: Lang): T => texts[lang];
}

export function parseLang(value: unknown): Lang | undefined {
  return value === 'ja' || value === 'en' ? value : undefined;
}

/** A remark in brackets after a word: full-width brackets in Japanese, a space and "( )" in English. */
export function aside(text: string, lang: Lang): string {
  return lang === 'ja' ? `（${text}）` : ` (${text})`;
}
