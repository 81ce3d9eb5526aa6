import {
  type FieldProblem,
  fieldProblemsFromZod,
  type TCreateInvitationsRequest,
  type TInviteRow,
  ZInviteRow,
} from '@colab/shared';
import { parse } from 'csv-parse/sync';

export type ParsedRow = {
  row: number;
  input: string;
  invite?: TInviteRow;
  errors?: FieldProblem[];
};

function validateRow(row: number, input: string, candidate: unknown): ParsedRow {
  const result = ZInviteRow.safeParse(candidate);
  return result.success
    ? { row, input, invite: result.data }
    : { row, input, errors: fieldProblemsFromZod(result.error) };
}

/** `Amy Aitkens <amy@example.org>` or a bare address. */
function parseAddress(token: string): { email: string; name?: string } {
  const match = /^(.*)<([^>]+)>$/.exec(token.trim());
  if (!match) return { email: token.trim() };
  const name = match[1]!.trim().replace(/^"|"$/g, '');
  return name ? { email: match[2]!.trim(), name } : { email: match[2]!.trim() };
}

/** Turns any of the three request shapes into numbered rows, each valid or with its errors. */
export function parseInvitationRows(request: TCreateInvitationsRequest): ParsedRow[] {
  if ('invites' in request) {
    return request.invites.map((candidate, i) =>
      validateRow(i + 1, JSON.stringify(candidate), candidate),
    );
  }
  if ('emails' in request) {
    return request.emails
      .split(/[\n,;]+/)
      .map((t) => t.trim())
      .filter(Boolean)
      .map((token, i) => validateRow(i + 1, token, { ...parseAddress(token), role: request.role }));
  }
  let records: string[][];
  try {
    records = parse(request.csv, {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      relax_quotes: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    return [
      {
        row: 1,
        input: request.csv.slice(0, 80),
        errors: [{ path: 'csv', message: `Could not read the CSV: ${(error as Error).message}` }],
      },
    ];
  }
  const header = records[0]?.map((c) => c.toLowerCase());
  const hasHeader = header?.includes('email') ?? false;
  const column = (name: string, fallback: number) => (hasHeader ? header!.indexOf(name) : fallback);
  const [emailAt, nameAt, roleAt] = [column('email', 0), column('name', 1), column('role', 2)];
  return records.slice(hasHeader ? 1 : 0).map((cells, i) => {
    const role =
      (roleAt >= 0 ? cells[roleAt] : '')?.toLowerCase().replaceAll(' ', '_') || 'participant';
    const name = nameAt >= 0 ? cells[nameAt] || undefined : undefined;
    // Row numbers as a spreadsheet shows them, counting the header.
    return validateRow(i + 1 + (hasHeader ? 1 : 0), cells.join(','), {
      email: cells[emailAt] ?? '',
      name,
      role,
    });
  });
}
