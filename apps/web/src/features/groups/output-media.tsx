import { OUTPUT_MEDIA_ACCEPT, type TOutputMediaKind } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Button } from 'react-aria-components';
import { apiDelete, apiPut } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { fileSize } from '../../ui/file-size.ts';
import type { MediaFile, OutputMedia } from './api.ts';

/** The cover, film and report of an output, as its readers see them. */
export function OutputMediaView({ title, media }: { title: string; media: OutputMedia }) {
  return (
    <>
      {media.cover ? (
        <img className="output__cover" src={media.cover.url} alt={`Cover of “${title}”`} />
      ) : null}
      {media.film ? (
        // biome-ignore lint/a11y/useMediaCaption: groups upload their own films; captions are theirs to add
        <video
          className="output__film"
          controls
          preload="metadata"
          src={media.film.url}
          aria-label={`Film: ${title}`}
        />
      ) : null}
      {media.report ? (
        <p>
          <a href={media.report.url} download>
            Download the report
          </a>{' '}
          <span className="muted">(PDF, {fileSize(media.report.size)})</span>
        </p>
      ) : null}
    </>
  );
}

const LABELS: Record<TOutputMediaKind, string> = {
  cover: 'Cover image',
  film: 'Film',
  report: 'Report (PDF)',
};

/** For the group while the output is a draft: put, replace or remove each part. */
export function OutputMediaEditor({ outputId, media }: { outputId: string; media: OutputMedia }) {
  return (
    <fieldset className="output__media-editor">
      <legend>Cover, film and report</legend>
      {(['cover', 'film', 'report'] as const).map((kind) => (
        <MediaSlot key={kind} outputId={outputId} kind={kind} current={media[kind]} />
      ))}
    </fieldset>
  );
}

function MediaSlot({
  outputId,
  kind,
  current,
}: {
  outputId: string;
  kind: TOutputMediaKind;
  current: MediaFile | null;
}) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const path = `/api/outputs/${encodeURIComponent(outputId)}/media/${kind}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['group'] });
  const put = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return apiPut(path, form);
    },
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: () => apiDelete(path), onSuccess: refresh });
  const error = put.error ?? remove.error;
  return (
    <div className="field">
      <label className="field__label" htmlFor={inputId}>
        {LABELS[kind]}
        {current ? ` — now ${current.fileName}, ${fileSize(current.size)}` : ' — none yet'}
      </label>
      <input
        id={inputId}
        className="field__input"
        type="file"
        accept={OUTPUT_MEDIA_ACCEPT[kind].types.join(',')}
        disabled={put.isPending}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) put.mutate(file, { onSettled: () => (event.target.value = '') });
        }}
      />
      <span className="field__hint">{OUTPUT_MEDIA_ACCEPT[kind].says}, up to 50 MB.</span>
      {put.isPending ? <span className="muted">Uploading…</span> : null}
      {current ? (
        <Button
          className="button button--small"
          isPending={remove.isPending}
          onPress={() => remove.mutate()}
        >
          Remove {LABELS[kind].toLowerCase()}
        </Button>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {describeError(error).message}
        </p>
      ) : null}
    </div>
  );
}
