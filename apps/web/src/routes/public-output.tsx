import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError, apiGet } from '../api/client.ts';
import type { OutputMedia } from '../features/groups/api.ts';
import { OutputMediaView } from '../features/groups/output-media.tsx';
import { Page } from '../ui/page.tsx';

interface PublicOutput {
  title: string;
  groupName: string;
  summary: string;
  theme: string;
  keyFindings: string[];
  filmUrl: string | null;
  media: OutputMedia;
}

/** A published output shared by its public link: for anyone, signed in or not. */
export function PublicOutputPage() {
  const { token = '' } = useParams();
  const output = useQuery({
    queryKey: ['public-output', token],
    queryFn: () => apiGet<PublicOutput>(`/api/public/outputs/${encodeURIComponent(token)}`),
    meta: { public: true },
    retry: false,
  });
  if (output.isPending) return <p className="muted">Loading…</p>;
  if (output.error) {
    return (
      <Page title="This link no longer works" width="narrow">
        <p>
          {output.error instanceof ApiError && output.error.status === 404
            ? 'Whoever shared it may have turned the link off. Ask them for a new one.'
            : 'The page could not be loaded. Reload to try again.'}
        </p>
      </Page>
    );
  }
  const o = output.data;
  return (
    <Page title={o.title} lead={`${o.groupName}${o.theme ? ` · ${o.theme}` : ''}`}>
      <OutputMediaView title={o.title} media={o.media} />
      {o.summary ? <p className="pre-line">{o.summary}</p> : null}
      {o.keyFindings.length ? (
        <>
          <h2 className="section__title">Key findings</h2>
          <ul>
            {o.keyFindings.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </>
      ) : null}
      {o.filmUrl ? (
        <p>
          <a href={o.filmUrl} target="_blank" rel="noreferrer">
            Watch the film
          </a>
        </p>
      ) : null}
    </Page>
  );
}
