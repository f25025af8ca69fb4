import type { PropsWithChildren } from '@kitajs/html';
import { defineTexts, type Lang } from '../i18n.ts';

/** Field name → message, in the order the fields appear on the page. */
export type FieldErrors = Record<string, string>;

const texts = defineTexts({
  ja: {
    summaryTitle: '入力内容に問題があります',
    required: '※必須',
    optional: '※任意',
    errorPrefix: 'エラー：',
    year: '年',
    month: '月',
    day: '日',
    choose: '選択してください',
  },
  en: {
    summaryTitle: 'There is a problem',
    required: 'Required',
    optional: 'Optional',
    errorPrefix: 'Error: ',
    year: 'Year',
    month: 'Month',
    day: 'Day',
    choose: 'Please choose',
  },
});

/** The id an input gets from its name (names may contain dots and brackets). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/**
 * Pressing Enter in a text field submits with the form's first button. Forms with add and
 * remove buttons start with this copy of their main button, so Enter means 確定, never 削除.
 */
export function DefaultSubmit({ value }: { value: string }) {
  return <button type="submit" name="action" value={value} class="visually-hidden" tabindex="-1" aria-hidden="true"></button>;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** GOV.UK-style error summary: focused on load by enhance.js, each message links to its field. */
export function ErrorSummary({ errors, lang }: { errors: FieldErrors; lang: Lang }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return '';
  const t = texts(lang);
  return (
    <div class="notice error-summary" data-type="error" role="alert" tabindex="-1" data-focus-on-load>
      <h2 safe>{t.summaryTitle}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`} safe>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  lang: Lang;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
}

function RequiredMark({ required, lang }: { required: boolean | undefined; lang: Lang }) {
  const t = texts(lang);
  return required ? <span class="required" safe>{t.required}</span> : <span class="optional" safe>{t.optional}</span>;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function HintAndError({ name, hint, error, lang }: { name: string; hint?: string | undefined; error?: string | undefined; lang: Lang }) {
  const t = texts(lang);
  return (
    <>
      {hint ? (
        <span class="hint" id={`${fieldId(name)}-hint`} safe>
          {hint}
        </span>
      ) : (
        ''
      )}
      {error ? (
        <span class="error-message" id={`${fieldId(name)}-error`}>
          <span class="visually-hidden" safe>{t.errorPrefix}</span>
          <span safe>{error}</span>
        </span>
      ) : (
        ''
      )}
    </>
  );
}

/** A group of inputs under one legend (with 必須/任意), its hint and its error message. */
function Fieldset(props: PropsWithChildren<FieldProps>) {
  return (
    <fieldset class="field" aria-describedby={describedBy(props.name, props.hint, props.error)}>
      <legend>
        <span safe>{props.label}</span>
        <RequiredMark required={props.required} lang={props.lang} />
      </legend>
      <HintAndError name={props.name} hint={props.hint} error={props.error} lang={props.lang} />
      {props.children}
    </fieldset>
  );
}

/** The label (with 必須/任意), the hint and the error message, in that order above a field. */
function LabelHintAndError(props: FieldProps) {
  return (
    <>
      <label for={fieldId(props.name)}>
        <span safe>{props.label}</span>
        <RequiredMark required={props.required} lang={props.lang} />
      </label>
      <HintAndError name={props.name} hint={props.hint} error={props.error} lang={props.lang} />
    </>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | undefined;
    type?: 'text' | 'email' | 'password' | 'tel';
    autocomplete?: string;
    inputmode?: 'numeric' | 'tel' | 'email' | 'text';
    width?: 'short' | 'code';
    maxlength?: number;
  },
) {
  return (
    <div class="field">
      <LabelHintAndError {...props} />
      <input
        type={props.type ?? 'text'}
        id={fieldId(props.name)}
        name={props.name}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength?.toString()}
        data-width={props.width}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { value?: string | undefined; maxlength?: number }) {
  return (
    <div class="field">
      <LabelHintAndError {...props} />
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        maxlength={props.maxlength?.toString()}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        safe
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: Array<{ value: string; label: string }> },
) {
  const t = texts(props.lang);
  return (
    <div class="field">
      <LabelHintAndError {...props} />
      <select
        id={fieldId(props.name)}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      >
        <option value="" safe>
          {t.choose}
        </option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A date as three inputs (年/月/日), as the Digital Agency's date picker does without JavaScript. */
export function DateField(
  props: FieldProps & { value?: { year: string; month: string; day: string } | undefined },
) {
  const t = texts(props.lang);
  const v = props.value ?? { year: '', month: '', day: '' };
  const invalid = props.error ? 'true' : undefined;
  return (
    <Fieldset {...props}>
      <div class="date-inputs">
        <label>
          <span safe>{t.year}</span>
          <input id={fieldId(props.name)} name={`${props.name}.year`} value={v.year} inputmode="numeric" maxlength="4" autocomplete="off" aria-invalid={invalid} />
        </label>
        <label>
          <span safe>{t.month}</span>
          <input name={`${props.name}.month`} value={v.month} inputmode="numeric" maxlength="2" autocomplete="off" aria-invalid={invalid} />
        </label>
        <label>
          <span safe>{t.day}</span>
          <input name={`${props.name}.day`} value={v.day} inputmode="numeric" maxlength="2" autocomplete="off" aria-invalid={invalid} />
        </label>
      </div>
    </Fieldset>
  );
}

/**
 * A file input (a form with enctype="multipart/form-data", served by a route group that accepts
 * uploads: platform/uploads.ts). A browser never keeps chosen files when a page is sent back, so
 * `chooseAgain` says so next to the field whenever the form returns with a problem.
 */
export function FileField(props: FieldProps & { accept: string; multiple?: boolean; chooseAgain?: string | undefined }) {
  const ids = [describedBy(props.name, props.hint, props.error), props.chooseAgain ? `${fieldId(props.name)}-again` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <LabelHintAndError {...props} />
      {props.chooseAgain ? (
        <span class="hint" id={`${fieldId(props.name)}-again`} data-qa="choose-again" safe>
          {props.chooseAgain}
        </span>
      ) : (
        ''
      )}
      <input
        type="file"
        id={fieldId(props.name)}
        name={props.name}
        accept={props.accept}
        multiple={props.multiple}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids || undefined}
      />
    </div>
  );
}

/** One choice among a few, each option with an optional hint under its label. */
export function RadioGroup(
  props: FieldProps & { value?: string | undefined; options: Array<{ value: string; label: string; hint?: string }> },
) {
  return (
    <Fieldset {...props}>
      {props.options.map((o, i) => {
        const id = i === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${i}`;
        return (
          <div class="checkbox radio">
            <input type="radio" id={id} name={props.name} value={o.value} checked={o.value === props.value} aria-invalid={props.error ? 'true' : undefined} />
            <label for={id}>
              <span safe>{o.label}</span>
              {o.hint ? (
                <span class="hint" safe>
                  {o.hint}
                </span>
              ) : (
                ''
              )}
            </label>
          </div>
        );
      })}
    </Fieldset>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean; value?: string }) {
  return (
    <div class="field">
      <HintAndError name={props.name} hint={props.hint} error={props.error} lang={props.lang} />
      <div class="checkbox">
        <input
          type="checkbox"
          id={fieldId(props.name)}
          name={props.name}
          value={props.value ?? 'yes'}
          checked={props.checked}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(props.name, props.hint, props.error)}
        />
        <label for={fieldId(props.name)} safe>
          {props.label}
        </label>
      </div>
    </div>
  );
}

/**
 * Several checkboxes under one question. Each box is posted under its own name, `${prefix}.${value}`
 * = yes (the prefix is the group's name unless given), so formBody's flat record keeps them all.
 * The error summary links to the first box.
 */
export function CheckboxGroup(
  props: FieldProps & { options: ReadonlyArray<{ value: string; label: string }>; checked: readonly string[]; prefix?: string },
) {
  const prefix = props.prefix ?? props.name;
  return (
    <Fieldset {...props}>
      <div class="checkbox-row">
        {props.options.map((o, i) => {
          const name = `${prefix}.${o.value}`;
          const id = i === 0 ? fieldId(props.name) : fieldId(name);
          return (
            <div class="checkbox">
              <input type="checkbox" id={id} name={name} value="yes" checked={props.checked.includes(o.value)} aria-invalid={props.error ? 'true' : undefined} />
              <label for={id} safe>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function Notice(props: PropsWithChildren<{ type?: 'info' | 'success' | 'error' | 'warning'; title?: string }>) {
  return (
    <div class="notice" data-type={props.type ?? 'info'} role={props.type === 'success' ? 'status' : undefined}>
      {props.title ? <h2 safe>{props.title}</h2> : ''}
      {props.children}
    </div>
  );
}

/** Why an action was refused (a booking that no longer fits, a day that cannot be closed): read out at once. */
export function Refusal(props: PropsWithChildren<{ title?: string | undefined; qa?: string }>) {
  return (
    <div class="notice" data-type="error" role="alert" data-qa={props.qa}>
      {props.title ? <h2 safe>{props.title}</h2> : ''}
      {props.children}
    </div>
  );
}

/**
 * A calendar date in one native date input (YYYY-MM-DD; a text box where the browser has no
 * picker). `unmarked`: neither 必須 nor 任意, for a date that picks what a page shows (a day view).
 */
export function CalendarDateField(props: FieldProps & { value?: string | undefined; min?: string | undefined; max?: string | undefined; unmarked?: boolean }) {
  return (
    <div class="field">
      {props.unmarked ? (
        <>
          <label for={fieldId(props.name)} safe>
            {props.label}
          </label>
          <HintAndError name={props.name} hint={props.hint} error={props.error} lang={props.lang} />
        </>
      ) : (
        <LabelHintAndError {...props} />
      )}
      <input
        type="date"
        id={fieldId(props.name)}
        name={props.name}
        value={props.value}
        min={props.min}
        max={props.max}
        data-width="date"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      />
    </div>
  );
}

/**
 * What came of the last action, shown at the top of the page it returns to: a success notice,
 * a warning (e.g. "already decided"), either or neither. `qa` names them for tests.
 */
export function ActionMessages({ notice, problem, qa = false }: { notice?: string | undefined; problem?: string | undefined; qa?: boolean }) {
  return (
    <>
      {notice ? (
        <Notice type="success">
          <p data-qa={qa ? 'notice' : undefined} safe>
            {notice}
          </p>
        </Notice>
      ) : (
        ''
      )}
      {problem ? (
        <Notice type="warning">
          <p data-qa={qa ? 'problem' : undefined} safe>
            {problem}
          </p>
        </Notice>
      ) : (
        ''
      )}
    </>
  );
}

/** A value to show: one line, or several (free text keeps its line breaks). */
export type SummaryValue = string | readonly string[];

export interface SummaryRow {
  key: string;
  value: SummaryValue;
  change?: { href: string; label: string } | undefined;
}

/** Question-and-answer rows (check-your-answers, and read-only details), each with an optional change link. */
export function SummaryList({ rows }: { rows: readonly SummaryRow[] }) {
  return (
    <dl class="summary">
      {rows.map((r) => {
        const lines = typeof r.value === 'string' ? r.value.split('\n') : r.value;
        return (
          <div>
            <dt safe>{r.key}</dt>
            {lines.length === 1 ? (
              <dd safe>{lines[0]}</dd>
            ) : (
              <dd>
                {lines.map((line, i) => (
                  <>
                    {i > 0 ? <br /> : ''}
                    <span safe>{line}</span>
                  </>
                ))}
              </dd>
            )}
            {r.change ? (
              <dd>
                <a href={r.change.href}>
                  <span safe>{r.change.label}</span>
                  <span class="visually-hidden" safe>{` ${r.key}`}</span>
                </a>
              </dd>
            ) : (
              ''
            )}
          </div>
        );
      })}
    </dl>
  );
}
