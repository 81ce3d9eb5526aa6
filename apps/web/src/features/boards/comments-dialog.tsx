import { addComment, mayResolveComment, readComments, setCommentResolved } from '@colab/shared';
import { type FormEvent, useState } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { uuidv7 } from 'uuidv7';
import { describeError } from '../../api/form-errors.ts';
import { ModalDialog } from '../../ui/dialog.tsx';
import { boardActions } from './api.ts';
import type { CardView } from './board-card.tsx';
import { useBoardScope } from './board-context.ts';
import { mentionedIn } from './mentions.ts';

/** A card's short comment thread: read, add (with @mentions that notify), resolve. */
export function CommentsButton({ card, label }: { card: CardView; label: string }) {
  const open = card.comments;
  return (
    <DialogTrigger>
      <Button
        className="button button--quiet button--tiny"
        // The visible words start the name, so speech users can say what they see (WCAG 2.5.3).
        aria-label={`${open === 1 ? '1 comment' : `${open} comments`} on: ${label}`}
      >
        {open === 1 ? '1 comment' : `${open} comments`}
      </Button>
      <ModalDialog title="Comments">{(close) => <Thread card={card} close={close} />}</ModalDialog>
    </DialogTrigger>
  );
}

function Thread({ card, close }: { card: CardView; close: () => void }) {
  const { doc, origin, me, canWrite, canFacilitate, nameOf, people, board } = useBoardScope();
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const comments = readComments(doc, card.id);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = text.trim();
    if (!body) return setNote('Write a comment first.');
    if (body.length > 1000) return setNote('Use at most 1000 characters.');
    addComment(doc, card.id, { id: uuidv7(), authorId: me.id, text: body }, origin);
    setText('');
    setVersion((v) => v + 1);
    const userIds = mentionedIn(body, people).filter((id) => id !== me.id);
    if (userIds.length === 0) return setNote(null);
    try {
      const { notified } = await boardActions.mention(board.id, {
        cardId: card.id,
        userIds,
        excerpt: body.slice(0, 200),
      });
      setNote(`${notified} ${notified === 1 ? 'person was' : 'people were'} notified.`);
    } catch (error) {
      setNote(describeError(error).message ?? 'Mentions could not be sent just now.');
    }
  }

  return (
    <div className="dialog__body">
      <blockquote className="comment-card">{card.text}</blockquote>
      {comments.length === 0 ? (
        <p className="muted">No comments yet. Ask a question or build on the idea.</p>
      ) : (
        <ol className="comment-list">
          {comments.map((c) => (
            <li key={c.id} className={c.resolved ? 'comment comment--resolved' : 'comment'}>
              <p className="comment__meta">
                <strong>{nameOf(c.authorId)}</strong>
                {c.resolved ? <span className="muted"> · resolved</span> : null}
              </p>
              <p className="comment__text">{c.text}</p>
              {canWrite &&
              mayResolveComment(
                { userId: me.id, facilitates: canFacilitate },
                c.authorId,
                card.authorId,
              ) ? (
                <Button
                  className="button button--quiet button--tiny"
                  onPress={() => {
                    setCommentResolved(doc, card.id, c.id, !c.resolved, origin);
                    setVersion((v) => v + 1);
                  }}
                >
                  {c.resolved ? 'Reopen' : 'Resolve'}
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <form className="form" onSubmit={onSubmit}>
          <label className="field">
            <span className="field__label">Add a comment</span>
            <span className="field__hint">Type @ and a member’s name to let them know.</span>
            <textarea
              className="field__input"
              rows={3}
              maxLength={1000}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <div role="status" className="form-alert-region">
            {note ? <p>{note}</p> : null}
          </div>
          <div className="dialog__actions">
            <Button className="button button--quiet" onPress={close}>
              Close
            </Button>
            <Button type="submit" className="button button--primary">
              Comment
            </Button>
          </div>
        </form>
      ) : (
        <div className="dialog__actions">
          <Button className="button button--quiet" onPress={close}>
            Close
          </Button>
        </div>
      )}
    </div>
  );
}
