import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { apiPut } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { may } from '../../features/cohorts/api.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { type Output, useShowcase } from '../../features/groups/api.ts';
import { OutputMediaView } from '../../features/groups/output-media.tsx';
import { Page } from '../../ui/page.tsx';

/**
 * The celebration event, for the day: the published outputs in running order, one on the
 * screen at a time. Those who run the cohort set the order; anyone can step through.
 */
export function CelebrationPage() {
  const cohort = useCohortSpace();
  const showcase = useShowcase(cohort.id, '');
  const runs = may(cohort, 'groups.manage') && !cohort.archived;
  const outputs = showcase.data?.outputs ?? [];
  const [at, setAt] = useState(0);
  const [said, setSaid] = useState('');
  const current = outputs[Math.min(at, Math.max(0, outputs.length - 1))];
  const queryClient = useQueryClient();
  const reorder = useMutation({
    mutationFn: (outputIds: string[]) =>
      apiPut(`/api/cohorts/${encodeURIComponent(cohort.id)}/showcase/order`, { outputIds }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cohort', cohort.id, 'showcase'] }),
  });

  // The presenter's clicker sends arrow keys and Page Up/Down.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown')
        setAt((i) => Math.min(i + 1, outputs.length - 1));
      if (event.key === 'ArrowLeft' || event.key === 'PageUp') setAt((i) => Math.max(i - 1, 0));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [outputs.length]);

  const move = (output: Output, by: -1 | 1) => {
    const ids = outputs.map((o) => o.id);
    const from = ids.indexOf(output.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, output.id);
    reorder.mutate(ids, {
      onSuccess: () => setSaid(`“${output.title}” is now number ${to + 1} of ${ids.length}.`),
    });
  };

  return (
    <Page
      title="Celebration event"
      documentTitle={`Celebration – ${cohort.name}`}
      section
      lead="The groups’ published work in the order they present it. Use the arrow keys or the buttons to move on."
    >
      <p>
        <Link to={`/cohorts/${cohort.id}/showcase`}>Back to the showcase</Link>
      </p>
      {showcase.isPending ? (
        <p className="muted">Loading the running order…</p>
      ) : showcase.error ? (
        <p role="alert">The running order could not be loaded. Reload to try again.</p>
      ) : !current ? (
        <p className="quiet-box">
          Nothing is published yet. Once a facilitator publishes a group’s output it joins the
          running order here.
        </p>
      ) : (
        <div className="celebration">
          <section
            className="card celebration__now"
            aria-labelledby="now-presenting"
            aria-live="polite"
          >
            <p className="muted" id="now-presenting">
              Now presenting · {outputs.indexOf(current) + 1} of {outputs.length}
            </p>
            <h2 className="celebration__title">{current.title}</h2>
            <p className="celebration__group">{current.groupName}</p>
            <OutputMediaView title={current.title} media={current.media} />
            {current.summary ? <p className="pre-line">{current.summary}</p> : null}
            {current.keyFindings.length ? (
              <ul>
                {current.keyFindings.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            ) : null}
            <div className="button-row">
              <Button
                className="button"
                isDisabled={outputs.indexOf(current) === 0}
                onPress={() => setAt(outputs.indexOf(current) - 1)}
              >
                Previous
              </Button>
              <Button
                className="button button--primary"
                isDisabled={outputs.indexOf(current) === outputs.length - 1}
                onPress={() => setAt(outputs.indexOf(current) + 1)}
              >
                Next
              </Button>
            </div>
          </section>
          <section aria-labelledby="running-order">
            <h2 className="section__title" id="running-order">
              Running order
            </h2>
            <ol className="celebration__order" aria-label="Running order">
              {outputs.map((o, i) => (
                <li key={o.id} aria-current={o.id === current.id ? 'step' : undefined}>
                  <Button className="button button--quiet button--small" onPress={() => setAt(i)}>
                    {o.title}
                  </Button>{' '}
                  <span className="muted">{o.groupName}</span>
                  {runs ? (
                    <span className="button-row">
                      <Button
                        className="button button--small"
                        aria-label={`Move “${o.title}” earlier`}
                        isDisabled={i === 0 || reorder.isPending}
                        onPress={() => move(o, -1)}
                      >
                        ↑ Earlier
                      </Button>
                      <Button
                        className="button button--small"
                        aria-label={`Move “${o.title}” later`}
                        isDisabled={i === outputs.length - 1 || reorder.isPending}
                        onPress={() => move(o, 1)}
                      >
                        ↓ Later
                      </Button>
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
            <p className="visually-hidden" aria-live="polite">
              {said}
            </p>
            {reorder.error ? <p role="alert">{describeError(reorder.error).message}</p> : null}
          </section>
        </div>
      )}
    </Page>
  );
}
