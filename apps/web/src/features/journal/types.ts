/** A journal entry as its author sees it (`GET /api/journal/:id`). */
export interface JournalEntry {
  id: string;
  docName: string;
  cohortId: string | null;
  promptId: string | null;
  /** The prompt the entry answers, if any. */
  prompt: { id: string; text: string } | null;
  title: string;
  /** The cohorts holding a read-only copy of it. */
  shares: EntryShare[];
  createdAt: string;
  updatedAt: string;
}

export interface EntryShare {
  cohortId: string;
  cohortName: string;
  sharedAt: string;
}

/** A reflection prompt of a cohort; `open` is false until `opensAt`. */
export interface Prompt {
  id: string;
  cohortId: string;
  text: string;
  opensAt: string;
  open: boolean;
}

/** An entry a member shared with a cohort: a plain-text snapshot. */
export interface SharedReflection {
  entryId: string;
  title: string;
  body: string;
  author: { id: string; displayName: string };
  sharedAt: string;
}
