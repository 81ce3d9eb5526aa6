import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';
import { EditorToolbar } from './editor-toolbar.tsx';

/**
 * The rich text of one entry, held in the Yjs document. The server reads the `prosemirror`
 * fragment when the author shares a copy, so the name must stay. StarterKit's own undo is off:
 * the Collaboration extension brings a Yjs-aware one that undoes only this person's edits.
 */
export function JournalEditor({
  doc,
  label,
  editable = true,
  extraExtensions = [],
}: {
  doc: Y.Doc;
  label: string;
  /** False for those who may read but not write (a group's sponsors). */
  editable?: boolean;
  /** More editor extensions (a group's page adds @mentions). */
  extraExtensions?: AnyExtension[];
}) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] } }),
        Collaboration.configure({ fragment: doc.getXmlFragment('prosemirror') }),
        ...extraExtensions,
      ],
      editorProps: {
        attributes: {
          class: 'editor__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          ...(editable ? {} : { 'aria-readonly': 'true' }),
        },
      },
    },
    [doc, editable],
  );
  return (
    <div className="editor">
      {editable ? <EditorToolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
