/** The demo programme's people, sets, evidence and values: invented, in the voice of the seeds. */

export const DEMO_PASSWORD = 'colab-demo-password';

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  role: 'instance_admin' | 'programme_lead' | 'facilitator' | 'participant' | 'sponsor';
  /** How the account is described when printed. */
  label: string;
  /** One account per role is printed; the rest fill the cohort. */
  printed: boolean;
}

function person(
  key: string,
  name: string,
  role: DemoPerson['role'],
  label = role.replace('_', ' '),
  printed = false,
): DemoPerson {
  return { key, name, email: `${key}@demo.colab.example`, role, label, printed };
}

// The admin must come first: the first account of an empty instance becomes its admin.
export const DEMO_PEOPLE: DemoPerson[] = [
  person('admin', 'Ada Adeyemi', 'instance_admin', 'instance admin', true),
  person('lee', 'Lee Lawson', 'programme_lead', 'programme lead', true),
  person('fay', 'Fay Fraser', 'facilitator', 'facilitator', true),
  person('gus', 'Gus Grant', 'facilitator'),
  person('pat', 'Pat Patel', 'participant', 'participant (the Visionaries, Set A)', true),
  person('sam', 'Sam Okafor', 'participant'),
  person('raj', 'Raj Mistry', 'participant'),
  person('nia', 'Nia Hughes', 'participant'),
  person('tom', 'Tom Byrne', 'participant'),
  person('zoe', 'Zoe Clarke', 'participant'),
  person('ola', 'Ola Nowak', 'participant'),
  person('ken', 'Ken Ito', 'participant'),
  person('amy', 'Amy Walsh', 'participant'),
  person('ben', 'Ben Shah', 'participant'),
  person('sue', 'Sue Sinclair', 'sponsor', 'sponsor (chief sponsor of every group)', true),
];

export const SETS = [
  {
    name: 'Set A',
    facilitator: 'fay',
    location: 'Room 2, County Hall',
    members: ['pat', 'nia', 'ola', 'ben', 'ken'],
    presenters: [
      ['pat', 'nia'],
      ['ola', 'pat'],
    ],
    actions: [
      'Ask two practice managers what a salaried post would need to offer',
      'Talk to the housing team about shared data on damp homes',
      'Shadow a health visitor for a morning',
      'Write to the ICB about the discharge delays we mapped',
    ],
  },
  {
    name: 'Set B',
    facilitator: 'gus',
    location: 'The Community Hub, Eastfield',
    members: ['sam', 'raj', 'tom', 'zoe', 'amy'],
    presenters: [
      ['sam', 'tom'],
      ['zoe', 'amy'],
    ],
    actions: [
      'Invite the local GP trainer to our next group meeting',
      'Map who in the council already meets the PCN',
      'Try a walking meeting with my team',
      'Ask families at the children’s centre what gets in the way',
    ],
  },
];

export const EVIDENCE: {
  kind: 'interview' | 'observation' | 'finding';
  by: string;
  title: string;
  body: string;
  source: string;
  tags: string[];
  weeksAgo: number;
}[] = [
  {
    kind: 'interview',
    by: 'pat',
    title: 'Practice manager, Eastfield',
    body: 'Locums cost us more than a salaried GP would, but nobody applies for the partnership.',
    source: 'Interview, 40 minutes',
    tags: ['recruitment', 'locums'],
    weeksAgo: 6,
  },
  {
    kind: 'interview',
    by: 'sam',
    title: 'GP registrar in her final year',
    body: 'I want to stay in the area, but I don’t want to buy into a partnership yet. I need to know I can have a life.',
    source: 'Interview, 30 minutes',
    tags: ['recruitment', 'partnership'],
    weeksAgo: 5,
  },
  {
    kind: 'observation',
    by: 'raj',
    title: 'Careers fair at the medical school',
    body: 'The city practices had a stand; none of the east-of-county practices did.',
    source: 'Observation',
    tags: ['visibility'],
    weeksAgo: 4,
  },
  {
    kind: 'finding',
    by: 'pat',
    title: 'Partnership is a barrier',
    body: 'Newly qualified GPs want salaried posts first; partnerships come later, if at all.',
    source: '',
    tags: ['recruitment'],
    weeksAgo: 2,
  },
];

export const VALUES: {
  word: string;
  colour: 'yellow' | 'pink' | 'blue' | 'green' | 'purple' | 'orange';
  votes: number;
}[] = [
  { word: 'Trust', colour: 'yellow', votes: 5 },
  { word: 'Authenticity', colour: 'pink', votes: 3 },
  { word: 'Togetherness', colour: 'green', votes: 4 },
  { word: 'Transparency', colour: 'blue', votes: 2 },
  { word: 'Challenging the status quo', colour: 'orange', votes: 4 },
  { word: 'Curiosity', colour: 'purple', votes: 2 },
  { word: 'Hope', colour: 'yellow', votes: 3 },
];

/** The halfway board: a few cards in each column, the first two of each in a theme. */
export const HALFWAY: { theme?: string; cards: string[] }[] = [
  {
    theme: 'Meeting people where they are',
    cards: [
      'Hold a session in a GP practice',
      'Invite a resident to a set meeting',
      'Share our evidence with the ICB board',
    ],
  },
  {
    theme: 'Over-full days',
    cards: [
      'Back-to-back masterclasses',
      'Reading packs the night before',
      'Apologising for titles',
    ],
  },
  {
    cards: ['Walking check-ins', 'The word wall', 'Pairing across organisations', 'Cake'],
  },
];
