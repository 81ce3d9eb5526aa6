import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { JournalEditor } from './journal-editor.tsx';

describe('the journal editor', () => {
  it('writes into the prosemirror fragment and shows formats as pressed', async () => {
    const doc = new Y.Doc();
    const user = userEvent.setup();
    render(<JournalEditor doc={doc} label="Entry text" />);
    const text = await screen.findByRole('textbox', { name: 'Entry text' });
    await user.click(text);
    await user.click(screen.getByRole('button', { name: 'Bold' }));
    await user.keyboard('Hello');
    expect(doc.getXmlFragment('prosemirror').toString()).toBe(
      '<paragraph><bold>Hello</bold></paragraph>',
    );
    expect(screen.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows what was written elsewhere, as it arrives in the document', async () => {
    const doc = new Y.Doc();
    render(<JournalEditor doc={doc} label="Entry text" />);
    const text = await screen.findByRole('textbox', { name: 'Entry text' });
    const elsewhere = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Written on the train')]);
    elsewhere.getXmlFragment('prosemirror').insert(0, [paragraph]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(elsewhere));
    await waitFor(() => expect(text).toHaveTextContent('Written on the train'));
  });
});
