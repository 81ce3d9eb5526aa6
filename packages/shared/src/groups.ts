import { z } from 'zod';

const name = z
  .string({ error: 'Give the group a name' })
  .trim()
  .min(1, 'Give the group a name')
  .max(120, 'Use at most 120 characters');
const challenge = z.string().trim().max(2000, 'Use at most 2000 characters');
const ids = (message: string) => z.array(z.uuid({ error: message })).max(30);

export const ZCreateGroupRequest = z
  .object({
    name,
    /** The hard problem the group works on, in a sentence or two. */
    challenge: challenge.default(''),
    memberIds: ids('Choose participants of the cohort').default([]),
    sponsorIds: ids('Choose sponsors of the cohort').default([]),
    chiefSponsorId: z.uuid({ error: 'Choose one of the sponsors' }).nullable().optional(),
  })
  .strict()
  .refine((g) => !g.chiefSponsorId || g.sponsorIds.includes(g.chiefSponsorId), {
    path: ['chiefSponsorId'],
    error: 'The chief sponsor must be one of the sponsors',
  });
export type TCreateGroupRequest = z.input<typeof ZCreateGroupRequest>;

export const ZUpdateGroupRequest = z.object({ name, challenge }).partial().strict();

export const GROUP_ROLES = ['member', 'sponsor'] as const;
export const ZAddGroupMembersRequest = z
  .object({
    userIds: ids('Choose people of the cohort').min(1, 'Choose at least one person'),
    role: z.enum(GROUP_ROLES, { error: 'Choose member or sponsor' }),
    /** Makes the (one) sponsor added the chief sponsor. */
    chief: z.boolean().default(false),
  })
  .strict()
  .refine((g) => !g.chief || (g.role === 'sponsor' && g.userIds.length === 1), {
    path: ['chief'],
    error: 'Mark one sponsor at a time as chief',
  });

export const groupPageDocName = (groupId: string) => `group-page:${groupId}`;

export const EVIDENCE_KINDS = ['interview', 'observation', 'finding'] as const;
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'A tag cannot be empty')
  .max(40, 'Keep tags to 40 characters');
const isoDate = z.iso.date({ error: 'Use a date like 2027-03-09' });
const evidenceFields = {
  kind: z.enum(EVIDENCE_KINDS, { error: 'Choose interview, observation or finding' }),
  title: z.string().trim().min(1, 'Give it a title').max(200, 'Use at most 200 characters'),
  body: z.string().trim().max(20_000, 'Use at most 20,000 characters').default(''),
  occurredOn: isoDate.nullable().default(null),
  source: z.string().trim().max(300, 'Use at most 300 characters').default(''),
  tags: z
    .array(tag)
    .max(20, 'Use at most 20 tags')
    .default([])
    .transform((tags) => [...new Set(tags)]),
  /** For a finding: the group's evidence behind it. */
  evidenceIds: z
    .array(z.uuid({ error: 'Choose the group’s evidence' }))
    .max(50)
    .default([]),
};
export const ZCreateEvidenceRequest = z.object(evidenceFields).strict();
export type TCreateEvidenceRequest = z.input<typeof ZCreateEvidenceRequest>;
export const ZUpdateEvidenceRequest = z
  .object({
    title: evidenceFields.title,
    body: z.string().trim().max(20_000, 'Use at most 20,000 characters'),
    occurredOn: isoDate.nullable(),
    source: z.string().trim().max(300, 'Use at most 300 characters'),
    tags: evidenceFields.tags,
    evidenceIds: z.array(z.uuid({ error: 'Choose the group’s evidence' })).max(50),
  })
  .partial()
  .strict();
export const ZEvidenceQuery = z.object({
  kind: z.enum(EVIDENCE_KINDS, { error: 'Choose interview, observation or finding' }).optional(),
  tag: tag.optional(),
});

export const ZCreateMilestoneRequest = z
  .object({
    title: z.string().trim().min(1, 'Give the milestone a title').max(200),
    dueOn: isoDate,
  })
  .strict();
export const ZUpdateMilestoneRequest = z
  .object({
    title: z.string().trim().min(1, 'Give the milestone a title').max(200),
    dueOn: isoDate,
    done: z.boolean(),
  })
  .partial()
  .strict();

const outputFields = {
  title: z.string().trim().min(1, 'Give the output a title').max(200, 'Use at most 200 characters'),
  summary: z.string().trim().max(5000, 'Use at most 5000 characters'),
  theme: z.string().trim().max(80, 'Use at most 80 characters'),
  keyFindings: z
    .array(z.string().trim().min(1, 'A finding cannot be empty').max(500))
    .max(12, 'Keep to 12 key findings'),
  filmUrl: z
    .union([
      z.literal(''),
      z.url({ protocol: /^https?$/, error: 'Give a web address starting https://' }).max(500),
    ])
    .transform((v) => (v === '' ? null : v))
    .nullable(),
};
export const ZCreateOutputRequest = z
  .object({
    title: outputFields.title,
    summary: outputFields.summary.default(''),
    theme: outputFields.theme.default(''),
    keyFindings: outputFields.keyFindings.default([]),
    filmUrl: outputFields.filmUrl.default(null),
  })
  .strict();
export const ZUpdateOutputRequest = z.object(outputFields).partial().strict();
export const ZReturnOutputRequest = z
  .object({
    comment: z.string().trim().min(1, 'Say what the group should change').max(2000),
  })
  .strict();
export const ZOutputFeedbackRequest = z
  .object({ body: z.string().trim().min(1, 'Write your feedback').max(4000) })
  .strict();
export const ZShowcaseQuery = z.object({ theme: z.string().trim().max(80).optional() });

/** The text fields of `POST /api/groups/:id/resources` (multipart, with a `file`, or JSON). */
export const ZCreateResourceRequest = z
  .object({
    title: z.string().trim().min(1, 'Give it a title').max(200, 'Use at most 200 characters'),
    url: z
      .url({ protocol: /^https?$/, error: 'Give a web address starting https://' })
      .max(2000)
      .optional(),
  })
  .strict();
export const MAX_UPLOAD_MB = 50;

export const ZSearchQuery = z.object({
  q: z.string().trim().min(2, 'Search for at least two characters').max(200),
  cohortId: z.uuid({ error: 'Choose a cohort' }),
});

/** An output's uploaded parts, one of each: a cover image, a film, a report. */
export const ZOutputMediaKind = z.enum(['cover', 'film', 'report']);
export type TOutputMediaKind = z.infer<typeof ZOutputMediaKind>;

/** What each part may be, checked on the server by the file's own bytes. */
export const OUTPUT_MEDIA_ACCEPT: Record<TOutputMediaKind, { types: string[]; says: string }> = {
  cover: {
    types: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    says: 'A cover is a PNG, JPEG, WebP or GIF image',
  },
  film: {
    types: ['video/mp4', 'video/webm', 'video/quicktime'],
    says: 'A film is an MP4, WebM or QuickTime video',
  },
  report: { types: ['application/pdf'], says: 'A report is a PDF' },
};

/** The running order of a cohort's published outputs at the celebration event. */
export const ZShowcaseOrderRequest = z
  .object({ outputIds: z.array(z.uuid()).min(1).max(200) })
  .strict();

/** People named with @ on a group's page; only those who may read its work are told. */
export const ZGroupMentionRequest = z
  .object({
    userIds: z
      .array(z.uuid({ error: 'Choose people of the cohort' }))
      .min(1, 'Mention at least one person')
      .max(50, 'Mention at most 50 people'),
    excerpt: z.string().trim().max(200, 'Use at most 200 characters').default(''),
  })
  .strict();
