import { BOARD_TEMPLATES, DEFAULT_BOARD_SETTINGS, type TBoardSettings } from '@colab/shared';
import { formText } from '../../api/parse.ts';
import { CheckboxField } from '../../ui/checkbox-field.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { TextInput } from '../../ui/text-field.tsx';
import { type Board, TEMPLATE_LABELS } from './api.ts';

export const BOARD_FIELDS = ['title', 'prompt', 'template', 'settings.voteBudget'] as const;

/** The fields of a board: what it asks, and how it runs. The template only when creating. */
export function BoardFields({ board }: { board?: Board }) {
  const settings = board?.settings ?? DEFAULT_BOARD_SETTINGS;
  return (
    <>
      <TextInput
        name="title"
        label="Title"
        description="For example: What helps us listen across organisations?"
        defaultValue={board?.title}
      />
      <TextAreaField
        name="prompt"
        label="Prompt (optional)"
        description="The question people answer on their cards."
        defaultValue={board?.prompt}
        rows={3}
      />
      {board ? null : (
        <SelectField
          name="template"
          label="Template"
          defaultValue="start_stop_continue"
          options={BOARD_TEMPLATES.map((id) => ({ id, label: TEMPLATE_LABELS[id] }))}
        />
      )}
      <TextInput
        name="settings.voteBudget"
        label="Dots per person"
        type="number"
        description="How many dots each person may place when voting. 0 turns voting off."
        defaultValue={String(settings.voteBudget)}
      />
      <CheckboxField
        name="settings.anonymousCards"
        label="Allow anonymous cards"
        description="The server writes them, so nothing ties a card to its writer."
        defaultSelected={settings.anonymousCards}
      />
      <CheckboxField
        name="settings.hiddenUntilRevealed"
        label="Hide cards until revealed"
        description="Each person sees only their own cards until you reveal them all at once."
        defaultSelected={settings.hiddenUntilRevealed}
      />
      {board ? (
        <CheckboxField
          name="settings.locked"
          label="Lock the board"
          description="Everyone but facilitators and leads can look but not change anything."
          defaultSelected={settings.locked}
        />
      ) : null}
    </>
  );
}

export function readBoardForm(form: HTMLFormElement, withTemplate: boolean) {
  const data = new FormData(form);
  const budget = formText(data, 'settings.voteBudget');
  const settings: Partial<TBoardSettings> = {
    anonymousCards: data.get('settings.anonymousCards') === 'on',
    hiddenUntilRevealed: data.get('settings.hiddenUntilRevealed') === 'on',
    voteBudget: budget === '' ? Number.NaN : Number(budget),
  };
  if (!withTemplate) settings.locked = data.get('settings.locked') === 'on';
  return {
    title: formText(data, 'title'),
    prompt: formText(data, 'prompt'),
    ...(withTemplate ? { template: formText(data, 'template') } : {}),
    settings,
  };
}
