import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { apiPost } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import type { Group } from './api.ts';

/**
 * "@" someone about the group's page: they get a notification linking here. Only people who
 * may read the page are offered (the server checks again and skips anyone else).
 */
export function MentionForm({ group, myId }: { group: Group; myId: string }) {
  const people = [
    ...group.members.map((m) => ({ ...m, role: 'member' })),
    ...group.sponsors.map((s) => ({ ...s, role: 'sponsor' })),
  ].filter((p) => p.userId !== myId);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [said, setSaid] = useState('');
  const mention = useMutation({
    mutationFn: () =>
      apiPost<{ notified: number }>(`/api/groups/${encodeURIComponent(group.id)}/mentions`, {
        userIds: chosen,
        excerpt: note.trim(),
      }),
    onSuccess: ({ notified }) => {
      setSaid(notified === 1 ? 'They have been told.' : `${notified} people have been told.`);
      setChosen([]);
      setNote('');
    },
  });
  if (people.length === 0) return null;
  return (
    <form
      className="inline-form mention-form"
      aria-label="Mention someone about this page"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.length) mention.mutate();
      }}
    >
      <fieldset className="mention-form__people">
        <legend>@ Mention someone about this page</legend>
        {people.map((p) => (
          <label key={p.userId} className="checkbox-field">
            <input
              type="checkbox"
              checked={chosen.includes(p.userId)}
              onChange={(e) => {
                setSaid('');
                setChosen((c) =>
                  e.target.checked ? [...c, p.userId] : c.filter((id) => id !== p.userId),
                );
              }}
            />{' '}
            {p.displayName}
            {p.role === 'sponsor' ? ' (sponsor)' : ''}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">What should they look at? (optional)</span>
        <input
          className="field__input"
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <Button
        type="submit"
        className="button button--small"
        isDisabled={chosen.length === 0}
        isPending={mention.isPending}
      >
        Mention
      </Button>
      <p role="status" className="status-line">
        {said}
      </p>
      {mention.error ? <p role="alert">{describeError(mention.error).message}</p> : null}
    </form>
  );
}
