import { z } from 'zod';

/**
 * What people choose to hear about. Kinds are grouped into categories people recognise, so a
 * poll opening and its reminder are one choice; preferences are kept per category.
 */
export const NOTIFICATION_CATEGORIES = [
  { category: 'mentions', label: 'Someone mentions me', kinds: ['mention'] },
  {
    category: 'prompts',
    label: 'A reflection prompt is published',
    kinds: ['prompt_published'],
  },
  {
    category: 'meetings',
    label: 'A meeting of my set is scheduled, moved or cancelled',
    kinds: ['meeting.scheduled', 'meeting.moved', 'meeting.cancelled'],
  },
  {
    category: 'polls',
    label: 'A poll opens or is about to close',
    kinds: ['poll.opened', 'poll.reminder'],
  },
  { category: 'actions', label: 'An action of mine falls due', kinds: ['action.due_soon'] },
  {
    category: 'outputs',
    label: 'Our showcase output moves on (submitted, published, sent back)',
    kinds: ['output.submitted', 'output.published', 'output.returned'],
  },
  { category: 'feedback', label: 'Feedback on our output', kinds: ['output.feedback'] },
] as const;

type Category = (typeof NOTIFICATION_CATEGORIES)[number];
export type TNotificationCategory = Category['category'];
export type TNotificationKind = Category['kinds'][number];

/** Every kind of notification with the category (and its label) it belongs to. */
export const NOTIFICATION_KINDS: readonly {
  kind: TNotificationKind;
  category: TNotificationCategory;
  label: string;
}[] = NOTIFICATION_CATEGORIES.flatMap((c) =>
  c.kinds.map((kind) => ({ kind, category: c.category, label: c.label })),
);

const CATEGORY_NAMES = NOTIFICATION_CATEGORIES.map((c) => c.category) as [
  TNotificationCategory,
  ...TNotificationCategory[],
];

export function notificationCategoryOf(kind: string): TNotificationCategory | undefined {
  return NOTIFICATION_KINDS.find((k) => k.kind === kind)?.category;
}

/** `immediate`: an email per notification; `digest`: one email a day listing what is unread. */
export const EMAIL_DELIVERIES = ['off', 'immediate', 'digest'] as const;
export type TEmailDelivery = (typeof EMAIL_DELIVERIES)[number];

export interface TNotificationPreference {
  inApp: boolean;
  email: TEmailDelivery;
}

/** What someone who never chose gets: everything in the app; mentions by email at once. */
export function defaultNotificationPreference(
  category: TNotificationCategory,
): TNotificationPreference {
  return { inApp: true, email: category === 'mentions' ? 'immediate' : 'digest' };
}
export const DEFAULT_DIGEST_HOUR = 7;

export const ZNotificationPreferencesUpdate = z
  .object({
    preferences: z
      .array(
        z
          .object({
            category: z.enum(CATEGORY_NAMES, {
              error: `Choose one of: ${CATEGORY_NAMES.join(', ')}`,
            }),
            inApp: z.boolean({ error: 'Use true or false' }).optional(),
            email: z
              .enum(EMAIL_DELIVERIES, { error: 'Choose off, immediate or digest' })
              .optional(),
          })
          .strict(),
      )
      .max(CATEGORY_NAMES.length, `Name each category at most once`)
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        for (const [i, p] of list.entries()) {
          if (seen.has(p.category))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'category'],
              message: 'Name each category at most once',
            });
          seen.add(p.category);
        }
      }),
    /** The hour of the day, in the person's own time zone, their digest is sent. */
    digestHour: z
      .number({ error: 'Use a whole hour from 0 to 23' })
      .int('Use a whole hour from 0 to 23')
      .min(0, 'Use a whole hour from 0 to 23')
      .max(23, 'Use a whole hour from 0 to 23')
      .optional(),
  })
  .strict();
export type TNotificationPreferencesUpdate = z.infer<typeof ZNotificationPreferencesUpdate>;
