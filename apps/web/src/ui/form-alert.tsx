/**
 * Where a form says what went wrong that is not about one field (a wrong password, too many
 * attempts, no connection). The region is always present so screen readers announce changes.
 */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" className="form-alert-region">
      {message ? <p className="form-alert">{message}</p> : null}
    </div>
  );
}
