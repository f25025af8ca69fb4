// The mails of step 9: an inquiry to the municipality's help desk, the receipt to its sender, and
// a staff member's reply. All are queued in the transaction that stores what they report.
import { composeMail } from '../platform/mail/compose.ts';
import { formatTokyoDateTime } from '../platform/clock.ts';
import { supportTexts } from './texts.ts';
import type { ValidInquiry } from './form.ts';

const t = supportTexts('ja');

/** To the help desk (the support address, or each staff login): everything needed to answer. */
export function inquiryToDeskMail(
  to: string,
  inquiry: ValidInquiry & { reference: string; receivedAt: Date; accountName: string | undefined },
  link: string,
) {
  return composeMail(to, `【つうえん】お問い合わせがありました（${inquiry.reference}）`, [
    'つうえんのお問い合わせフォームから、次のお問い合わせがありました。',
    [
      `${t.reference}：${inquiry.reference}`,
      `${t.receivedAt}：${formatTokyoDateTime(inquiry.receivedAt)}`,
      `${t.category}：${t.categories[inquiry.category]}`,
      `${t.contactName}：${inquiry.contactName}`,
      `${t.email}：${inquiry.email}`,
      `${t.phone}：${inquiry.phone || 'なし'}`,
      `${t.account}：${inquiry.accountName ?? t.notSignedIn}`,
    ].join('\n'),
    `${t.message}：\n${inquiry.message}`,
    { label: '回答と「対応済み」の記録は、次の画面から行ってください。', link },
  ]);
}

/**
 * To the sender. It names the inquiry but does not repeat what was written: anyone can type any
 * address into the form, and a receipt must not carry a stranger's text to it.
 */
export function inquiryReceiptMail(to: string, municipalityName: string, reference: string, category: ValidInquiry['category']) {
  return composeMail(to, '【つうえん】お問い合わせを受け付けました', [
    `${municipalityName}へのお問い合わせを受け付けました。`,
    `${t.reference}：${reference}\n${t.category}：${t.categories[category]}`,
    `${municipalityName}の担当窓口から、このメールアドレスに回答をお送りします。回答までお時間をいただく場合があります。再度お問い合わせいただく際は、お問い合わせ番号をお書き添えください。`,
  ]);
}

/** A staff member's answer, to the address the sender gave. */
export function inquiryReplyMail(to: string, municipalityName: string, reference: string, contactName: string, reply: string) {
  return composeMail(to, `【つうえん】お問い合わせへの回答（${reference}）`, [
    `${contactName} 様`,
    `お問い合わせ番号 ${reference} について、${municipalityName}の担当窓口から回答いたします。`,
    reply,
    `ご不明な点がございましたら、つうえんの「お客さまサポート」から、お問い合わせ番号を添えて再度お問い合わせください。`,
  ]);
}
