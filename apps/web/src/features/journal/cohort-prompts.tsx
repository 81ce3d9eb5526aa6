import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { FormAlert } from '../../ui/form-alert.tsx';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { may } from '../cohorts/api.ts';
import { formatMoment } from '../cohorts/dates.ts';
import type { Cohort } from '../cohorts/types.ts';
import { usePrompts, useStartEntry } from './api.ts';
import { PublishPromptForm } from './publish-prompt-form.tsx';

/** The cohort's reflection prompts, each answered in the person's own private journal. */
export function CohortPrompts({ cohort }: { cohort: Cohort }) {
  const person = useCurrentPerson();
  const prompts = usePrompts(cohort.id);
  const start = useStartEntry();
  const canPublish = may(cohort, 'prompts.publish');

  return (
    <section className="section" aria-labelledby="prompts">
      <h2 id="prompts" className="section__title">
        Reflection prompts
      </h2>
      <FormAlert message={start.isError ? (describeError(start.error).message ?? null) : null} />
      {prompts.isPending ? (
        <p className="muted">Loading prompts…</p>
      ) : prompts.error ? (
        <p className="muted">The prompts could not be loaded just now.</p>
      ) : prompts.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            {canPublish
              ? 'No prompts yet. A prompt you publish appears here, and everyone in the cohort is told about it.'
              : 'No prompts yet. When a facilitator opens one, you can answer it from here in your private journal.'}
          </p>
        </div>
      ) : (
        <ul className="prompt-list">
          {prompts.data.map((prompt) => (
            <li key={prompt.id} className="prompt-card">
              <p className="prompt-card__text">{prompt.text}</p>
              {prompt.open ? (
                <Button
                  className="button button--quiet button--small"
                  aria-label={`Answer in your journal: ${prompt.text}`}
                  isPending={start.isPending && start.variables?.promptId === prompt.id}
                  onPress={() => start.mutate({ promptId: prompt.id })}
                >
                  Answer in your journal
                </Button>
              ) : (
                <p className="muted prompt-card__when">
                  Opens {formatMoment(prompt.opensAt, person.timezone)}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {canPublish ? <PublishPromptForm cohort={cohort} /> : null}
    </section>
  );
}
