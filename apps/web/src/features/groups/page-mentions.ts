import type { Editor, Range } from '@tiptap/core';
import Mention from '@tiptap/extension-mention';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';

export interface Mentionable {
  userId: string;
  displayName: string;
}

/**
 * Typing "@" on a group's page offers the people who may read it; choosing one writes
 * "@Name" into the page and tells them (through `onMention`, which notifies via the API).
 * The list is a plain listbox under the caret, driven by the keyboard or the pointer.
 */
export function pageMentions(
  people: () => Mentionable[],
  onMention: (userId: string, excerpt: string) => void,
) {
  return Mention.configure({
    HTMLAttributes: { class: 'mention' },
    suggestion: {
      char: '@',
      items: ({ query }) =>
        people()
          .filter((p) => p.displayName.toLowerCase().includes(query.toLowerCase()))
          .slice(0, 8),
      command: ({
        editor,
        range,
        props,
      }: {
        editor: Editor;
        range: Range;
        props: { id?: string | null; label?: string | null };
      }) => {
        editor
          .chain()
          .focus()
          .insertContentAt(range, [
            { type: 'mention', attrs: props },
            { type: 'text', text: ' ' },
          ])
          .run();
        const { $from } = editor.state.selection;
        const excerpt = $from.parent.textContent.slice(0, 200);
        if (props.id) onMention(props.id, excerpt);
      },
      render: () => {
        let list: HTMLUListElement | null = null;
        let props: SuggestionProps<Mentionable> | null = null;
        let active = 0;
        const choose = (i: number) => {
          const person = props?.items[i];
          if (person) props!.command({ id: person.userId, label: person.displayName });
        };
        const draw = () => {
          if (!list || !props) return;
          list.replaceChildren(
            ...(props.items.length
              ? props.items.map((person, i) => {
                  const item = document.createElement('li');
                  item.id = `mention-option-${i}`;
                  item.setAttribute('role', 'option');
                  item.setAttribute('aria-selected', String(i === active));
                  item.className = `mention-list__item${i === active ? ' mention-list__item--active' : ''}`;
                  item.textContent = person.displayName;
                  item.addEventListener('mousedown', (event) => {
                    event.preventDefault();
                    choose(i);
                  });
                  return item;
                })
              : [
                  Object.assign(document.createElement('li'), {
                    textContent: 'Nobody by that name here',
                    className: 'mention-list__empty',
                  }),
                ]),
          );
          const rect = props.clientRect?.();
          if (rect) {
            list.style.left = `${rect.left + window.scrollX}px`;
            list.style.top = `${rect.bottom + window.scrollY + 4}px`;
          }
        };
        return {
          onStart: (p) => {
            props = p;
            active = 0;
            list = document.createElement('ul');
            list.className = 'mention-list';
            list.setAttribute('role', 'listbox');
            list.setAttribute('aria-label', 'People to mention');
            document.body.append(list);
            draw();
          },
          onUpdate: (p) => {
            props = p;
            active = Math.min(active, Math.max(0, p.items.length - 1));
            draw();
          },
          onKeyDown: ({ event }: SuggestionKeyDownProps) => {
            if (!props?.items.length) return false;
            if (event.key === 'ArrowDown') active = (active + 1) % props.items.length;
            else if (event.key === 'ArrowUp')
              active = (active - 1 + props.items.length) % props.items.length;
            else if (event.key === 'Enter' || event.key === 'Tab') {
              choose(active);
              return true;
            } else return false;
            draw();
            return true;
          },
          onExit: () => {
            list?.remove();
            list = null;
            props = null;
          },
        };
      },
    },
  });
}
