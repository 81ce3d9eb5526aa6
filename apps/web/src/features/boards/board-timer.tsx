import type { BoardTimer as Timer } from '@colab/shared';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { boardActions } from './api.ts';

const CHOICES = [2, 5, 10];

function remaining(timer: Timer, now: number) {
  return Math.max(0, Math.ceil((Date.parse(timer.endsAt) - now) / 1000));
}

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * The facilitation timer. The server writes when it ends into the board's document, so every
 * screen counts down to the same moment; facilitators start and stop it.
 */
export function BoardTimer({
  boardId,
  timer,
  canRun,
}: {
  boardId: string;
  timer: Timer | null;
  canRun: boolean;
}) {
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!timer) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [timer]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught).message ?? 'The timer could not be changed.');
    }
  };
  const left = timer ? remaining(timer, now) : 0;

  if (!timer && !canRun) return null;
  return (
    <div className="board-timer">
      {timer ? (
        <span
          role="timer"
          className={`board-timer__clock${left === 0 ? ' board-timer__clock--done' : ''}`}
          aria-label={left === 0 ? 'Time is up' : `${clock(left)} left`}
        >
          {left === 0 ? 'Time’s up' : clock(left)}
        </span>
      ) : null}
      {canRun ? (
        <span className="board-timer__controls">
          {timer ? (
            <Button
              className="button button--quiet button--small"
              onPress={() => run(() => boardActions.stopTimer(boardId))}
            >
              Stop timer
            </Button>
          ) : (
            CHOICES.map((minutes) => (
              <Button
                key={minutes}
                className="button button--quiet button--small"
                onPress={() => run(() => boardActions.startTimer(boardId, minutes * 60))}
              >
                {minutes} min timer
              </Button>
            ))
          )}
        </span>
      ) : null}
      {error ? <span role="alert">{error}</span> : null}
    </div>
  );
}
