// 利用マニュアル: the in-system manual of each role, in the words of the start-up guide. Its
// screenshots are taken by the browser walks of the guide (test/browser/guide-*.test.ts): when a
// walk captures a screen listed in MANUAL_FIGURES, the visitor (test/helpers/guide-visitor.ts) also
// saves it as public/manual/<figure>.png, served at /static/manual/. So the pictures are always
// the product's real screens, and test/support/manual.test.ts fails when a figure is missing or
// no walk takes it any more.
//
import { defineTexts, type Lang } from '../platform/i18n.ts';

/** Each figure of the manual: the walk's step and the name its screenshot is captured under. */
export const MANUAL_FIGURES = {
  // Guardians, guide step 1 (利用申請)
  'guardian-1-start': { step: 1, shot: 'start', device: 'phone' },
  'guardian-1-municipality': { step: 1, shot: 'choose-municipality', device: 'phone' },
  'guardian-1-email': { step: 1, shot: 'email', device: 'phone' },
  'guardian-1-link-mail': { step: 1, shot: 'application-link-mail', device: 'phone' },
  'guardian-1-form': { step: 1, shot: 'form-empty', device: 'phone' },
  'guardian-1-check': { step: 1, shot: 'check', device: 'phone' },
  'guardian-1-complete': { step: 1, shot: 'complete', device: 'phone' },
  // Step 2 (アカウント発行・パスワード登録)
  'guardian-2-issued-mail': { step: 2, shot: 'account-issued-mail', device: 'phone' },
  'guardian-2-reset-request': { step: 2, shot: 'reset-request', device: 'phone' },
  'guardian-2-reset-form': { step: 2, shot: 'reset-form', device: 'phone' },
  'guardian-2-reset-done': { step: 2, shot: 'reset-done', device: 'phone' },
  // Step 3 (ログイン)
  'guardian-3-login': { step: 3, shot: 'guardian-login', device: 'phone' },
  'guardian-3-otp': { step: 3, shot: 'guardian-otp', device: 'phone' },
  'guardian-3-terms': { step: 3, shot: 'guardian-terms', device: 'phone' },
  'guardian-3-mypage': { step: 3, shot: 'mypage', device: 'phone' },
  // Step 4 (保護者・お子さまの情報登録)
  'guardian-4-profile': { step: 4, shot: 'profile-index', device: 'phone' },
  'guardian-4-guardian': { step: 4, shot: 'guardian', device: 'phone' },
  'guardian-4-guardian-edit': { step: 4, shot: 'guardian-edit', device: 'phone' },
  'guardian-4-guardian-confirm': { step: 4, shot: 'guardian-confirm', device: 'phone' },
  'guardian-4-blocked': { step: 4, shot: 'guardian-blocked', device: 'phone' },
  'guardian-4-two-factor': { step: 4, shot: 'two-factor', device: 'phone' },
  'guardian-4-child-basic': { step: 4, shot: 'child-basic', device: 'phone' },
  'guardian-4-meals-edit': { step: 4, shot: 'meals-edit', device: 'phone' },
  'guardian-4-meals-confirm': { step: 4, shot: 'meals-confirm', device: 'phone' },
  // Step 5 (施設を探す)
  'guardian-5-hub': { step: 5, shot: 'hub', device: 'phone' },
  'guardian-5-nearby': { step: 5, shot: 'nearby-from-location', device: 'phone' },
  'guardian-5-area': { step: 5, shot: 'area-choose', device: 'phone' },
  'guardian-5-history': { step: 5, shot: 'history', device: 'phone' },
  'guardian-5-detail': { step: 5, shot: 'detail-applied-for', device: 'phone' },
  // Step 6 (初回面談)
  'guardian-6-reserve-tab': { step: 6, shot: 'reserve-tab', device: 'phone' },
  'guardian-6-kinds': { step: 6, shot: 'kinds', device: 'phone' },
  'guardian-6-calendar': { step: 6, shot: 'calendar', device: 'phone' },
  'guardian-6-time': { step: 6, shot: 'time', device: 'phone' },
  'guardian-6-notes': { step: 6, shot: 'notes', device: 'phone' },
  'guardian-6-comment': { step: 6, shot: 'comment', device: 'phone' },
  'guardian-6-confirm': { step: 6, shot: 'confirm', device: 'phone' },
  'guardian-6-provisional': { step: 6, shot: 'provisional', device: 'phone' },
  'guardian-6-confirmed-mail': { step: 6, shot: 'confirmed-mail', device: 'phone' },
  // Step 7 (施設の予約（定期利用）) and 予約一覧
  'guardian-7-history': { step: 7, shot: 'history', device: 'phone' },
  'guardian-7-kinds': { step: 7, shot: 'kinds', device: 'phone' },
  'guardian-7-preview': { step: 7, shot: 'preview', device: 'phone' },
  'guardian-7-pickup': { step: 7, shot: 'pickup', device: 'phone' },
  'guardian-7-confirm': { step: 7, shot: 'confirm', device: 'phone' },
  'guardian-7-provisional': { step: 7, shot: 'provisional', device: 'phone' },
  'guardian-7-list': { step: 7, shot: 'list', device: 'phone' },
  'guardian-7-cancel': { step: 7, shot: 'cancel', device: 'phone' },
  'guardian-7-cancelled': { step: 7, shot: 'cancelled', device: 'phone' },
  // Step 8 (施設の利用)
  'guardian-8-check-in': { step: 8, shot: 'check-in', device: 'phone' },
  'guardian-8-checked-in': { step: 8, shot: 'checked-in', device: 'phone' },
  'guardian-8-scan': { step: 8, shot: 'scan-page', device: 'phone' },
  // Step 9 (お問い合わせ)
  'guardian-9-support': { step: 9, shot: 'support', device: 'phone' },
  'guardian-9-inquiry': { step: 9, shot: 'inquiry-form', device: 'phone' },
  'guardian-9-check': { step: 9, shot: 'inquiry-check', device: 'phone' },
  'guardian-9-done': { step: 9, shot: 'inquiry-done', device: 'phone' },
  // Facility staff
  'facility-children': { step: 4, shot: 'staff-children', device: 'desktop' },
  'facility-child': { step: 4, shot: 'staff-child', device: 'desktop' },
  'facility-home': { step: 6, shot: 'staff-home', device: 'desktop' },
  'facility-inbox': { step: 6, shot: 'staff-inbox', device: 'desktop' },
  'facility-booking': { step: 6, shot: 'staff-booking', device: 'desktop' },
  'facility-interviews': { step: 6, shot: 'staff-interviews', device: 'desktop' },
  'facility-outcome': { step: 6, shot: 'staff-outcome', device: 'desktop' },
  'facility-qr': { step: 8, shot: 'staff-qr', device: 'desktop' },
  'facility-roster': { step: 8, shot: 'staff-roster-done', device: 'desktop' },
  'facility-attendance-record': { step: 8, shot: 'staff-corrected', device: 'desktop' },
  // Municipality staff
  'municipality-home': { step: 1, shot: 'staff-home', device: 'desktop' },
  'municipality-queue': { step: 1, shot: 'staff-queue', device: 'desktop' },
  'municipality-application': { step: 1, shot: 'staff-detail', device: 'desktop' },
  'municipality-facilities': { step: 5, shot: 'staff-facilities', device: 'desktop' },
  'municipality-staff-login': { step: 5, shot: 'staff-login-issued', device: 'desktop' },
  'municipality-inquiries': { step: 9, shot: 'staff-inquiries', device: 'desktop' },
  'municipality-inquiry': { step: 9, shot: 'staff-inquiry', device: 'desktop' },
  // Running the scheme (the walk of issue 10, numbered 10)
  'municipality-settings': { step: 10, shot: 'settings-edit', device: 'desktop' },
  'municipality-designation': { step: 10, shot: 'designation-form', device: 'desktop' },
  'municipality-certification-change': { step: 10, shot: 'certification-change', device: 'desktop' },
  'municipality-claim': { step: 10, shot: 'municipality-claim', device: 'desktop' },
  'municipality-reduction': { step: 10, shot: 'municipality-reduction', device: 'desktop' },
  'facility-claim': { step: 10, shot: 'facility-claim', device: 'desktop' },
  'guardian-8-usage': { step: 10, shot: 'guardian-receipt-notice', device: 'phone' },
  'guardian-8-reduction': { step: 10, shot: 'guardian-reduction-form', device: 'phone' },
} as const satisfies Record<string, { step: number; shot: string; device: 'phone' | 'desktop' }>;

export type FigureName = keyof typeof MANUAL_FIGURES;

/** The figure a walk's screenshot becomes, if the manual uses it. */
export function manualFigureFor(step: number, shot: string): FigureName | undefined {
  return (Object.keys(MANUAL_FIGURES) as FigureName[]).find((name) => MANUAL_FIGURES[name].step === step && MANUAL_FIGURES[name].shot === shot);
}

/** Where the page finds a figure (public/manual/ is served under /static/). */
export function figureSrc(name: FigureName): string {
  return `/static/manual/${name}.png`;
}

/** One instruction (① ②…), with the screens it shows. */
export interface ManualItem {
  text: string;
  figures?: ReadonlyArray<{ name: FigureName; caption: string }>;
}

/** A part of a page: an optional heading, numbered instructions, and notes (✓). */
export interface ManualPart {
  heading?: string;
  items: readonly ManualItem[];
  notes?: readonly string[];
}

export interface ManualPage {
  title: string;
  lead?: string;
  parts: readonly ManualPart[];
}

export const ROLES = ['guardian', 'facility', 'municipality'] as const;
export type ManualRole = (typeof ROLES)[number];
export const GUARDIAN_STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

const fig = (name: FigureName, caption: string) => ({ name, caption });

const manualTexts = defineTexts<{
  roleTitles: Record<ManualRole, string>;
  roleLeads: Record<ManualRole, string>;
  guardianSteps: readonly ManualPage[];
  facility: ManualPage;
  municipality: ManualPage;
}>({
  ja: {
    roleTitles: { guardian: '保護者の方', facility: '施設の職員の方', municipality: '市区町村の職員の方' },
    roleLeads: {
      guardian: '利用申請から、ログイン、情報の登録、施設の予約と利用、お問い合わせまで、9つの手順で説明します。',
      facility: '施設の業務メニュー、予約の確定、初回面談の結果（利用承認）、予約のあるお子さまの情報、登園・退園の記録、給付費の請求について説明します。',
      municipality: '利用申請の審査、施設の管理と認可・確認、認定者の管理、お問い合わせへの回答、市区町村の設定、給付費の請求の審査、利用料減免の審査について説明します。',
    },
    guardianSteps: [
      {
        title: 'はじめての利用申請',
        lead: 'お住まいの市区町村に、こども誰でも通園制度の利用を申請します。',
        parts: [
          {
            items: [
              { text: 'つうえんのトップページを開き、「まずは利用申請から！」を押します。', figures: [fig('guardian-1-start', 'トップページ')] },
              {
                text: '「都道府県」と「市区町村」を選び（例：「新潟県」「小千谷市」）、「確認する」を押します。',
                figures: [fig('guardian-1-municipality', '都道府県と市区町村を選ぶ画面')],
              },
              {
                text: 'メールアドレスを入力し、「申請用URLを送信する」を押します。届いたメールの申請用URLから申請画面を開きます。',
                figures: [fig('guardian-1-email', 'メールアドレスの入力'), fig('guardian-1-link-mail', '「利用申請のご案内」メール')],
              },
              { text: '申請者（保護者）とお子さまの情報を入力し、「確認画面へ進む」を押します。', figures: [fig('guardian-1-form', '利用申請の入力')] },
              {
                text: '内容を確認して「申請を送信する」を押します。受付番号が表示され、市区町村で審査が行われます。',
                figures: [fig('guardian-1-check', '申請内容の確認'), fig('guardian-1-complete', '受付番号の表示')],
              },
            ],
            notes: ['申請用URLの有効期限は24時間です。期限が切れた場合は、もう一度メールアドレスを入力してください。', '入力に誤りがあると、画面の上と項目の横に理由が表示されます。入力した内容は消えません。'],
          },
        ],
      },
      {
        title: 'アカウント発行・パスワード登録',
        parts: [
          {
            items: [
              {
                text: '市区町村の審査が完了すると、登録したメールアドレスに「アカウント発行のお知らせ」が届きます。',
                figures: [fig('guardian-2-issued-mail', '「アカウント発行のお知らせ」メール')],
              },
              {
                text: 'メールのURLから「パスワードリセット申請」画面を開き、登録メールアドレスを入力して「メール送信」を押します。',
                figures: [fig('guardian-2-reset-request', 'パスワードリセット申請')],
              },
              { text: '「パスワードリセットのご案内」メールが届くので、記載されたURLを開きます。' },
              {
                text: '「パスワードリセット」画面で新しいパスワードを2回入力し、「パスワードを設定する」を押します。',
                figures: [fig('guardian-2-reset-form', 'パスワードリセット'), fig('guardian-2-reset-done', 'パスワードを設定しました')],
              },
            ],
            notes: ['パスワードは10文字以上で、大文字・小文字・数字・記号のうち3種類以上を含めてください。'],
          },
        ],
      },
      {
        title: 'ログイン',
        parts: [
          {
            items: [
              {
                text: '「ログイン」画面で、ログインID（登録メールアドレス）とパスワードを入力し、「ログイン」を押します。',
                figures: [fig('guardian-3-login', 'ログイン画面')],
              },
              {
                text: '登録メールアドレス宛に届いたワンタイムパスワード（6桁の数字）を入力し、「ログイン」を押します。',
                figures: [fig('guardian-3-otp', 'ワンタイムパスワードの入力')],
              },
              {
                text: '「利用規約・プライバシーポリシーに関する同意」画面が表示されたら、チェックボックスを選択し「同意する」を押します。マイページが表示されます。',
                figures: [fig('guardian-3-terms', '利用規約・プライバシーポリシーに関する同意'), fig('guardian-3-mypage', 'マイページ')],
              },
            ],
            notes: ['ログイン画面は、ブラウザの「お気に入り」や「ブックマーク」に登録すると便利です。'],
          },
        ],
      },
      {
        title: '保護者・お子さまの情報登録',
        parts: [
          {
            heading: '(1) 保護者情報の登録',
            items: [
              { text: 'ログイン後、マイページ内の「利用者情報管理」を押します。', figures: [fig('guardian-4-profile', '利用者情報管理')] },
              { text: '表示された「保護者名」を押し、登録情報を確認します。', figures: [fig('guardian-4-guardian', '保護者情報')] },
              {
                text: '修正がある場合は、画面下部の「編集」を押して必要事項を入力し、「確定」を押します。確認画面で「OK」を押し、登録は完了です。',
                figures: [fig('guardian-4-guardian-edit', '保護者情報の編集'), fig('guardian-4-guardian-confirm', '保護者情報の確認')],
              },
            ],
            notes: [
              '「こどもの緊急連絡先情報」の必須項目が未入力の場合、登録を完了できません。画面に表示されるリンクから、お子さまの緊急連絡先を入力してください。',
              'ログイン時の2段階認証が不要な場合は、保護者情報の「2段階認証の設定を変更する」から「無効」を選択できます。2段階認証とは、IDとパスワードに加えてワンタイムパスワードの入力を求めることで、不正アクセスを防ぐ仕組みです。',
            ],
          },
          {
            items: [
              { text: '緊急連絡先が未入力のときの表示です。', figures: [fig('guardian-4-blocked', '登録を完了できません')] },
              { text: '2段階認証の設定画面です。「無効」を選び、現在のパスワードを入力して「設定を変更する」を押します。', figures: [fig('guardian-4-two-factor', '2段階認証の設定')] },
            ],
          },
          {
            heading: '(2) お子さま情報の登録',
            items: [
              { text: 'マイページ内の「利用者情報管理」を押します。' },
              { text: '「お子さまの名前」を押し、「基本情報」タブを確認します。', figures: [fig('guardian-4-child-basic', '基本情報タブ')] },
              {
                text: '「食事・アレルギー情報」等の各タブを「編集」から情報を入力し、「確定」を押します。確認画面で「OK」を押すと登録されます。',
                figures: [fig('guardian-4-meals-edit', '食事・アレルギー情報の編集'), fig('guardian-4-meals-confirm', '食事・アレルギー情報の確認')],
              },
            ],
          },
        ],
      },
      {
        title: '施設を探す',
        parts: [
          {
            items: [
              { text: 'ホーム画面のサイトメニューから「施設を探す」を押します。', figures: [fig('guardian-5-hub', '施設を探す')] },
              {
                text: '「現在地から探す」「都道府県から探す」「お気に入りからさがす」「面談・利用歴から探す」から検索方法を選びます。',
                figures: [fig('guardian-5-nearby', '現在地から探す'), fig('guardian-5-area', '都道府県から探す'), fig('guardian-5-history', '面談・利用歴から探す')],
              },
              { text: '施設名を押し、詳細情報を確認します。', figures: [fig('guardian-5-detail', '施設の詳細')] },
            ],
            notes: ['小千谷市では、利用できる施設は申請した施設のみです。', '「現在地から探す」では、ブラウザが位置情報の利用を尋ねます。許可しない場合は、出発地を選んで探せます。'],
          },
        ],
      },
      {
        title: '初回面談',
        lead: 'お子さまが初めて利用する施設の場合、初回面談が必要です。',
        parts: [
          {
            items: [
              {
                text: '「施設を探す」で施設名を押し、施設詳細画面の「予約」タブを開きます。',
                figures: [fig('guardian-6-reserve-tab', '予約タブ（STEP1）')],
              },
              {
                text: '「STEP1 ご利用のお子さまを選択」にて、選択し「適用する」を押します。「STEP2 予約種別の選択」が表示されます。選べない予約種別には、その理由が表示されます。',
                figures: [fig('guardian-6-kinds', 'STEP2 予約種別の選択')],
              },
              {
                text: '「STEP2 予約種別の選択」で「初回面談」を押します。月のカレンダーに、予約できる枠と、お子さまの年齢クラスの残りの人数が表示されます。「次の月」で月を切り替えられます。',
                figures: [fig('guardian-6-calendar', '予約枠のカレンダー')],
              },
              {
                text: '表示されたカレンダーから希望日の予約枠を押し、開始時刻と終了時刻を選んで「適用する」を押します。',
                figures: [fig('guardian-6-time', '利用時間の選択')],
              },
              { text: '予約時の注意事項を確認し、「了承して先に進む」を押します。', figures: [fig('guardian-6-notes', '予約時の注意事項')] },
              { text: '施設へのコメント（任意）を入力し、「確認画面に進む」を押します。', figures: [fig('guardian-6-comment', '施設へのコメント')] },
              {
                text: '内容と同意事項を確認・チェックし、「予約内容を送信する」を押すと申込完了です。内容を直すときは、各項目の「変更」を押します。',
                figures: [fig('guardian-6-confirm', '予約内容の確認')],
              },
              {
                text: '「仮予約を受け付けました」と表示され、「仮予約を受け付けました」のメールが届きます。施設が確定すると「予約確定のお知らせ」メールが届きます。',
                figures: [fig('guardian-6-provisional', '仮予約の受付'), fig('guardian-6-confirmed-mail', '「予約確定のお知らせ」メール')],
              },
            ],
            notes: [
              '送信した段階では「仮予約」です。施設側で確認・確定されると、予約完了メールが届きます。',
              'カレンダーの予約枠に希望の日時がない場合は、施設へ直接お問い合わせください。カレンダーの下に、施設の電話番号と開所時間が表示されます。',
              '初回面談は、1か月の利用可能時間を使いません。',
            ],
          },
        ],
      },
      {
        title: '施設の予約（定期利用）',
        lead: '初回面談のあと、施設が利用を承認すると「利用承認のお知らせ」メールが届き、定期利用・柔軟利用を予約できるようになります。',
        parts: [
          {
            items: [
              {
                text: '初回面談後、「施設を探す」手順に沿って、「面談・利用歴から探す」から申請した施設を選択→「施設の詳細」画面→「予約」タブを開きます。',
                figures: [fig('guardian-7-history', '面談・利用歴から探す')],
              },
              {
                text: '「STEP1 ご利用のお子さまを選択」にて、選択し「適用する」を押します。',
              },
              { text: '「STEP2 予約種別の選択」で「定期利用」を押します。', figures: [fig('guardian-7-kinds', '定期利用を選ぶ')] },
              {
                text: 'カレンダーに表示された「ご利用可能枠」から、最初の日の予約枠を押します。開始・終了時刻、「毎週」か「隔週」か、期間の終わりを選び、「日程を確認する」を押すと、予約される日程がすべて表示され、日ごとに予約できるかどうか（祝日、休園日、満員、利用可能時間を超えるなど）がわかります。よければ「予約に進む」を押します。',
                figures: [fig('guardian-7-preview', '予約される日程')],
              },
              { text: '予約時の注意事項を確認し、「了承して先に進む」を押します。' },
              {
                text: '「お迎えに来られる方」を選択し、施設へのコメント（任意）を入力して「確認画面に進む」を押します。',
                figures: [fig('guardian-7-pickup', 'お迎えに来られる方')],
              },
              {
                text: '内容と同意事項を確認・チェックし、「予約内容を送信する」を押します。予約できた日が「仮予約」として表示されます。',
                figures: [fig('guardian-7-confirm', '予約内容の確認'), fig('guardian-7-provisional', '仮予約の受付')],
              },
            ],
            notes: [
              '1か月に利用できる時間（利用可能時間）は、お住まいの市区町村が決めています。使わなかった時間は翌月に繰り越せません。',
              '「お迎えに来られる方」は、利用者情報管理の「お迎え予定者」タブで先に登録してください。',
              '予約できない日は、送信しても予約されません。',
            ],
          },
          {
            heading: '予約一覧・キャンセル',
            items: [
              {
                text: 'サイトメニューの「予約一覧」を押すと、お子さまの予約と状況（仮予約・予約確定など）、今月の利用可能時間の残りが表示されます。',
                figures: [fig('guardian-7-list', '予約一覧')],
              },
              {
                text: 'キャンセルする予約の「キャンセルする」を押します。キャンセルで利用時間が戻るかどうかが表示されるので、確認して「キャンセルする」を押します。',
                figures: [fig('guardian-7-cancel', '予約のキャンセル'), fig('guardian-7-cancelled', 'キャンセルしました')],
              },
            ],
            notes: ['キャンセル期限（多くの施設は利用日の0:00）を過ぎてからのキャンセルは当日キャンセルとなり、利用時間が消費されます。'],
          },
        ],
      },
      {
        title: '施設の利用',
        parts: [
          {
            items: [
              {
                text: '登園時、施設職員が提示するQRコードをスマートフォンのカメラで読み取ります。開いた画面で、お子さまの「利用開始を登録する」を押します（ログインしていないときは、ログインのあとにこの画面が開きます）。',
                figures: [fig('guardian-8-check-in', '利用開始・利用終了の登録'), fig('guardian-8-checked-in', '利用開始を登録しました')],
              },
              { text: '利用中は、マイページのお子さまの欄に「利用中」と表示されます。退園時も同様にQRコードを読み取って、「利用終了を登録する」を押します。' },
              {
                text: 'マイページの「QRコードを読み取る（登園・退園）」からも読み取れます。カメラを使えないときは、QRコードの下に表示されている6桁の数字を入力します。',
                figures: [fig('guardian-8-scan', 'QRコードを読み取る画面')],
              },
              { text: '利用料は、施設が指定する方法で直接お支払いください。' },
            ],
            notes: [
              'キャンセルやお迎え時間の変更がある場合は必ずご連絡ください。当日キャンセルは利用時間枠が消費されます。',
              'お迎えが30分以上遅れた場合、1時間分の追加料金が発生します（以降1時間ごと）。',
            ],
          },
          {
            heading: '利用実績と利用料の減免',
            items: [
              {
                text: 'マイページの「利用実績を見る」で、月ごとに、利用した日時、利用時間、使った利用可能時間、利用料を確かめられます。下の「法定代理受領のお知らせ」には、施設がご家庭に代わって市区町村から受け取る給付費が表示されます。',
                figures: [fig('guardian-8-usage', '利用実績と法定代理受領のお知らせ')],
              },
              {
                text: '生活保護・市町村民税非課税などの世帯は、マイページの「利用料減免の申請」から、区分と、それがわかる書類（写真またはPDF）を送ると、市区町村が認定した日からの利用料が減額されます。',
                figures: [fig('guardian-8-reduction', '利用料減免の申請')],
              },
            ],
            notes: ['非課税・所得割の減免は8月31日で終わります。9月からも受けるには、毎年もう一度申請してください（9月にメールでお知らせします）。'],
          },
        ],
      },
      {
        title: 'システム操作に関するお問い合わせ',
        lead: 'システム操作の詳細は、この「利用マニュアル」をご確認ください。解決が難しい場合は、フォームからもお問い合わせいただけます。',
        parts: [
          {
            items: [
              {
                text: 'どの画面でも、画面下の「お客さまサポート」を押します。「利用マニュアル」と「お問い合わせ」が表示されます。',
                figures: [fig('guardian-9-support', 'お客さまサポート')],
              },
              {
                text: '「お問い合わせフォームへ」を押し、お問い合わせの種類と内容、お名前、メールアドレスを入力して「確認画面へ進む」を押します。',
                figures: [fig('guardian-9-inquiry', 'お問い合わせの入力')],
              },
              {
                text: '内容を確認して「送信する」を押すと、お問い合わせ番号が表示されます。',
                figures: [fig('guardian-9-check', 'お問い合わせ内容の確認'), fig('guardian-9-done', 'お問い合わせ番号の表示')],
              },
            ],
            notes: [
              'ログインしていると、メールアドレスとお名前があらかじめ入力され、お問い合わせはお住まいの市区町村に届きます。ログインしていない場合は、はじめに都道府県と市区町村を選びます。',
              '回答は、入力したメールアドレスに届きます。パスワードはお問い合わせに書かないでください。',
            ],
          },
        ],
      },
    ],
    facility: {
      title: '施設の職員の方',
      lead: '施設の職員のログインIDは、市区町村の職員が発行します。届いたメールの案内に沿ってパスワードを登録し、ログインしてください。ログインすると「施設の業務」画面が表示されます。',
      parts: [
        {
          heading: '施設の業務メニュー',
          items: [
            {
              text: '「施設の業務」画面には、予約受付・日別の予約・お迎え時間の変更・電話予約・初回面談の結果・予約のあるお子さま・予約の設定が並びます。確定待ちの予約や回答待ちの申請があると、件数が表示されます。',
              figures: [fig('facility-home', '施設の業務')],
            },
          ],
        },
        {
          heading: '予約のあるお子さまの情報',
          items: [
            {
              text: '「予約のあるお子さま」を押すと、この施設に予約のあるお子さまが表示されます。',
              figures: [fig('facility-children', '予約のあるお子さま')],
            },
            {
              text: 'お子さまの名前を押すと、緊急連絡先・食事・アレルギー情報・健康情報・お迎え予定者を確認できます。',
              figures: [fig('facility-child', 'お子さまの情報')],
            },
          ],
          notes: ['アレルギーや健康の情報は要配慮個人情報です。閲覧はすべて記録されます。'],
        },
        {
          heading: '予約の確認・確定',
          items: [
            {
              text: '保護者が送信した初回面談・定期利用・柔軟利用の予約は「仮予約」として「予約受付」に届きます。',
              figures: [fig('facility-inbox', '予約受付')],
            },
            {
              text: '「内容を見て確定・辞退する」を押し、内容を確かめて「確定する」を押すと、保護者に「予約確定のお知らせ」メールが届きます。お受けできない場合は、理由を入力して「辞退する」を押します。',
              figures: [fig('facility-booking', '予約の内容')],
            },
          ],
          notes: ['電話で受けた予約は「電話予約」から、保護者に代わって登録できます。予約のきまり（定員・利用可能時間など）は同じです。'],
        },
        {
          heading: '初回面談の結果（利用承認）',
          items: [
            {
              text: '初回面談のあと、「初回面談の結果」を開き、お子さまの名前を押します。',
              figures: [fig('facility-interviews', '初回面談の結果の一覧')],
            },
            {
              text: '「利用承認する」か「承認しない」を選び、確認したこと（認定証、お子さまの様子）にチェックを入れて「結果を記録して保護者に知らせる」を押します。利用承認すると、保護者は定期利用・柔軟利用を予約できるようになります。',
              figures: [fig('facility-outcome', '初回面談の結果の記録')],
            },
          ],
          notes: ['利用承認するには、認定証の確認が必要です。承認しない場合は、保護者へ伝える理由を入力してください。'],
        },
        {
          heading: '登園・退園',
          items: [
            {
              text: '登園・退園の時刻に、入口のタブレットなどで「QRコード表示」を開きます。QRコードと6桁の数字は1分ごとに自動で変わります。保護者がスマートフォンで読み取ると、利用開始・利用終了が記録されます。',
              figures: [fig('facility-qr', 'QRコード表示')],
            },
            {
              text: '「本日の利用者」で、予約時間・年齢クラス・アレルギー・エピペン・お迎えの方と、予定／利用中／終了／未登園／お迎え遅れの状況を確認します。「印刷用の表示」でお部屋に掲示できます。',
              figures: [fig('facility-roster', '本日の利用者')],
            },
            {
              text: 'スマートフォンを持っていない場合や読み取りを忘れた場合は、お子さまの名前から記録の画面を開き、職員が時刻と理由を入力して記録します。欠席・当日キャンセルもここで記録します。誰がいつ何を直したかは「修正の履歴」に残ります。',
              figures: [fig('facility-attendance-record', '登園・退園の記録')],
            },
          ],
          notes: ['お迎えが30分以上遅れた場合、1時間分の追加料金が発生します（以降1時間ごと）。当日キャンセルは利用時間枠が消費されます。'],
        },
        {
          heading: '給付費の請求',
          items: [
            {
              text: '月が終わったら、「施設の業務」の「給付費の請求」を開きます。先月の請求が、お子さまのお住まいの市区町村ごとに表示されます。',
            },
            {
              text: '請求先の市区町村名を押すと、お子さまと利用ごとの明細（利用日、その日の年齢クラス、利用時間、単価、金額）が表示されます。時刻の誤りは「出欠を修正」から理由を添えて直します。内容を確かめて「提出する」を押します。',
              figures: [fig('facility-claim', '給付費の請求')],
            },
          ],
          notes: ['当日キャンセルと欠席は、予約した時間で請求します。', '市区町村から差し戻されたときは、コメントを確かめて直し、「再提出する」を押します。', '障害児・医療的ケア児・要支援の加算は、お子さまごとに「加算を保存」で付けます。'],
        },
      ],
    },
    municipality: {
      title: '市区町村の職員の方',
      lead: 'ログインすると「市区町村の業務」画面が表示されます。ここから利用申請の審査とお問い合わせを開きます。',
      parts: [
        {
          heading: '利用申請の審査',
          items: [
            { text: '「市区町村の業務」の「審査待ちの申請を見る」を押します。', figures: [fig('municipality-home', '市区町村の業務')] },
            { text: '受付番号を押して申請を開きます。', figures: [fig('municipality-queue', '利用申請の審査（審査待ち）')] },
            {
              text: '内容を確認し、「承認してアカウントを発行する」を押します。お子さまごとに認定番号が発行され、保護者に「アカウント発行のお知らせ」が届きます。認定できない場合は理由を入力して「却下する」を押します。',
              figures: [fig('municipality-application', '利用申請の詳細')],
            },
          ],
        },
        {
          heading: '施設の管理',
          items: [
            { text: 'サイトメニューの「施設の管理」から、施設の登録・編集ができます。', figures: [fig('municipality-facilities', '施設の管理')] },
            { text: '施設の詳細画面で、施設の職員のログインIDを発行します。職員にはパスワード登録の案内メールが届きます。', figures: [fig('municipality-staff-login', 'ログインIDの発行')] },
          ],
        },
        {
          heading: 'お問い合わせへの回答',
          items: [
            {
              text: '「市区町村の業務」の「お問い合わせを見る」を押します。はじめは「未対応」のお問い合わせが、古い順に表示されます。',
              figures: [fig('municipality-inquiries', 'お問い合わせの一覧')],
            },
            {
              text: 'お問い合わせ番号を押して内容を確認し、回答を入力して「回答をメールで送る」を押します。回答が終わったら「対応済みにする」を押します。',
              figures: [fig('municipality-inquiry', 'お問い合わせの詳細')],
            },
          ],
          notes: ['お問い合わせは、市区町村のサポート用メールアドレスに届きます。設定されていない場合は、市区町村の職員のログインIDのメールアドレスに届きます。', '回答した職員と日時は記録されます。'],
        },
        {
          heading: '施設の認可・確認',
          items: [
            {
              text: '施設の詳細画面の「認可・確認」で「変更を記録する」を押し、効力をもつ日、事業類型、認可日、確認日を入力して「記録する」を押します。認可と確認の両方がある日だけ、施設は予約枠を公開できます。',
              figures: [fig('municipality-designation', '認可・確認の変更を記録')],
            },
          ],
          notes: ['確認の終了日を入れると、その日より後の予約枠は取り下げられます。予約がある場合は確認画面で一覧を確かめてから記録し、ご家庭にはメールで知らせます。', '過去の記録は消えずに履歴として残ります。'],
        },
        {
          heading: '認定者の管理',
          items: [
            {
              text: 'サイトメニューの「認定者の管理」で、氏名・フリガナ・認定番号からお子さまを探して開きます。',
            },
            {
              text: '氏名が変わったときや認定の期間を延ばすときは、「認定の内容を変更する」で変更する月と内容、理由を入力し、「変更を登録する」を押します。変更は選んだ月の1日から適用され、保護者にメールで知らせます。',
              figures: [fig('municipality-certification-change', '認定の内容を変更する')],
            },
            {
              text: '保育所への入園や転出のときは、「認定を終了する」で理由と最後の日を入力します。確認画面に、取り消される予約が表示されます。',
            },
          ],
          notes: ['適用を待っている変更は、「この変更を取り消す」で取り消せます。', '氏名は入力したとおりに記録します（異体字もそのまま）。'],
        },
        {
          heading: '市区町村の設定',
          items: [
            {
              text: 'サイトメニューの「設定」で適用開始月を選び、利用可能時間、市区町村独自の時間、施設の利用ルール、お迎えの遅れの数え方、キャンセル期限、お問い合わせの送り先を入力して「この内容で変更を登録する」を押します。',
              figures: [fig('municipality-settings', '市区町村の設定')],
            },
          ],
          notes: ['設定は選んだ月の1日から適用されます。それまでの月は、それまでの設定のままです。'],
        },
        {
          heading: '給付費の請求の審査',
          items: [
            {
              text: 'サイトメニューの「給付費の請求」で、施設から提出された請求を開きます。明細を1行ずつ確かめ、「承認する」を押します。直してほしいところがあれば、コメントを入力して「差し戻す」を押します。',
              figures: [fig('municipality-claim', '給付費の請求の審査')],
            },
            { text: '支払ったら「支払を記録する」で支払日と金額を記録します。' },
          ],
          notes: ['誰がいつ何をしたかは「履歴」に残ります。', '月を選ぶと、請求と支払のCSV（Excelで開けるUTF-8、またはShift_JIS）をダウンロードできます。'],
        },
        {
          heading: '利用料減免の申請',
          items: [
            {
              text: 'サイトメニューの「市区町村の業務」から「利用料減免」を開くと、審査待ちの申請が表示されます。お子さまの名前を押し、書類をダウンロードして確かめます。',
              figures: [fig('municipality-reduction', '利用料減免の申請')],
            },
            { text: '「適用開始日」を入力して「認定する」を押すと、その日からの利用料が減額されます。認定できないときは、理由を入力して「却下する」を押します。どちらも保護者にメールで知らせます。' },
          ],
          notes: ['書類は要配慮個人情報です。ダウンロードはすべて記録されます。', '非課税・所得割の減免は8月31日で終わり、9月に保護者へ再申請のお知らせが届きます。'],
        },
      ],
    },
  },
  en: {
    roleTitles: { guardian: 'For guardians', facility: 'For facility staff', municipality: 'For municipality staff' },
    roleLeads: {
      guardian: 'Nine steps: from applying and logging in to entering your details, booking and using a facility, and asking for help.',
      facility: 'The facility work menu, confirming bookings, first interview outcomes (approval for use), the details of children booked here, check-in and check-out, and the monthly claim.',
      municipality: 'Reviewing applications, facilities and their licence and confirmation, certified children, answering inquiries, the municipality settings, benefit claims and fee reduction applications.',
    },
    guardianSteps: [
      {
        title: 'Applying for the first time',
        lead: 'Apply to the municipality where you live.',
        parts: [
          {
            items: [
              { text: 'Open the Tsuen start page and press "Start by applying!".', figures: [fig('guardian-1-start', 'The start page')] },
              { text: 'Choose your prefecture and municipality, then press "Confirm".', figures: [fig('guardian-1-municipality', 'Choosing the municipality')] },
              {
                text: 'Enter your e-mail address and press "Send the application link". Open the link in the mail you receive.',
                figures: [fig('guardian-1-email', 'Your e-mail address'), fig('guardian-1-link-mail', 'The application link mail')],
              },
              { text: "Enter your own and your children's details and press \"Continue to check your answers\".", figures: [fig('guardian-1-form', 'The application form')] },
              {
                text: 'Check your answers and press "Submit application". A reference number is shown and the municipality reviews the application.',
                figures: [fig('guardian-1-check', 'Check your answers'), fig('guardian-1-complete', 'Application received')],
              },
            ],
            notes: ['The application link is valid for 24 hours. If it has expired, enter your address again.', 'If something is wrong, the reason is shown at the top and beside the field. Nothing you typed is lost.'],
          },
        ],
      },
      {
        title: 'Your account and password',
        parts: [
          {
            items: [
              { text: 'When the review is done, an "account issued" mail reaches your address.', figures: [fig('guardian-2-issued-mail', 'The "account issued" mail')] },
              { text: 'Open the password reset request page from the mail, enter your address and press "Send mail".', figures: [fig('guardian-2-reset-request', 'Password reset request')] },
              { text: 'A password reset mail arrives; open its link.' },
              { text: 'Enter a new password twice and press "Set the password".', figures: [fig('guardian-2-reset-form', 'Password reset'), fig('guardian-2-reset-done', 'Password set')] },
            ],
            notes: ['Use 10 or more characters with at least 3 of: upper case, lower case, digits, symbols.'],
          },
        ],
      },
      {
        title: 'Logging in',
        parts: [
          {
            items: [
              { text: 'On the login page, enter your login ID (your e-mail address) and password and press "Log in".', figures: [fig('guardian-3-login', 'The login page')] },
              { text: 'Enter the one-time password (6 digits) mailed to you and press "Log in".', figures: [fig('guardian-3-otp', 'The one-time password')] },
              {
                text: 'If the terms and privacy policy are shown, tick the box and press "Agree". My page opens.',
                figures: [fig('guardian-3-terms', 'Terms and privacy policy'), fig('guardian-3-mypage', 'My page')],
              },
            ],
            notes: ['Bookmark the login page to find it again easily.'],
          },
        ],
      },
      {
        title: "Your and your children's details",
        parts: [
          {
            heading: '(1) Your details',
            items: [
              { text: 'After logging in, press "Manage your details" on My page.', figures: [fig('guardian-4-profile', 'Manage your details')] },
              { text: 'Press your name to see your registered details.', figures: [fig('guardian-4-guardian', 'Your details')] },
              {
                text: 'To change them, press "Edit" at the bottom, enter the details and press "Confirm". Press "OK" on the check screen to finish.',
                figures: [fig('guardian-4-guardian-edit', 'Editing your details'), fig('guardian-4-guardian-confirm', 'Checking your details')],
              },
            ],
            notes: [
              "Registration cannot be completed until each child's emergency contact is entered. Follow the link shown to enter it.",
              'If you do not need 2-step verification at login, you can turn it off under "Change 2-step verification". It asks for a one-time password besides your ID and password, to stop others from logging in.',
            ],
          },
          {
            items: [
              { text: 'What you see while an emergency contact is missing.', figures: [fig('guardian-4-blocked', 'Registration cannot be completed')] },
              { text: 'The 2-step verification setting: choose "Off", enter your current password and press the button.', figures: [fig('guardian-4-two-factor', '2-step verification')] },
            ],
          },
          {
            heading: "(2) Your children's details",
            items: [
              { text: 'Press "Manage your details" on My page.' },
              { text: "Press your child's name and check the basic information tab.", figures: [fig('guardian-4-child-basic', 'The basic information tab')] },
              {
                text: 'On each tab, such as meals and allergies, press "Edit", enter the details and press "Confirm", then "OK".',
                figures: [fig('guardian-4-meals-edit', 'Editing meals and allergies'), fig('guardian-4-meals-confirm', 'Checking meals and allergies')],
              },
            ],
          },
        ],
      },
      {
        title: 'Finding a facility',
        parts: [
          {
            items: [
              { text: 'Press "Find a facility" in the site menu.', figures: [fig('guardian-5-hub', 'Find a facility')] },
              {
                text: 'Choose how to search: near you, by prefecture, from your favourites, or from interviews and visits.',
                figures: [fig('guardian-5-nearby', 'Near you'), fig('guardian-5-area', 'By prefecture'), fig('guardian-5-history', 'From interviews and visits')],
              },
              { text: "Press a facility's name to see its details.", figures: [fig('guardian-5-detail', 'Facility details')] },
            ],
            notes: ['In Ojiya only the facility named in the application may be used.', 'Searching near you asks for your location. Without it, choose a starting point instead.'],
          },
        ],
      },
      {
        title: 'First interview',
        lead: 'A first interview is needed before a child first uses a facility.',
        parts: [
          {
            items: [
              { text: 'Find the facility, press its name and open the booking tab of its details page.', figures: [fig('guardian-6-reserve-tab', 'The booking tab (STEP 1)')] },
              {
                text: 'In STEP 1, choose the child and press "Apply". STEP 2 appears; a kind of booking that cannot be chosen says why.',
                figures: [fig('guardian-6-kinds', 'STEP 2: the kind of booking')],
              },
              {
                text: 'In STEP 2, press "First interview". A month calendar shows the slots you can book and the places left for your child\'s age class. "Next month" turns the page.',
                figures: [fig('guardian-6-calendar', 'The calendar of slots')],
              },
              { text: 'Press a slot on the day you want, choose the start and end times and press "Apply".', figures: [fig('guardian-6-time', 'Choosing the time')] },
              { text: 'Read the booking notes and press "Accept and continue".', figures: [fig('guardian-6-notes', 'Booking notes')] },
              { text: 'Optionally write a comment for the facility and press "Continue to check".', figures: [fig('guardian-6-comment', 'A comment for the facility')] },
              {
                text: 'Check the booking, tick the agreements and press "Send the booking". To correct something, press "Change" beside it.',
                figures: [fig('guardian-6-confirm', 'Checking the booking')],
              },
              {
                text: 'The provisional booking is shown and a mail confirms it was received. When the facility confirms it, a confirmation mail arrives.',
                figures: [fig('guardian-6-provisional', 'Provisional booking received'), fig('guardian-6-confirmed-mail', 'The confirmation mail')],
              },
            ],
            notes: [
              'The booking is provisional until the facility confirms it; then a confirmation mail arrives.',
              "If no slot suits you, contact the facility directly: its phone number and hours are shown below the calendar.",
              'A first interview does not use the monthly allowance.',
            ],
          },
        ],
      },
      {
        title: 'Booking regular use',
        lead: 'After the first interview, when the facility approves your child for use, an approval mail arrives and you can book regular and flexible use.',
        parts: [
          {
            items: [
              {
                text: 'After the interview, find the facility under "From interviews and visits", open its details and the booking tab.',
                figures: [fig('guardian-7-history', 'From interviews and visits')],
              },
              { text: 'In STEP 1, choose the child and press "Apply".' },
              { text: 'In STEP 2, choose "Regular use".', figures: [fig('guardian-7-kinds', 'Choosing regular use')] },
              {
                text: 'Press the slot of the first day in the calendar. Choose the times, weekly or every other week, and the end of the period, and press "Check the dates": every date is listed with whether it can be booked (holiday, closed, full, over the allowance…). Then press "Continue to booking".',
                figures: [fig('guardian-7-preview', 'The dates to be booked')],
              },
              { text: 'Read the booking notes and press "Accept and continue".' },
              { text: 'Choose who will pick the child up, optionally write a comment and press "Continue to check".', figures: [fig('guardian-7-pickup', 'Who picks the child up')] },
              {
                text: 'Check the booking, tick the agreements and press "Send the booking". The dates booked are shown as provisional.',
                figures: [fig('guardian-7-confirm', 'Checking the booking'), fig('guardian-7-provisional', 'Provisional bookings received')],
              },
            ],
            notes: [
              'Your municipality sets the hours a child may use each month. Unused hours do not carry over.',
              'Register the people who may pick your child up first, under "Manage your details".',
              'Dates that cannot be booked are not booked when you send.',
            ],
          },
          {
            heading: 'My bookings and cancelling',
            items: [
              {
                text: 'Press "My bookings" in the site menu to see each booking and its status (provisional, confirmed…) and the hours left this month.',
                figures: [fig('guardian-7-list', 'My bookings')],
              },
              {
                text: 'Press "Cancel" on a booking. The page says whether the hours will be given back; check it and press "Cancel".',
                figures: [fig('guardian-7-cancel', 'Cancelling a booking'), fig('guardian-7-cancelled', 'Cancelled')],
              },
            ],
            notes: ['A cancellation after the deadline (at most facilities 0:00 on the day) counts as a same-day cancellation and uses up the hours.'],
          },
        ],
      },
      {
        title: 'Using the facility',
        parts: [
          {
            items: [
              {
                text: 'At drop-off, scan the QR code shown by the staff with your phone’s camera. On the page it opens, press your child’s "Record the start of use" (if you are not logged in, the page opens after login).',
                figures: [fig('guardian-8-check-in', 'Recording the start or end of use'), fig('guardian-8-checked-in', 'The start recorded')],
              },
              { text: 'While your child is there, My page shows "At the facility" beside the child. At pick-up, scan the code again and press "Record the end of use".' },
              {
                text: 'You can also scan from "Scan the QR code" on My page. Without a camera, type the six digits shown under the QR code.',
                figures: [fig('guardian-8-scan', 'The scanner page')],
              },
              { text: 'Pay the fee at the facility, in the way the facility asks.' },
            ],
            notes: [
              'Always tell the facility about cancellations and changes of pick-up time. A same-day cancellation still uses up the hours.',
              'Picking up 30 minutes or more late adds one hour’s fee, and one more for each further hour.',
            ],
          },
          {
            heading: 'Usage records and fee reductions',
            items: [
              {
                text: '"See usage history" on My page shows, month by month, each use with its times, the hours used, the allowance used and the fee. Below it, the benefit the facility receives from the municipality on your behalf (法定代理受領).',
                figures: [fig('guardian-8-usage', 'Usage and the benefit received on your behalf')],
              },
              {
                text: 'Households on public assistance, exempt from municipal tax and others pay less: under "Apply for a fee reduction" on My page, choose the category and send a document showing it (a photo or a PDF). The fee is reduced from the date the municipality approves.',
                figures: [fig('guardian-8-reduction', 'Applying for a fee reduction')],
              },
            ],
            notes: ['Tax-based reductions end on 31 August. To keep them from September, apply again every year (you are reminded by mail in September).'],
          },
        ],
      },
      {
        title: 'Asking about the system',
        lead: 'This manual explains the system in detail. If it does not help, send an inquiry through the form.',
        parts: [
          {
            items: [
              { text: 'On any page, press "Customer support" at the bottom. The manual and the inquiry form are there.', figures: [fig('guardian-9-support', 'Customer support')] },
              { text: 'Press "Go to the inquiry form", choose a topic, write your inquiry, name and e-mail address and press "Continue to check".', figures: [fig('guardian-9-inquiry', 'The inquiry form')] },
              { text: 'Check it and press "Send". An inquiry number is shown.', figures: [fig('guardian-9-check', 'Checking the inquiry'), fig('guardian-9-done', 'The inquiry number')] },
            ],
            notes: [
              'Logged in, your name and address are filled in and the inquiry goes to your municipality. Otherwise, first choose your prefecture and municipality.',
              'The answer is mailed to the address you give. Never write your password in an inquiry.',
            ],
          },
        ],
      },
    ],
    facility: {
      title: 'For facility staff',
      lead: 'Your municipality issues your login. Set your password as the mail explains, then log in: the facility work page opens.',
      parts: [
        {
          heading: 'The facility work menu',
          items: [
            {
              text: 'The facility work page lists the booking inbox, bookings by day, pick-up time changes, booking by phone, first interview outcomes, the children booked here and the booking settings, with how many bookings and requests are waiting.',
              figures: [fig('facility-home', 'Facility work')],
            },
          ],
        },
        {
          heading: 'Children booked at your facility',
          items: [
            { text: 'Press "Children booked here" to list the children booked at your facility.', figures: [fig('facility-children', 'Children booked here')] },
            { text: "Press a child's name to read the emergency contacts, meals and allergies, health and pick-up people.", figures: [fig('facility-child', "A child's details")] },
          ],
          notes: ['Allergies and health are sensitive personal information. Every view is recorded.'],
        },
        {
          heading: 'Confirming bookings',
          items: [
            { text: 'Bookings families send (first interviews, regular and flexible use) arrive as provisional in the "Booking inbox".', figures: [fig('facility-inbox', 'Booking inbox')] },
            {
              text: 'Press "Open to confirm or decline", check it and press "Confirm": the family receives a confirmation mail. If you cannot take it, write a reason and press "Decline".',
              figures: [fig('facility-booking', 'A booking')],
            },
          ],
          notes: ['Bookings taken by phone are entered under "Booking by phone", under the same rules (places, allowance and so on).'],
        },
        {
          heading: 'First interview outcomes (approval for use)',
          items: [
            { text: 'After a first interview, open "First interview outcomes" and press the child\'s name.', figures: [fig('facility-interviews', 'First interview outcomes')] },
            {
              text: 'Choose approve or not, tick what you checked (the certification, the child\'s condition) and press "Record and tell the guardian". Once approved, the family can book regular and flexible use.',
              figures: [fig('facility-outcome', 'Recording the outcome')],
            },
          ],
          notes: ['Approval needs the certification checked. If you do not approve, write the reason for the family.'],
        },
        {
          heading: 'Check-in and check-out',
          items: [
            {
              text: 'Open "Show the QR code" on a tablet at the entrance. The code and its six digits change every minute by themselves. Guardians scan it with their phones to record the start and end of a visit.',
              figures: [fig('facility-qr', 'Show the QR code')],
            },
            {
              text: '"Today’s children" shows booked times, age class, allergies, EpiPen, who picks up, and whether each child is expected, in, gone, not arrived or picked up late. Its print view is for the room’s wall.',
              figures: [fig('facility-roster', 'Today’s children')],
            },
            {
              text: 'For a family without a phone, or a forgotten scan, open the child’s record and enter the time with a reason; absences and same-day cancellations are recorded there too. Every correction is kept with who made it, when and why.',
              figures: [fig('facility-attendance-record', 'Arrival and pick-up record')],
            },
          ],
          notes: ['Picking up 30 minutes or more late adds one hour’s fee, and one more for each further hour. A same-day cancellation still uses up the hours.'],
        },
        {
          heading: 'The monthly claim',
          items: [
            { text: 'After each month, open "Monthly claims" from the facility work page. Last month\'s claims are listed, one per home municipality of the children.' },
            {
              text: 'Press the municipality to see the lines per child and use (date, age class on that day, time, unit price, amount). Correct a wrong time with "Correct attendance", giving a reason. Check it and press "Submit".',
              figures: [fig('facility-claim', 'A claim')],
            },
          ],
          notes: ['Same-day cancellations and no-shows are claimed for the booked time.', 'If the municipality returns a claim, read its comment, correct what it asks and press "Resubmit".', 'Mark add-ons (disability, medical care, support needed) per child with "Save add-ons".'],
        },
      ],
    },
    municipality: {
      title: 'For municipality staff',
      lead: 'After logging in, the municipality work page opens. Applications and inquiries start from there.',
      parts: [
        {
          heading: 'Reviewing applications',
          items: [
            { text: 'Press "See applications waiting for review".', figures: [fig('municipality-home', 'Municipality work')] },
            { text: 'Press a reference number to open the application.', figures: [fig('municipality-queue', 'Applications waiting for review')] },
            {
              text: 'Check it and press "Approve and issue the account": each child gets a certification number and the family an "account issued" mail. Otherwise write a reason and press "Reject".',
              figures: [fig('municipality-application', 'An application')],
            },
          ],
        },
        {
          heading: 'Managing facilities',
          items: [
            { text: 'Register and edit facilities under "Facilities" in the site menu.', figures: [fig('municipality-facilities', 'Facilities')] },
            { text: "Issue a login for a facility's staff on its detail page; they are mailed how to set a password.", figures: [fig('municipality-staff-login', 'Issuing a login')] },
          ],
        },
        {
          heading: 'Answering inquiries',
          items: [
            { text: 'Press "See the inquiries". Open inquiries are listed first, the oldest at the top.', figures: [fig('municipality-inquiries', 'The inquiries')] },
            {
              text: 'Press an inquiry number, write your reply and press "Send the reply by e-mail". When you are done, press "Mark as answered".',
              figures: [fig('municipality-inquiry', 'An inquiry')],
            },
          ],
          notes: ["Inquiries are mailed to the municipality's support address or, without one, to its staff logins.", 'Who replied, and when, is recorded.'],
        },
        {
          heading: 'Licence and confirmation of a facility',
          items: [
            {
              text: 'On the facility\'s page, under "Licence and confirmation", press "Record a change", enter the date it applies from, the business type and the dates of licence and confirmation, and press "Record". A facility may publish slots only on days with both.',
              figures: [fig('municipality-designation', 'Recording a change of licence and confirmation')],
            },
          ],
          notes: ['With an end of the confirmation, slots after it are withdrawn; bookings are listed for you to confirm first, and the families are mailed.', 'Earlier records stay in the history.'],
        },
        {
          heading: 'Certified children',
          items: [
            { text: 'Under "Certified children" in the site menu, find a child by name, reading or certification number and open it.' },
            {
              text: 'When the name changes or the certification is extended, enter the month, the change and the reason under "Change the certification" and press "Record the change". It applies from the first day of that month, and the guardian is mailed.',
              figures: [fig('municipality-certification-change', 'Changing a certification')],
            },
            { text: 'When the child enrols in a nursery or moves away, enter the reason and the last day under "End the certification". The bookings it cancels are shown first.' },
          ],
          notes: ['A change waiting to apply can be withdrawn.', 'Names are recorded exactly as typed, variant characters included.'],
        },
        {
          heading: 'Municipality settings',
          items: [
            {
              text: 'Under "Settings", choose the month a change applies from, enter the allowance, your own hours, the facility rule, how late pick-ups count, the cancellation deadline and the address for inquiries, and press "Record this change".',
              figures: [fig('municipality-settings', 'Municipality settings')],
            },
          ],
          notes: ['Settings apply from the first day of the chosen month; earlier months keep the settings they had.'],
        },
        {
          heading: 'Reviewing benefit claims',
          items: [
            {
              text: 'Open a claim a facility submitted under "Claims" in the site menu. Check it line by line and press "Approve", or write a comment and press "Return".',
              figures: [fig('municipality-claim', 'Reviewing a claim')],
            },
            { text: 'Once paid, record the payment date and amount with "Record payment".' },
          ],
          notes: ['Who did what, and when, is kept in the history.', 'With a month chosen, download the CSV of claims and payments (UTF-8 for Excel, or Shift_JIS).'],
        },
        {
          heading: 'Fee reduction applications',
          items: [
            {
              text: 'Open "Fee reductions" from the municipality work page: applications waiting are listed. Press the child\'s name and download the documents to check them.',
              figures: [fig('municipality-reduction', 'A fee reduction application')],
            },
            { text: 'Enter the date it applies from and press "Approve": fees of uses from that day are reduced. Otherwise write a reason and press "Refuse". The family is mailed either way.' },
          ],
          notes: ['The documents are sensitive personal information; every download is recorded.', 'Tax-based reductions end on 31 August; families are reminded to apply again in September.'],
        },
      ],
    },
  },
});

export { manualTexts };

/** The guardian's page for a step (1–9), or undefined. */
export function guardianStep(lang: Lang, step: number): ManualPage | undefined {
  return Number.isInteger(step) && step >= 1 && step <= GUARDIAN_STEPS.length ? manualTexts(lang).guardianSteps[step - 1] : undefined;
}
