import type { CohortRole } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button, FileTrigger, Label, Radio, RadioGroup } from 'react-aria-components';
import { ApiError, apiPost } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import { cohortKeys, cohortPaths, ROLE_LABELS } from './api.ts';
import type { Cohort, InviteResponse, InviteResult } from './types.ts';

type Mode = 'list' | 'csv';

/** The rows the server numbers for a pasted list: split on new lines, commas and semicolons. */
export function listRows(emails: string): string[] {
  return emails
    .split(/[\n,;]+/)
    .map((token) => token.trim())
    .filter(Boolean);
}

/** CSV rows as a spreadsheet numbers them (blank lines skipped). */
function csvRows(csv: string): string[] {
  return csv
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * When no row could be invited the server answers 400, naming each row's failing fields as
 * `rows.<n>.<field>`. Shown as results like any other, so each row says what is wrong.
 */
export function rejectedResponse(error: ApiError, rows: string[]): InviteResponse | null {
  const byRow = new Map<number, InviteResult>();
  for (const { path, message } of error.fields) {
    const match = /^rows\.(\d+)\.(.+)$/.exec(path);
    if (!match) continue;
    const row = Number(match[1]);
    const result = byRow.get(row) ?? {
      row,
      input: rows[row - 1] ?? '',
      status: 'rejected' as const,
      errors: [],
    };
    result.errors!.push({ path: match[2]!, message });
    byRow.set(row, result);
  }
  if (byRow.size === 0) return null;
  const results = [...byRow.values()].sort((a, b) => a.row - b.row);
  return {
    results,
    summary: { invited: 0, resent: 0, alreadyMembers: 0, rejected: results.length },
    emailed: false,
  };
}

interface Props {
  cohort: Cohort;
  onResults: (response: InviteResponse) => void;
}

export function InviteForm({ cohort, onResults }: Props) {
  const queryClient = useQueryClient();
  const feedback = useFormFeedback();
  const [mode, setMode] = useState<Mode>('list');
  const [emails, setEmails] = useState('');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const roles = cohort.assignableRoles;
  const defaultRole: CohortRole = roles.includes('participant') ? 'participant' : roles[0]!;

  const invite = useMutation({
    mutationFn: (body: unknown) =>
      apiPost<InviteResponse>(cohortPaths.invitations(cohort.id), body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cohortKeys.one(cohort.id) }),
  });

  async function readFile(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    try {
      setCsv(await file.text());
      setFileName(file.name);
      feedback.clear();
    } catch {
      feedback.show({ message: `We could not read ${file.name}. Try saving it as CSV again.` });
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invite.isPending) return;
    const data = new FormData(event.currentTarget);
    let body: Record<string, string>;
    let rows: string[];
    if (mode === 'list') {
      if (!emails.trim()) {
        return feedback.show({ fieldErrors: { emails: 'Paste at least one email address' } });
      }
      body = { emails, role: String(data.get('role') || defaultRole) };
      rows = listRows(emails);
    } else {
      if (!csv.trim()) {
        return feedback.show({ fieldErrors: { csv: 'Choose a CSV file, or paste its rows here' } });
      }
      body = { csv };
      rows = csvRows(csv);
    }
    feedback.clear();
    invite.mutate(body, {
      onSuccess: (response) => {
        // Only the rows that need attention stay, to correct: pressing Invite again with the
        // whole list would send everyone again, and a link sent again replaces the one before.
        if (mode === 'list') {
          setEmails(
            response.results
              .filter((r) => r.status === 'rejected')
              .map((r) => r.input)
              .join('\n'),
          );
        }
        onResults(response);
      },
      onError: (error) => {
        const rejected = error instanceof ApiError ? rejectedResponse(error, rows) : null;
        if (rejected) return onResults(rejected);
        feedback.show(describeError(error, ['emails', 'role', 'csv']));
      },
    });
  }

  return (
    <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
      <RadioGroup
        className="field segmented"
        orientation="horizontal"
        value={mode}
        onChange={(value) => {
          setMode(value as Mode);
          feedback.clear();
        }}
      >
        <Label className="field__label">How would you like to add people?</Label>
        <div className="segmented__options">
          <Radio value="list" className="segmented__option">
            Paste a list
          </Radio>
          <Radio value="csv" className="segmented__option">
            Use a CSV file
          </Radio>
        </div>
      </RadioGroup>

      {mode === 'list' ? (
        <>
          <SelectField
            name="role"
            label="Invite them as"
            options={roles.map((role) => ({ id: role, label: ROLE_LABELS[role] }))}
            defaultValue={defaultRole}
          />
          <TextAreaField
            name="emails"
            label="Paste email addresses"
            description="One per line, or separated by commas. Names are welcome: Amy Aitkens <amy@example.org>"
            rows={6}
            value={emails}
            onChange={setEmails}
            textAreaProps={{ spellCheck: false, autoCapitalize: 'none' }}
          />
        </>
      ) : (
        <>
          <div className="field">
            <span className="field__label" id="csv-file-label">
              CSV file
            </span>
            <p className="field__hint">
              One person per row: email, name, role. A header row is optional. The role can be
              participant, facilitator, sponsor or programme lead, and is participant when left out.
            </p>
            <div className="file-pick">
              <FileTrigger acceptedFileTypes={['.csv', 'text/csv']} onSelect={readFile}>
                <Button className="button button--quiet" aria-describedby="csv-file-label">
                  Choose a CSV file
                </Button>
              </FileTrigger>
              <span className="file-pick__name" aria-live="polite">
                {fileName ? `Read ${fileName}` : 'No file chosen'}
              </span>
            </div>
          </div>
          <TextAreaField
            name="csv"
            label="CSV rows"
            description="The file’s rows appear here; you can also paste or correct rows yourself."
            rows={6}
            value={csv}
            onChange={setCsv}
            textAreaProps={{ spellCheck: false, autoCapitalize: 'none' }}
          />
        </>
      )}
      <div className="form__actions">
        <Button type="submit" className="button button--primary" isPending={invite.isPending}>
          Invite
        </Button>
      </div>
    </FeedbackForm>
  );
}
