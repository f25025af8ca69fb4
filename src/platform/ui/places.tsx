import type { PropsWithChildren } from '@kitajs/html';
import { defineTexts, type Lang } from '../i18n.ts';
import { Notice, SelectField, type FieldErrors } from './forms.tsx';

const placeTexts = defineTexts({
  ja: { listShown: '市区町村の一覧を表示しました。続けて市区町村を選んでください。' },
  en: { listShown: 'The municipalities are listed below. Choose yours next.' },
});

/**
 * Prefecture, then municipality, as two plain GET forms (no JavaScript needed): the first lists
 * the prefectures, the second appears once one is chosen. Extra fields (filters) go inside the
 * second form as children. public/places.js fills the second form as soon as a prefecture is
 * chosen (fetching this same page), so the button is only needed without JavaScript.
 */
export function PrefectureThenMunicipality(
  props: PropsWithChildren<{
    lang: Lang;
    prefectureAction: string;
    municipalityAction: string;
    prefectures: Array<{ code: number; name: string; name_en: string }>;
    prefectureCode: string;
    /** undefined until a prefecture is chosen. */
    municipalities: Array<{ value: string; label: string }> | undefined;
    municipalityCode: string;
    errors: FieldErrors;
    texts: { prefecture: string; municipality: string; showMunicipalities: string; noMunicipalities: string; submit: string };
  }>,
) {
  const { lang, errors, texts: t } = props;
  return (
    <>
      <form method="get" action={props.prefectureAction} novalidate data-places-prefecture data-list-shown={placeTexts(lang).listShown}>
        <SelectField
          name="prefecture"
          label={t.prefecture}
          lang={lang}
          required
          value={props.prefectureCode}
          error={errors.prefecture}
          options={props.prefectures.map((p) => ({ value: String(p.code), label: lang === 'ja' ? p.name : p.name_en }))}
        />
        <button type="submit" data-variant={props.municipalities ? 'secondary' : undefined} safe>
          {t.showMunicipalities}
        </button>
      </form>
      <p class="visually-hidden" role="status" data-places-status></p>
      <div data-places-municipalities>
        {props.municipalities === undefined ? (
          ''
        ) : props.municipalities.length === 0 ? (
          <Notice type="warning">
            <p safe>{t.noMunicipalities}</p>
          </Notice>
        ) : (
          <form method="get" action={props.municipalityAction} novalidate class="spaced">
            <input type="hidden" name="prefecture" value={props.prefectureCode} />
            <SelectField
              name="municipality"
              label={t.municipality}
              lang={lang}
              required
              value={props.municipalityCode}
              error={errors.municipality}
              options={props.municipalities}
            />
            {props.children}
            <button type="submit" safe>
              {t.submit}
            </button>
          </form>
        )}
      </div>
      <script type="module" src="/static/places.js"></script>
    </>
  );
}
