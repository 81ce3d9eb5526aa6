import { Button } from 'react-aria-components';

interface Props {
  label: string;
  pending: boolean;
  /** Announced politely once the form is saved; nothing until then. */
  saved: string | null;
}

/** The end of an edit form: its save button and the line that says it was saved. */
export function SaveActions({ label, pending, saved }: Props) {
  return (
    <div className="form__actions">
      <Button type="submit" className="button button--primary" isPending={pending}>
        {label}
      </Button>
      <p role="status" className="status-line">
        {saved}
      </p>
    </div>
  );
}
