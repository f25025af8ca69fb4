// A served page, parsed: tests ask for what a person (or a screen reader) meets — headings, the
// error summary, a field's value and its message, elements marked with data-qa — instead of
// matching regular expressions against raw HTML, which break on harmless markup changes.
import { parse, type HTMLElement } from 'node-html-parser';
import { fieldId } from '../../src/platform/ui/forms.tsx';
import { decodeEntities } from './http.ts';

/** Visible text, whitespace collapsed (script and style left out). */
function visibleText(element: HTMLElement): string {
  const clone = parse(element.toString());
  for (const hidden of clone.querySelectorAll('script, style, template')) hidden.remove();
  return decodeEntities(clone.textContent).replace(/\s+/g, ' ').trim();
}

export interface FieldState {
  /** The value shown: an input's value, a textarea's text, a select's selected option. */
  value: string;
  checked: boolean;
  invalid: boolean;
  /** The message shown next to the field, without the hidden 「エラー：」 prefix. */
  error: string | undefined;
}

export class Page {
  readonly root: HTMLElement;

  constructor(readonly html: string) {
    this.root = parse(html);
  }

  /** The page's visible text. */
  text(): string {
    return visibleText(this.root);
  }

  /** The first element matching a CSS selector, or undefined. */
  find(selector: string): HTMLElement | undefined {
    return this.root.querySelector(selector) ?? undefined;
  }

  all(selector: string): HTMLElement[] {
    return this.root.querySelectorAll(selector);
  }

  /** The visible text of the first element matching the selector (undefined if there is none). */
  textOf(selector: string): string | undefined {
    const element = this.find(selector);
    return element ? visibleText(element) : undefined;
  }

  /** The element marked `data-qa="name"`. */
  qa(name: string): HTMLElement | undefined {
    return this.find(`[data-qa="${name}"]`);
  }

  qaText(name: string): string | undefined {
    return this.textOf(`[data-qa="${name}"]`);
  }

  /** The document title (what the browser tab and a screen reader announce first). */
  title(): string | undefined {
    return this.textOf('title');
  }

  /** The language the page declares on <html>. */
  lang(): string | undefined {
    return this.find('html')?.getAttribute('lang');
  }

  /** The hint shown under a form field (its `-hint` element). */
  hint(name: string): string | undefined {
    return this.textOf(`#${fieldId(name)}-hint`);
  }

  /** The page's main heading. */
  heading(): string | undefined {
    return this.textOf('h1');
  }

  /** The messages of the error summary, in order; empty when there is none. */
  errorSummary(): string[] {
    return this.all('.error-summary li').map(visibleText);
  }

  /** A form field by its name: what it shows and the message beside it. */
  field(name: string): FieldState | undefined {
    const elements = this.root.querySelectorAll('input, select, textarea').filter((e) => e.getAttribute('name') === name);
    const element = elements.find((e) => e.getAttribute('type') !== 'radio' || e.hasAttribute('checked')) ?? elements[0];
    if (!element) return undefined;
    const tag = element.tagName.toLowerCase();
    const value =
      tag === 'textarea'
        ? decodeEntities(element.textContent)
        : tag === 'select'
          ? (element.querySelector('option[selected]')?.getAttribute('value') ?? '')
          : (element.getAttribute('value') ?? '');
    const errorElement = this.find(`#${fieldId(name)}-error`);
    const error = errorElement ? visibleText(errorElement).replace(/^(エラー：|Error: ?)/, '') : undefined;
    return { value, checked: element.hasAttribute('checked'), invalid: element.getAttribute('aria-invalid') === 'true', error };
  }

  /** The names of the fields of the form posting to `action` (the first form, if not given). */
  formFields(action?: string): string[] {
    const form = action ? this.all('form').find((f) => f.getAttribute('action') === action) : this.find('form');
    return (form?.querySelectorAll('input, select, textarea') ?? []).map((e) => e.getAttribute('name') ?? '').filter((n) => n && n !== '_csrf');
  }

  /** Link targets (href) whose visible text includes `text`. */
  linksTo(text: string): string[] {
    return this.all('a').filter((a) => visibleText(a).includes(text)).map((a) => a.getAttribute('href') ?? '');
  }
}

export function page(html: string): Page {
  return new Page(html);
}
