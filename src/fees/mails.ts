// Mails of 利用料減免の申請 (Japanese, as every mail): the decision, and the September reminder.
import { composeMail } from '../platform/mail/compose.ts';
import type { CalendarDate } from '../platform/time.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import { categoryLabels } from './texts.ts';

export function reductionApprovedMail(to: string, childName: string, category: ReductionCategory, from: CalendarDate, until: CalendarDate | undefined, link: string) {
  return composeMail(to, '【つうえん】利用料減免の認定のお知らせ', [
    `${childName}さんの利用料減免の申請を認定しました。`,
    `減免の区分：${categoryLabels.ja[category]}\n適用期間：${from.format('ja')}～${until ? until.format('ja') : ''}`,
    until
      ? `税額にもとづく減免のため、${until.format('ja')}で終わります。9月からも減免を受けるには、9月以降の課税の内容がわかる書類で、もう一度申請してください。`
      : 'この日以降のご利用から、減額した利用料になります。',
    { label: '申請の状況は、マイページの「利用料減免の申請」で確かめられます。', link },
  ]);
}

export function reductionRejectedMail(to: string, childName: string, category: ReductionCategory, reason: string, link: string) {
  return composeMail(to, '【つうえん】利用料減免の申請の審査結果のお知らせ', [
    `${childName}さんの利用料減免（${categoryLabels.ja[category]}）の申請について審査を行いましたが、今回は認定できませんでした。`,
    `理由：\n${reason}`,
    { label: '書類をそろえて、もう一度申請できます。', link },
  ]);
}

export function reapplyReminderMail(to: string, childName: string, category: ReductionCategory, ended: CalendarDate, link: string) {
  return composeMail(to, '【つうえん】利用料減免の再申請のお願い', [
    `${childName}さんの利用料減免（${categoryLabels.ja[category]}）は、税額にもとづく減免のため ${ended.format('ja')} で終了しました。`,
    '9月から税の年度が切り替わります。引き続き減免を受けるには、新しい年度の課税の内容がわかる書類を添えて、もう一度申請してください。',
    { label: '申請はマイページの「利用料減免の申請」からできます。', link },
  ]);
}
