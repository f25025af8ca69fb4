// Small readings of a parsed page that the facility tests share (test/helpers/page.ts does the parsing).
import type { HTMLElement } from 'node-html-parser';
import { decodeEntities } from '../helpers/http.ts';
import type { Page } from '../helpers/page.ts';

/** An element's text as read, whitespace collapsed. */
export function textIn(element: HTMLElement): string {
  return decodeEntities(element.textContent).replace(/\s+/g, ' ').trim();
}

/** The href of each link whose whole visible text is `text` (page.linksTo matches a part). */
export function hrefsOfLinksNamed(p: Page, text: string): string[] {
  return p
    .all('a')
    .filter((a) => textIn(a) === text)
    .map((a) => a.getAttribute('href') ?? '');
}

/** Whether the page has a link to `href` (getAttribute gives it entities decoded, as a browser reads it). */
export function hasLinkTo(p: Page, href: string): boolean {
  return p.all('a').some((a) => a.getAttribute('href') === href);
}

/** Where the error summary's links point, in order. */
export function summaryTargets(p: Page): string[] {
  return p.all('.error-summary a').map((a) => a.getAttribute('href') ?? '');
}

/** A select's option by value, as shown: its label and whether it is the chosen one. */
export function optionOf(p: Page, selectName: string, value: string): { label: string; selected: boolean } | undefined {
  const option = p.all(`select[name="${selectName}"] option`).find((o) => o.getAttribute('value') === value);
  return option ? { label: textIn(option), selected: option.hasAttribute('selected') } : undefined;
}
