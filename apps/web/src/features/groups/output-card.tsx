import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { apiDelete, apiPut } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { CopyLink } from '../../ui/copy-link.tsx';
import { type Output, useGroupChanges } from './api.ts';
import { OutputMediaEditor, OutputMediaView } from './output-media.tsx';

const STATUS: Record<Output['status'], { label: string; tone: string }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  submitted: { label: 'Submitted', tone: 'warning' },
  published: { label: 'Published', tone: 'success' },
};

/**
 * One output: what it says, where it stands, and what each person may do with it — the group
 * submits, those who run the cohort publish or send it back, others leave feedback.
 */
export function OutputCard({
  output,
  cohortId,
  isMember,
  runs,
}: {
  output: Output;
  cohortId: string;
  isMember: boolean;
  runs: boolean;
}) {
  const changes = useGroupChanges(cohortId, output.groupId);
  const [comment, setComment] = useState('');
  const [feedback, setFeedback] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const error = changes.move.error ?? changes.feedback.error ?? changes.answer.error;
  return (
    <article className="card output" aria-label={`Output: ${output.title}`}>
      <h3 className="section__title">
        {output.title}{' '}
        <span className={`badge badge--${STATUS[output.status].tone}`}>
          {STATUS[output.status].label}
        </span>
      </h3>
      <p className="muted">
        {output.groupName}
        {output.theme ? ` · ${output.theme}` : ''}
      </p>
      <OutputMediaView title={output.title} media={output.media} />
      {output.summary ? <p className="pre-line">{output.summary}</p> : null}
      {output.keyFindings.length ? (
        <>
          <h4>Key findings</h4>
          <ul>
            {output.keyFindings.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </>
      ) : null}
      {output.filmUrl ? (
        <p>
          <a href={output.filmUrl} target="_blank" rel="noreferrer">
            Watch the film
          </a>
        </p>
      ) : null}
      {isMember && output.status === 'draft' ? (
        <OutputMediaEditor outputId={output.id} media={output.media} />
      ) : null}
      {output.returnComment && output.status === 'draft' ? (
        <p className="banner">Sent back: {output.returnComment}</p>
      ) : null}
      <div className="button-row">
        {isMember && output.status === 'draft' ? (
          <Button
            className="button button--primary button--small"
            isPending={changes.move.isPending}
            onPress={() => changes.move.mutate({ id: output.id, step: 'submit' })}
          >
            Submit for the showcase
          </Button>
        ) : null}
        {runs && output.status === 'submitted' ? (
          <>
            <Button
              className="button button--primary button--small"
              isPending={changes.move.isPending}
              onPress={() => changes.move.mutate({ id: output.id, step: 'publish' })}
            >
              Publish
            </Button>
            <label className="field">
              <span className="field__label">Or send it back, saying why</span>
              <input
                className="field__input"
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </label>
            <Button
              className="button button--small"
              isDisabled={!comment.trim()}
              onPress={() => changes.move.mutate({ id: output.id, step: 'return', comment })}
            >
              Send back
            </Button>
          </>
        ) : null}
      </div>
      {output.status === 'published' && (isMember || runs) ? <PublicLink output={output} /> : null}
      {output.status === 'published' ? (
        <section aria-label={`Feedback on ${output.title}`}>
          <h4>Feedback</h4>
          {output.feedback.length === 0 ? (
            <p className="muted">
              No feedback yet.{' '}
              {isMember ? 'You will be told when someone leaves some.' : 'Leave the first below.'}
            </p>
          ) : null}
          <ul className="plain-list">
            {output.feedback.map((f) => (
              <li key={f.id}>
                <p>
                  <strong>{f.author?.displayName ?? 'Someone'}:</strong> {f.body}
                </p>
                {f.answer ? (
                  <p className="output__answer">
                    <strong>{f.answeredBy?.displayName ?? output.groupName} answered:</strong>{' '}
                    {f.answer}
                  </p>
                ) : isMember ? (
                  <form
                    className="inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const body = answers[f.id]?.trim();
                      if (body) changes.answer.mutate({ id: f.id, body });
                    }}
                  >
                    <label className="field">
                      <span className="field__label">Your answer</span>
                      <input
                        className="field__input"
                        value={answers[f.id] ?? ''}
                        onChange={(e) => setAnswers((a) => ({ ...a, [f.id]: e.target.value }))}
                      />
                    </label>
                    <Button type="submit" className="button button--small">
                      Answer
                    </Button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          {!isMember ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (feedback.trim())
                  changes.feedback.mutate(
                    { id: output.id, body: feedback.trim() },
                    { onSuccess: () => setFeedback('') },
                  );
              }}
            >
              <label className="field">
                <span className="field__label">Your feedback to the group</span>
                <textarea
                  className="field__input"
                  rows={2}
                  value={feedback}
                  onChange={(e) => setFeedback(e.target.value)}
                />
              </label>
              <Button
                type="submit"
                className="button button--small"
                isPending={changes.feedback.isPending}
              >
                Send feedback
              </Button>
            </form>
          ) : null}
        </section>
      ) : null}
      {error ? <p role="alert">{describeError(error).message}</p> : null}
    </article>
  );
}

export function NewOutputForm({ cohortId, groupId }: { cohortId: string; groupId: string }) {
  const { createOutput } = useGroupChanges(cohortId, groupId);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="form card"
      aria-label="Start an output"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const text = (n: string) => String(data.get(n) ?? '').trim();
        setProblem(null);
        createOutput.mutate(
          {
            title: text('title'),
            summary: text('summary'),
            theme: text('theme'),
            filmUrl: text('filmUrl'),
            keyFindings: text('keyFindings')
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean),
          },
          {
            onSuccess: () => form.reset(),
            onError: (error) => setProblem(describeError(error).message ?? 'It was not saved.'),
          },
        );
      }}
    >
      <h3 className="section__title">Start an output for the showcase</h3>
      <div className="form-row">
        <label className="field">
          <span className="field__label">Title</span>
          <input className="field__input" name="title" maxLength={200} />
        </label>
        <label className="field">
          <span className="field__label">Theme (optional)</span>
          <input className="field__input" name="theme" maxLength={80} />
        </label>
      </div>
      <label className="field">
        <span className="field__label">Summary</span>
        <textarea className="field__input" name="summary" rows={3} />
      </label>
      <label className="field">
        <span className="field__label">Key findings, one per line</span>
        <textarea className="field__input" name="keyFindings" rows={3} />
      </label>
      <label className="field">
        <span className="field__label">Film link (optional)</span>
        <input className="field__input" name="filmUrl" type="url" placeholder="https://" />
      </label>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <Button type="submit" className="button button--primary" isPending={createOutput.isPending}>
        Save as a draft
      </Button>
    </form>
  );
}

/** A published output's public link: off until asked for; a new link revokes the old. */
function PublicLink({ output }: { output: Output }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['group'] });
  const on = useMutation({
    mutationFn: () => apiPut<{ url: string }>(`/api/outputs/${output.id}/public-link`, {}),
    onSuccess: (r) => {
      setUrl(r.url);
      return refresh();
    },
  });
  const off = useMutation({
    mutationFn: () => apiDelete(`/api/outputs/${output.id}/public-link`),
    onSuccess: () => {
      setUrl(null);
      return refresh();
    },
  });
  return (
    <div className="output__public">
      {url ? <CopyLink link={url} who="anyone" label="Public link to this output" /> : null}
      <div className="button-row">
        <Button
          className="button button--quiet button--small"
          isPending={on.isPending}
          onPress={() => on.mutate()}
        >
          {output.publicLink ? 'Make a new public link' : 'Make a public link'}
        </Button>
        {output.publicLink || url ? (
          <Button
            className="button button--quiet button--small"
            isPending={off.isPending}
            onPress={() => off.mutate()}
          >
            Turn the public link off
          </Button>
        ) : null}
      </div>
      <p className="muted">
        {output.publicLink || url
          ? 'Anyone with the link can see this output (not its feedback). A new link stops the old one working.'
          : 'Off: only the cohort sees it.'}
      </p>
    </div>
  );
}
