import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/form-errors.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { may } from '../cohorts/api.ts';
import { formatMoment } from '../cohorts/dates.ts';
import type { Cohort } from '../cohorts/types.ts';
import { journalActions, journalKeys, useNewEntry, usePrompts } from './api.ts';

/** The cohort's reflection prompts: answer one in one's journal; facilitators publish them. */
export function CohortPrompts({ cohort }: { cohort: Cohort }) {
  const person = useCurrentPerson();
  const prompts = usePrompts(cohort.id);
  const answer = useNewEntry();
  const navigate = useNavigate();
  const mayPublish = may(cohort, 'prompts.publish') && !cohort.archived;

  return (
    <section className="section" aria-labelledby="prompts">
      <h2 id="prompts" className="section__title">
        Reflection prompts
      </h2>
      {prompts.isPending ? (
        <p className="muted">Loading prompts…</p>
      ) : prompts.error ? (
        <p className="muted">Prompts could not be loaded just now.</p>
      ) : prompts.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            No prompts yet.{' '}
            {mayPublish
              ? 'Publish one below: everyone in the cohort is told, and can answer it in their private journal.'
              : 'When a facilitator publishes a question to reflect on, it appears here.'}
          </p>
        </div>
      ) : (
        <ul className="board-list" aria-label="Prompts">
          {prompts.data.map((prompt) => (
            <li key={prompt.id} className="card board-list__item">
              <p>{prompt.text}</p>
              <p className="muted">
                {prompt.open
                  ? `Open since ${formatMoment(prompt.opensAt, person.timezone)}`
                  : `Opens ${formatMoment(prompt.opensAt, person.timezone)}`}
              </p>
              {prompt.open ? (
                <Button
                  className="button button--small"
                  isPending={answer.isPending && answer.variables?.promptId === prompt.id}
                  onPress={() =>
                    answer.mutate(
                      { promptId: prompt.id },
                      { onSuccess: (entry) => navigate(`/journal/${entry.id}`) },
                    )
                  }
                >
                  Answer in your journal
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {answer.error ? <p role="alert">{describeError(answer.error).message}</p> : null}
      {mayPublish ? <PublishPrompt cohortId={cohort.id} /> : null}
    </section>
  );
}

function PublishPrompt({ cohortId }: { cohortId: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError('Write the prompt');
    setPending(true);
    setError(null);
    try {
      await journalActions.publishPrompt(cohortId, {
        text: text.trim(),
        // A local date and time from the picker, sent with the browser's own offset.
        ...(opensAt ? { opensAt: new Date(opensAt).toISOString() } : {}),
      });
      setText('');
      setOpensAt('');
      await queryClient.invalidateQueries({ queryKey: journalKeys.prompts(cohortId) });
    } catch (caught) {
      setError(describeError(caught).message ?? 'The prompt could not be published.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} aria-label="Publish a prompt">
      <label className="field">
        <span className="field__label">New prompt</span>
        <textarea
          className="field__input"
          rows={2}
          maxLength={1000}
          value={text}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">Opens (optional)</span>
        <span className="field__hint">Leave empty to open it now.</span>
        <input
          className="field__input"
          type="datetime-local"
          value={opensAt}
          onChange={(event) => setOpensAt(event.target.value)}
        />
      </label>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form__actions">
        <Button type="submit" className="button button--primary" isPending={pending}>
          Publish prompt
        </Button>
      </div>
    </form>
  );
}
