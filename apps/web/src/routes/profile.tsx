import { type TMe, ZUpdateProfileRequest } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiPatch } from '../api/client.ts';
import { describeError } from '../api/form-errors.ts';
import { formText, parseWith } from '../api/parse.ts';
import { useCurrentPerson } from '../features/accounts/current-person.ts';
import { ME_KEY } from '../features/accounts/hooks.ts';
import { NotificationPreferences } from '../features/notifications/preferences.tsx';
import { YourData } from '../features/privacy/your-data.tsx';
import { Card } from '../ui/card.tsx';
import { FeedbackForm } from '../ui/feedback-form.tsx';
import { Page } from '../ui/page.tsx';
import { SaveActions } from '../ui/save-actions.tsx';
import { TextAreaField } from '../ui/text-area-field.tsx';
import { TextInput } from '../ui/text-field.tsx';
import { TimezoneField } from '../ui/timezone-field.tsx';
import { useFormFeedback } from '../ui/use-form-feedback.ts';

const FIELDS = ['displayName', 'pronouns', 'bio', 'organisation', 'jobTitle', 'timezone'] as const;

export function ProfilePage() {
  const person = useCurrentPerson();
  const queryClient = useQueryClient();
  const feedback = useFormFeedback();
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (input: unknown) => apiPatch<TMe>('/api/me', input),
    onSuccess: async (me) => {
      queryClient.setQueryData(ME_KEY, me);
      // Names and bios show in every cohort's member list.
      await queryClient.invalidateQueries({ queryKey: ['cohort'] });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(null);
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(FIELDS.map((field) => [field, formText(data, field)]));
    const parsed = parseWith(ZUpdateProfileRequest, values);
    if (!parsed.success) return feedback.show({ fieldErrors: parsed.fieldErrors });
    feedback.clear();
    save.mutate(parsed.data, {
      onSuccess: () => setSaved('Your profile is saved.'),
      onError: (error) => feedback.show(describeError(error, FIELDS)),
    });
  }

  return (
    <Page
      title="Your profile"
      width="narrow"
      lead="What the people in your cohorts see about you. Share as much or as little as you like."
    >
      <Card>
        <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
          <TextInput
            name="displayName"
            label="Name"
            description="How you appear to everyone"
            autoComplete="name"
            defaultValue={person.displayName ?? person.name}
          />
          <TextInput
            name="pronouns"
            label="Pronouns (optional)"
            description="For example: she/her, they/them"
            defaultValue={person.pronouns ?? ''}
          />
          <TextAreaField
            name="bio"
            label="About you (optional)"
            description="A few lines: what you care about, what you hope to get from your co-lab."
            defaultValue={person.bio ?? ''}
            rows={4}
          />
          <div className="note note--form">
            Organisation and job title are hidden from other members in cohorts that leave titles at
            the door. You still see them on your own card.
          </div>
          <TextInput
            name="organisation"
            label="Organisation (optional)"
            autoComplete="organization"
            defaultValue={person.organisation ?? ''}
          />
          <TextInput
            name="jobTitle"
            label="Job title (optional)"
            autoComplete="organization-title"
            defaultValue={person.jobTitle ?? ''}
          />
          <TimezoneField
            name="timezone"
            description="Times are shown to you in this timezone."
            defaultValue={person.timezone}
          />
          <SaveActions label="Save profile" pending={save.isPending} saved={saved} />
        </FeedbackForm>
      </Card>
      <NotificationPreferences />
      <YourData />
    </Page>
  );
}
