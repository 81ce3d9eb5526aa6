import { ZCreateBoardRequest } from '@colab/shared';
import type { FormEvent } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/form-errors.ts';
import { parseWith } from '../../api/parse.ts';
import { ModalDialog } from '../../ui/dialog.tsx';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import { useCreateBoard } from './api.ts';
import { BOARD_FIELDS, BoardFields, readBoardForm } from './board-form.tsx';

export function NewBoardButton({ cohortId }: { cohortId: string }) {
  return (
    <DialogTrigger>
      <Button className="button button--primary">New board</Button>
      <ModalDialog title="New board">
        {(close) => <NewBoardForm cohortId={cohortId} close={close} />}
      </ModalDialog>
    </DialogTrigger>
  );
}

function NewBoardForm({ cohortId, close }: { cohortId: string; close: () => void }) {
  const feedback = useFormFeedback();
  const create = useCreateBoard();
  const navigate = useNavigate();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const values = { scope: { cohortId }, ...readBoardForm(event.currentTarget, true) };
    const parsed = parseWith(ZCreateBoardRequest, values);
    if (!parsed.success) return feedback.show({ fieldErrors: parsed.fieldErrors });
    feedback.clear();
    create.mutate(parsed.data, {
      onSuccess: (board) => {
        close();
        navigate(`/cohorts/${cohortId}/boards/${board.id}`);
      },
      onError: (error) => feedback.show(describeError(error, BOARD_FIELDS)),
    });
  }

  return (
    <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
      <BoardFields />
      <div className="dialog__actions">
        <Button className="button button--quiet" onPress={close}>
          Cancel
        </Button>
        <Button type="submit" className="button button--primary" isPending={create.isPending}>
          Create board
        </Button>
      </div>
    </FeedbackForm>
  );
}
