import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { apiGet } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { Page } from '../../ui/page.tsx';

interface Result {
  kind: 'board' | 'journal' | 'group-page' | 'evidence' | 'output';
  id: string;
  title: string;
  snippet: string;
  link: string;
}

const KINDS: Record<Result['kind'], string> = {
  board: 'Board',
  journal: 'Your journal',
  'group-page': 'Group page',
  evidence: 'Evidence',
  output: 'Showcase',
};

/** The server marks matches «like this»; they are shown as <mark>, never as HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/«|»/);
  return (
    <p className="muted">
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never move
        i % 2 === 1 ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>,
      )}
    </p>
  );
}

/** Search across what one may see in the cohort. */
export function SearchPage() {
  const cohort = useCohortSpace();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const results = useQuery({
    queryKey: ['cohort', cohort.id, 'search', q],
    queryFn: async () =>
      (
        await apiGet<{ results: Result[] }>(
          `/api/search?cohortId=${cohort.id}&q=${encodeURIComponent(q)}`,
        )
      ).results,
    enabled: q.trim().length >= 2,
  });
  return (
    <Page title="Search" documentTitle={`Search – ${cohort.name}`} section>
      <search>
        <form
          aria-label="Search this cohort"
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            setParams(draft.trim() ? { q: draft.trim() } : {});
          }}
        >
          <label className="field">
            <span className="field__label">
              Search boards, your journal, group pages, evidence and the showcase
            </span>
            <input
              className="field__input"
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <Button type="submit" className="button button--primary button--small">
            Search
          </Button>
        </form>
      </search>
      <div aria-live="polite">
        {results.error ? <p role="alert">{describeError(results.error).message}</p> : null}
        {results.isSuccess ? (
          results.data.length === 0 ? (
            <p className="quiet-box">Nothing found for “{q}”. Try fewer or different words.</p>
          ) : (
            <ol className="plain-list" aria-label={`Results for ${q}`}>
              {results.data.map((r) => (
                <li key={`${r.kind}-${r.id}`} className="card">
                  <p>
                    <span className="badge badge--info">{KINDS[r.kind]}</span>{' '}
                    <Link to={r.link}>{r.title}</Link>
                  </p>
                  <Snippet text={r.snippet} />
                </li>
              ))}
            </ol>
          )
        ) : null}
      </div>
    </Page>
  );
}
