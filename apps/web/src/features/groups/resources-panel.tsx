import { MAX_UPLOAD_MB } from '@colab/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { apiGet, apiPatch, apiPost } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { fileSize } from '../../ui/file-size.ts';
import { formatDay } from '../cohorts/dates.ts';

interface Resource {
  id: string;
  kind: 'file' | 'link';
  title: string;
  url: string;
  fileName: string | null;
  size: number | null;
}
interface Milestone {
  id: string;
  title: string;
  dueOn: string;
  done: boolean;
}

/** The group's links and files: anyone who may read the group downloads; members add. */
export function ResourcesPanel({ groupId, canWrite }: { groupId: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const key = ['group', groupId, 'resources'];
  const resources = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await apiGet<{ resources: Resource[] }>(`/api/groups/${groupId}/resources`)).resources,
  });
  const add = useMutation({
    mutationFn: (form: FormData) => apiPost<Resource>(`/api/groups/${groupId}/resources`, form),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const problem = add.error ? describeError(add.error, ['title', 'url', 'file']) : null;
  return (
    <section className="section" aria-labelledby="resources">
      <h2 id="resources" className="section__title">
        Resources
      </h2>
      {resources.data?.length ? (
        <ul className="plain-list" aria-label="Resources">
          {resources.data.map((r) => (
            <li key={r.id}>
              <a
                href={r.url}
                {...(r.kind === 'link'
                  ? { target: '_blank', rel: 'noreferrer' }
                  : { download: true })}
              >
                {r.title}
              </a>{' '}
              <span className="muted">
                {r.kind === 'file' ? `${r.fileName ?? 'file'}, ${fileSize(r.size ?? 0)}` : 'link'}
              </span>
            </li>
          ))}
        </ul>
      ) : resources.isSuccess ? (
        <p className="muted">
          {canWrite
            ? 'No resources yet. Add a link or a file below for the group to keep.'
            : 'No resources yet.'}
        </p>
      ) : null}
      {canWrite ? (
        <form
          className="form card"
          aria-label="Add a resource"
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const data = new FormData(form);
            if (!(data.get('file') as File | null)?.size) data.delete('file');
            if (!String(data.get('url') ?? '').trim()) data.delete('url');
            add.mutate(data, { onSuccess: () => form.reset() });
          }}
        >
          <div className="form-row">
            <label className="field">
              <span className="field__label">Title</span>
              <input className="field__input" name="title" maxLength={200} />
            </label>
            <label className="field">
              <span className="field__label">A link…</span>
              <input className="field__input" name="url" type="url" placeholder="https://" />
            </label>
            <label className="field">
              <span className="field__label">…or a file (up to {MAX_UPLOAD_MB} MB)</span>
              <input className="field__input" name="file" type="file" />
            </label>
          </div>
          {problem ? (
            <p className="field__error" role="alert">
              {[problem.message, ...Object.values(problem.fieldErrors ?? {})]
                .filter(Boolean)
                .join(' ')}
            </p>
          ) : null}
          <Button type="submit" className="button button--small" isPending={add.isPending}>
            Add resource
          </Button>
        </form>
      ) : null}
    </section>
  );
}

/** The group's milestones; they also appear on the cohort calendar. */
export function MilestonesPanel({ groupId, canWrite }: { groupId: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const key = ['group', groupId, 'milestones'];
  const milestones = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await apiGet<{ milestones: Milestone[] }>(`/api/groups/${groupId}/milestones`)).milestones,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (input: { title: string; dueOn: string }) =>
      apiPost(`/api/groups/${groupId}/milestones`, input),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: (m: Milestone) => apiPatch(`/api/milestones/${m.id}`, { done: !m.done }),
    onSuccess: refresh,
  });
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  return (
    <section className="section" aria-labelledby="milestones">
      <h2 id="milestones" className="section__title">
        Milestones
      </h2>
      {milestones.data?.length ? (
        <ul className="plain-list" aria-label="Milestones">
          {milestones.data.map((m) => (
            <li key={m.id}>
              <label className="rsvp__choice">
                <input
                  type="checkbox"
                  checked={m.done}
                  disabled={!canWrite}
                  onChange={() => toggle.mutate(m)}
                />
                {m.title} <span className="muted">by {formatDay(m.dueOn)}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : milestones.isSuccess ? (
        <p className="muted">
          {canWrite
            ? 'No milestones yet. Add the dates the group is working towards below.'
            : 'No milestones yet.'}
        </p>
      ) : null}
      {canWrite ? (
        <form
          className="inline-form"
          aria-label="Add a milestone"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate({ title: title.trim(), dueOn }, { onSuccess: () => setTitle('') });
          }}
        >
          <label className="field">
            <span className="field__label">Milestone</span>
            <input
              className="field__input"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">By</span>
            <input
              className="field__input"
              type="date"
              value={dueOn}
              onChange={(e) => setDueOn(e.target.value)}
            />
          </label>
          <Button type="submit" className="button button--small" isPending={add.isPending}>
            Add milestone
          </Button>
        </form>
      ) : null}
      {add.error ? <p role="alert">{describeError(add.error).message}</p> : null}
    </section>
  );
}
