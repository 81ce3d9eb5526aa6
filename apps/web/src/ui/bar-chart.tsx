export interface Bar {
  key: string;
  label: string;
  value: number;
  /** What a screen reader hears for the value, e.g. "4 of 5 checked in". */
  valueText: string;
}

/**
 * A small horizontal bar chart that is also a list: the bars are drawn for the eye and hidden
 * from assistive technology, which reads each row's label and value as text instead.
 */
export function BarChart({ caption, bars, max }: { caption: string; bars: Bar[]; max?: number }) {
  const top = Math.max(1, max ?? 0, ...bars.map((b) => b.value));
  return (
    <figure className="bar-chart">
      <figcaption className="bar-chart__caption">{caption}</figcaption>
      <ul className="bar-chart__rows" aria-label={caption}>
        {bars.map((bar) => (
          <li key={bar.key} className="bar-chart__row">
            <span className="bar-chart__label">{bar.label}</span>
            <span className="visually-hidden">: </span>
            <svg
              className="bar-chart__bar"
              viewBox="0 0 100 10"
              preserveAspectRatio="none"
              aria-hidden="true"
              focusable="false"
            >
              <rect className="bar-chart__track" width="100" height="10" />
              <rect className="bar-chart__fill" width={(bar.value / top) * 100} height="10" />
            </svg>
            <span className="bar-chart__value">{bar.valueText}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
