// Ways about a screen that many capabilities draw alike: tabs that are links to pages of their
// own, and the link back to where the screen was opened from. They work without JavaScript and use
// only the classes of public/styles.css.

/** Tabs that are plain links to pages of their own; the current one is marked aria-current. */
export function Tabs(props: { label: string; tabs: ReadonlyArray<{ href: string; label: string; current: boolean }> }) {
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

/** The link above a page's heading back to where it is opened from (a start page, a list). */
export function BackLink({ href, text }: { href: string; text: string }) {
  return (
    <p>
      <a href={href} safe>
        {text}
      </a>
    </p>
  );
}
