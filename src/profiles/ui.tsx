// Small pieces the profile screens share. They use only the classes of public/styles.css.
import type { Lang } from '../platform/i18n.ts';
import { CsrfField, fieldId } from '../platform/ui/forms.tsx';
import { defineTexts } from '../platform/i18n.ts';

const texts = defineTexts({
  ja: { required: '※必須', optional: '※任意', errorPrefix: 'エラー：' },
  en: { required: 'Required', optional: 'Optional', errorPrefix: 'Error: ' },
});

/** Tabs that are plain links to pages of their own: they work without JavaScript. */
export function Tabs(props: { label: string; tabs: Array<{ href: string; label: string; current: boolean }> }) {
  return (
    <nav aria-label={props.label} class="tabs">
      <ul>
        {props.tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current ? 'page' : undefined} safe>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A value to show: one line, or several (free text keeps its line breaks). */
export type DetailValue = string | string[];

/** Read-only rows, like the check-your-answers list, with multi-line values. */
export function DetailList({ rows }: { rows: Array<{ key: string; value: DetailValue }> }) {
  return (
    <dl class="summary">
      {rows.map((r) => {
        const lines = typeof r.value === 'string' ? r.value.split('\n') : r.value;
        return (
          <div>
            <dt safe>{r.key}</dt>
            <dd>
              {lines.map((line, i) => (
                <>
                  {i > 0 ? <br /> : ''}
                  <span safe>{line}</span>
                </>
              ))}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The answers carried from the form through the confirmation screen, unchanged. */
export function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

interface GroupProps {
  name: string;
  legend: string;
  lang: Lang;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
}

function GroupHead(props: GroupProps) {
  const t = texts(props.lang);
  return (
    <>
      <legend>
        <span safe>{props.legend}</span>
        {props.required ? <span class="required" safe>{t.required}</span> : <span class="optional" safe>{t.optional}</span>}
      </legend>
      {props.hint ? (
        <span class="hint" id={`${fieldId(props.name)}-hint`} safe>
          {props.hint}
        </span>
      ) : (
        ''
      )}
      {props.error ? (
        <span class="error-message" id={`${fieldId(props.name)}-error`}>
          <span class="visually-hidden" safe>{t.errorPrefix}</span>
          <span safe>{props.error}</span>
        </span>
      ) : (
        ''
      )}
    </>
  );
}

function describedBy(props: GroupProps): string | undefined {
  const ids = [props.hint ? `${fieldId(props.name)}-hint` : '', props.error ? `${fieldId(props.name)}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Many checkboxes under one question, laid out to wrap on a narrow screen. */
export function CheckboxList(props: GroupProps & { options: Array<{ name: string; label: string; checked: boolean }> }) {
  return (
    <fieldset class="field" id={fieldId(props.name)} aria-describedby={describedBy(props)}>
      <GroupHead {...props} />
      <ul class="filters">
        {props.options.map((o) => (
          <li class="checkbox">
            <input type="checkbox" id={fieldId(o.name)} name={o.name} value="yes" checked={o.checked} />
            <label for={fieldId(o.name)} safe>
              {o.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The confirmation screen's form: the answers ride along as hidden fields until OK. */
export function ConfirmForm(props: { action: string; csrfToken: string; fields: Record<string, string>; revision?: number; ok: string; fix: string }) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrfToken} />
      {props.revision === undefined ? '' : <input type="hidden" name="revision" value={String(props.revision)} />}
      <HiddenFields fields={props.fields} />
      <div class="button-row">
        <button type="submit" name="action" value="save" data-size="large" safe>
          {props.ok}
        </button>
        <button type="submit" name="action" value="edit" data-variant="secondary" safe>
          {props.fix}
        </button>
      </div>
    </form>
  );
}
