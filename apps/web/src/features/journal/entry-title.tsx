import { ZUpdateJournalEntryRequest } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FieldError, Input, Label, TextField } from 'react-aria-components';
import { apiPatch } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { parseWith } from '../../api/parse.ts';
import { journalKeys, journalPaths } from './api.ts';
import type { JournalEntry } from './types.ts';

/**
 * The entry's title, edited in place: it saves when the person leaves the field or presses
 * Enter, as a note-taking app would, with no separate Save button to forget.
 */
export function EntryTitle({ entry }: { entry: JournalEntry }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(entry.title);
  const [error, setError] = useState<string | null>(null);
  // What was last sent, so Enter followed by leaving the field saves once.
  const sent = useRef(entry.title);
  const rename = useMutation({
    mutationFn: (title: string) => apiPatch<JournalEntry>(journalPaths.entry(entry.id), { title }),
    onSuccess: (saved) => {
      queryClient.setQueryData(journalKeys.entry(entry.id), saved);
      return queryClient.invalidateQueries({ queryKey: journalKeys.list, exact: true });
    },
  });

  function save() {
    const parsed = parseWith(ZUpdateJournalEntryRequest, { title: value });
    if (!parsed.success) return setError(parsed.fieldErrors.title ?? 'Check the title');
    setError(null);
    if (parsed.data.title === sent.current) return;
    sent.current = parsed.data.title;
    rename.mutate(parsed.data.title, {
      onError: (caught) => {
        sent.current = entry.title;
        const feedback = describeError(caught, ['title']);
        setError(feedback.fieldErrors?.title ?? feedback.message ?? 'The title was not saved.');
      },
    });
  }

  return (
    <TextField
      className="field entry-title"
      name="title"
      value={value}
      onChange={setValue}
      onBlur={save}
      onKeyDown={(event) => {
        if (event.key === 'Enter') save();
      }}
      isInvalid={error !== null}
      validationBehavior="aria"
    >
      <Label className="field__label">Title</Label>
      <Input className="field__input entry-title__input" placeholder="Untitled entry" />
      <FieldError className="field__error">{error}</FieldError>
    </TextField>
  );
}
