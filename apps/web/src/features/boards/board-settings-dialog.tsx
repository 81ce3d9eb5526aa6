import { ZUpdateBoardRequest } from '@colab/shared';
import type { FormEvent } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/form-errors.ts';
import { parseWith } from '../../api/parse.ts';
import { ConfirmButton, ModalDialog } from '../../ui/dialog.tsx';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import { type Board, boardActions, useUpdateBoard } from './api.ts';
import { BOARD_FIELDS, BoardFields, readBoardForm } from './board-form.tsx';

/** Facilitators change a board's title, prompt and how it runs, or delete it. */
export function BoardSettingsButton({ board }: { board: Board }) {
  const navigate = useNavigate();
  return (
    <>
      <DialogTrigger>
        <Button className="button button--quiet button--small">Board settings</Button>
        <ModalDialog title="Board settings">
          {(close) => <SettingsForm board={board} close={close} />}
        </ModalDialog>
      </DialogTrigger>
      <ConfirmButton
        trigger="Delete board"
        title={`Delete “${board.title}”?`}
        confirmLabel="Delete board"
        onConfirm={async () => {
          await boardActions.delete(board.id);
          navigate(`/cohorts/${board.cohortId}/boards`);
        }}
      >
        <p>Every card, theme, dot and comment on it goes too. This cannot be undone.</p>
      </ConfirmButton>
    </>
  );
}

function SettingsForm({ board, close }: { board: Board; close: () => void }) {
  const feedback = useFormFeedback();
  const update = useUpdateBoard(board.id);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const parsed = parseWith(ZUpdateBoardRequest, readBoardForm(event.currentTarget, false));
    if (!parsed.success) return feedback.show({ fieldErrors: parsed.fieldErrors });
    feedback.clear();
    update.mutate(parsed.data, {
      onSuccess: close,
      onError: (error) => feedback.show(describeError(error, BOARD_FIELDS)),
    });
  }

  return (
    <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
      <BoardFields board={board} />
      <p className="muted">Turning “hide cards” off reveals the cards waiting.</p>
      <div className="dialog__actions">
        <Button className="button button--quiet" onPress={close}>
          Cancel
        </Button>
        <Button type="submit" className="button button--primary" isPending={update.isPending}>
          Save
        </Button>
      </div>
    </FeedbackForm>
  );
}
