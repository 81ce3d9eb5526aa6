import * as Y from 'yjs';

/** The text of a rich-text fragment, one line per block, for copies and search. */
export function plainTextOf(fragment: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = [];
  let line = '';
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) {
      line += node
        .toDelta()
        .map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
        .join('');
      return;
    }
    // An @mention is an empty inline node: its words are its label.
    if (node instanceof Y.XmlElement && node.nodeName === 'mention') {
      line += `@${node.getAttribute('label') ?? ''}`;
      return;
    }
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) walk(child as Y.XmlElement);
      if (node instanceof Y.XmlElement) {
        lines.push(line);
        line = '';
      }
    }
  };
  walk(fragment);
  if (line) lines.push(line);
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
