// Small pieces the profile screens share. They use only the classes of public/styles.css.

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
