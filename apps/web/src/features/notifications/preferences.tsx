import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { apiGet, apiPut } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { Card } from '../../ui/card.tsx';

type Email = 'off' | 'immediate' | 'digest';
interface Preference {
  category: string;
  label: string;
  inApp: boolean;
  email: Email;
}
interface Preferences {
  preferences: Preference[];
  digestHour: number;
  emailAvailable: boolean;
}

const key = ['me', 'notification-preferences'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Per kind of news: shown in Colab or not, and emailed at once, in a daily digest, or never. */
export function NotificationPreferences() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: key,
    queryFn: () => apiGet<Preferences>('/api/me/notification-preferences'),
  });
  const [draft, setDraft] = useState<Preferences | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  const save = useMutation({
    mutationFn: (input: Preferences) =>
      apiPut<Preferences>('/api/me/notification-preferences', {
        preferences: input.preferences.map(({ category, inApp, email }) => ({
          category,
          inApp,
          email,
        })),
        digestHour: input.digestHour,
      }),
    onSuccess: (answer) => {
      queryClient.setQueryData(key, answer);
      setSaved('Notification settings saved.');
    },
  });

  const change = (category: string, patch: Partial<Preference>) => {
    setSaved('');
    setDraft((d) =>
      d
        ? {
            ...d,
            preferences: d.preferences.map((p) =>
              p.category === category ? { ...p, ...patch } : p,
            ),
          }
        : d,
    );
  };

  return (
    <Card className="notification-settings">
      <h2 className="section__title" id="notifications">
        Notifications
      </h2>
      {query.isPending || !draft ? (
        <p className="muted">Loading your notification settings…</p>
      ) : query.error ? (
        <p role="alert">{describeError(query.error).message}</p>
      ) : (
        <form
          className="form"
          aria-labelledby="notifications"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(draft);
          }}
        >
          {draft.emailAvailable ? null : (
            <p className="note note--form">
              This Colab does not send email yet, so only the in-app choices take effect.
            </p>
          )}
          <div className="preferences-table__scroll">
            <table className="preferences-table">
              <caption className="visually-hidden">What you hear about, and how</caption>
              <thead>
                <tr>
                  <th scope="col">When…</th>
                  <th scope="col">In Colab</th>
                  <th scope="col">Email</th>
                </tr>
              </thead>
              <tbody>
                {draft.preferences.map((p) => (
                  <tr key={p.category}>
                    <th scope="row">{p.label}</th>
                    <td data-label="In Colab">
                      <input
                        type="checkbox"
                        aria-label={`${p.label}: show in Colab`}
                        checked={p.inApp}
                        onChange={(e) => change(p.category, { inApp: e.target.checked })}
                      />
                    </td>
                    <td data-label="Email">
                      <select
                        className="field__input preferences-table__email"
                        aria-label={`${p.label}: email`}
                        value={p.email}
                        onChange={(e) => change(p.category, { email: e.target.value as Email })}
                      >
                        <option value="immediate">At once</option>
                        <option value="digest">In the daily digest</option>
                        <option value="off">Never</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="field">
            <span className="field__label">Send the daily digest at (your time)</span>
            <select
              className="field__input"
              value={draft.digestHour}
              onChange={(e) => {
                setSaved('');
                setDraft({ ...draft, digestHour: Number(e.target.value) });
              }}
            >
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {hour(h)}
                </option>
              ))}
            </select>
          </label>
          <div className="form__actions">
            <Button type="submit" className="button button--primary" isPending={save.isPending}>
              Save notification settings
            </Button>
            <p role="status" className="status-line">
              {saved}
            </p>
          </div>
          {save.error ? <p role="alert">{describeError(save.error).message}</p> : null}
        </form>
      )}
    </Card>
  );
}
