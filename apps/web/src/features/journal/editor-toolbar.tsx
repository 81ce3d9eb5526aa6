import { type Editor, useEditorState } from '@tiptap/react';
import { Button, Toolbar } from 'react-aria-components';

/**
 * Formatting for the entry. A React Aria toolbar: one Tab stop, arrow keys between buttons;
 * each button says whether its format is on at the cursor (aria-pressed).
 */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      heading: e.isActive('heading', { level: 2 }),
    }),
  });
  const tools = [
    { key: 'bold', label: 'Bold', run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', label: 'Italic', run: () => editor.chain().focus().toggleItalic().run() },
    {
      key: 'bulletList',
      label: 'Bullet list',
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'heading',
      label: 'Heading',
      run: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
    },
  ] as const;
  return (
    <Toolbar aria-label="Formatting" className="editor-toolbar">
      {tools.map((tool) => (
        <Button
          key={tool.key}
          className="button button--quiet button--small editor-toolbar__button"
          aria-pressed={active[tool.key]}
          onPress={tool.run}
        >
          {tool.label}
        </Button>
      ))}
    </Toolbar>
  );
}
