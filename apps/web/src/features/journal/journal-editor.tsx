import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';

/**
 * The journal's rich text: TipTap bound to the entry's shared document (its `prosemirror`
 * fragment, which the server reads for shared copies). Yjs keeps the history, so TipTap's own
 * undo is off and Ctrl+Z undoes through the document.
 */
export function JournalEditor({ doc, editable }: { doc: Y.Doc; editable: boolean }) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment: doc.getXmlFragment('prosemirror') }),
      ],
      editorProps: {
        attributes: {
          class: 'journal-editor__text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': 'Entry',
        },
      },
    },
    [doc],
  );
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bullets: e?.isActive('bulletList') ?? false,
      heading: e?.isActive('heading', { level: 2 }) ?? false,
    }),
  });
  if (!editor) return null;
  const tools = [
    { label: 'Bold', on: active?.bold, run: () => editor.chain().focus().toggleBold().run() },
    { label: 'Italic', on: active?.italic, run: () => editor.chain().focus().toggleItalic().run() },
    {
      label: 'Bulleted list',
      on: active?.bullets,
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      label: 'Heading',
      on: active?.heading,
      run: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
    },
  ];
  return (
    <div className="journal-editor">
      {editable ? (
        <div className="journal-editor__toolbar" role="toolbar" aria-label="Formatting">
          {tools.map((tool) => (
            <button
              key={tool.label}
              type="button"
              className="button button--quiet button--small"
              aria-pressed={tool.on ? 'true' : 'false'}
              onClick={tool.run}
            >
              {tool.label}
            </button>
          ))}
        </div>
      ) : null}
      <EditorContent editor={editor} />
    </div>
  );
}
