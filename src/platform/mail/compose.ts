import Html from '@kitajs/html';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** A paragraph of text, or a link written out in full so it also works in plain-text mail. */
export type MailPart = string | { link: string; label?: string };

const signature = [
  '――――――――――――――――――――',
  'つうえん（こども誰でも通園制度）',
  'このメールは送信専用です。返信はできません。',
  'お心当たりのない場合は、このメールを破棄してください。',
];

/** Every mail is Japanese, with a plain-text and an HTML part carrying the same words. */
export function composeMail(to: string, subject: string, parts: MailPart[]): Mail {
  const paragraphs = parts.map((p) => (typeof p === 'string' ? p : `${p.label ? `${p.label}\n` : ''}${p.link}`));
  const text = `${paragraphs.join('\n\n')}\n\n${signature.join('\n')}\n`;
  const htmlParts = parts.map((p) =>
    typeof p === 'string'
      ? `<p>${Html.escapeHtml(p).replace(/\n/g, '<br>')}</p>`
      : `<p>${p.label ? `${Html.escapeHtml(p.label)}<br>` : ''}<a href="${Html.escapeHtml(p.link)}">${Html.escapeHtml(p.link)}</a></p>`,
  );
  const html = `<!doctype html><html lang="ja"><body style="font-family: sans-serif; line-height: 1.7">${htmlParts.join('')}<hr><p>${signature.map((s) => Html.escapeHtml(s)).join('<br>')}</p></body></html>`;
  return { to, subject, text, html };
}
