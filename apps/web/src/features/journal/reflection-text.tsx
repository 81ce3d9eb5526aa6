/**
 * A shared copy is plain text with one line per block (see the server's plainTextOf): blank
 * lines part paragraphs, single line breaks are kept within one.
 */
export function paragraphsOf(body: string): string[][] {
  return body
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);
}

export function ReflectionText({ body }: { body: string }) {
  const paragraphs = paragraphsOf(body);
  if (paragraphs.length === 0) return <p className="muted">This entry was empty when shared.</p>;
  return (
    <div className="reflection__body">
      {paragraphs.map((lines, i) => (
        // The copy never changes while shown, so positions are stable keys.
        // biome-ignore lint/suspicious/noArrayIndexKey: a static snapshot
        <p key={i}>
          {lines.map((line, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a static snapshot
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}
