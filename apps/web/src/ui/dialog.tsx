import { type ReactNode, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { describeError } from '../api/form-errors.ts';

interface ShellProps {
  title: string;
  /** 'alertdialog' for a question that needs an answer before going on. */
  role?: 'dialog' | 'alertdialog';
  children: (close: () => void) => ReactNode;
}

/**
 * A modal dialog (React Aria): focus moves in and is kept there, Escape closes it, and focus
 * returns to the button that opened it. Put it inside a DialogTrigger after that button.
 */
export function ModalDialog({ title, role = 'dialog', children }: ShellProps) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable={role === 'dialog'}>
      <Modal className="modal">
        <Dialog className="dialog" role={role}>
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">
                {title}
              </Heading>
              {children(close)}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

interface ConfirmProps {
  /** The text of the button that opens the dialog. */
  trigger: ReactNode;
  /** A fuller name for that button when its text alone is ambiguous (“Remove Amy Aitkens”). */
  triggerAriaLabel?: string;
  triggerClassName?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: 'danger' | 'primary';
  /** Runs the change; the dialog closes when it succeeds and shows why when it fails. */
  onConfirm: () => Promise<unknown>;
}

/** A button that asks “are you sure?” in a dialog before a change that is hard to undo. */
export function ConfirmButton({
  trigger,
  triggerAriaLabel,
  triggerClassName = 'button button--quiet button--small',
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'danger',
  onConfirm,
}: ConfirmProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <DialogTrigger onOpenChange={(open) => open && setError(null)}>
      <Button className={triggerClassName} aria-label={triggerAriaLabel}>
        {trigger}
      </Button>
      <ModalDialog title={title} role="alertdialog">
        {(close) => (
          <>
            <div className="dialog__body">{children}</div>
            <div role="alert" className="form-alert-region">
              {error ? <p className="form-alert">{error}</p> : null}
            </div>
            <div className="dialog__actions">
              <Button className="button button--quiet" onPress={close} isDisabled={pending}>
                {cancelLabel}
              </Button>
              <Button
                className={`button button--${tone}`}
                isPending={pending}
                onPress={async () => {
                  setPending(true);
                  setError(null);
                  try {
                    await onConfirm();
                    setPending(false);
                    close();
                  } catch (caught) {
                    setPending(false);
                    setError(describeError(caught).message ?? 'Something went wrong.');
                  }
                }}
              >
                {confirmLabel}
              </Button>
            </div>
          </>
        )}
      </ModalDialog>
    </DialogTrigger>
  );
}
