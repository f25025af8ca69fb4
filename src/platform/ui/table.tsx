// The one data table: a caption for screen readers, column headers with scope="col", and a wrapper
// that scrolls sideways on a narrow screen. The wrapper is a named region that takes focus, so it
// can be scrolled with the keyboard too (WCAG 2.1.1; axe's scrollable-region-focusable).

/** A column: its header, and its cell as plain text (escaped) or as markup built with JSX; `numeric` aligns figures right. */
export type Column<T> = ({ header: string; text: (row: T) => string } | { header: string; cell: (row: T) => JSX.Element }) & { numeric?: boolean };

export function Table<T>(props: {
  /** Unique on the page: the caption's id is made from it. */
  id: string;
  /** What the table lists. Read out by screen readers; hidden on screen, where a heading says it. */
  caption: string;
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  /** The first column names each row (<th scope="row">), as in a table of figures per facility or month. */
  rowHeaders?: boolean;
}) {
  const captionId = `${props.id}-caption`;
  return (
    <div class="table-wrap" role="region" aria-labelledby={captionId} tabindex="0">
      <table id={props.id}>
        <caption id={captionId} class="visually-hidden" safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'number' : undefined} safe>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((c, i) => {
                const numeric = c.numeric ? 'number' : undefined;
                if (i === 0 && props.rowHeaders) {
                  return 'text' in c ? (
                    <th scope="row" class={numeric} safe>
                      {c.text(row)}
                    </th>
                  ) : (
                    <th scope="row" class={numeric}>
                      {c.cell(row)}
                    </th>
                  );
                }
                return 'text' in c ? (
                  <td class={numeric} safe>
                    {c.text(row)}
                  </td>
                ) : (
                  <td class={numeric}>{c.cell(row)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Items one under another in a cell. Short ones (dates, times) never break inside, so a narrow
 * cell does not split them; `wrap` lets longer ones (sentences) break as text does.
 */
export function Lines({ items, wrap = false }: { items: readonly string[]; wrap?: boolean }) {
  return (
    <>
      {items.map((item, i) => (
        <>
          {i > 0 ? <br /> : ''}
          <span class={wrap ? undefined : 'nowrap'} safe>
            {item}
          </span>
        </>
      ))}
    </>
  );
}
