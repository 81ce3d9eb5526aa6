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

export interface DemoEvidence {
  kind: 'interview' | 'observation' | 'finding';
  by: string;
  title: string;
  body: string;
  source: string;
  tags: string[];
  weeksAgo: number;
}

export interface DemoGroup {
  name: string;
  challenge: string;
  members: string[];
  /** In the order gathered; a finding draws on everything gathered before it. */
  evidence: DemoEvidence[];
  /** Published in the showcase, written by the first member. */
  output: { title: string; summary: string; theme: string; keyFindings: string[] };
}

export const GROUPS: DemoGroup[] = [
  {
    name: 'The Visionaries',
    challenge:
      'Why do GP practices in the east of the county struggle to recruit, and what would make newly qualified GPs stay?',
    members: ['pat', 'sam', 'raj'],
    evidence: [
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
    ],
    output: {
      title: 'Growing our own GPs',
      summary:
        'What a practice manager, a GP registrar and a morning at the medical school careers fair taught us about recruiting GPs in the east of the county, and three things the system could do next.',
      theme: 'Workforce',
      keyFindings: [
        'Partnership is a barrier: newly qualified GPs want salaried posts first',
        'Practices in the east are invisible to students before they choose where to train',
        'Locums cost practices more than the salaried posts nobody is offering',
      ],
    },
  },
  {
    name: 'Healthy Homes',
    challenge: 'How can housing, health and care share what they know about cold, damp homes?',
    members: ['nia', 'tom', 'zoe'],
    evidence: [
      {
        kind: 'interview',
        by: 'nia',
        title: 'Housing officer, Westgate estate',
        body: 'We know which flats have damp. The surgery knows which children keep coming in with chests. We have never once sat in the same room.',
        source: 'Interview, 45 minutes',
        tags: ['housing', 'data sharing'],
        weeksAgo: 7,
      },
      {
        kind: 'observation',
        by: 'tom',
        title: 'A morning with the repairs team',
        body: 'Four of the six visits were for mould. Each tenant had already been told by their GP to “keep the home warm and dry”.',
        source: 'Observation',
        tags: ['housing', 'mould'],
        weeksAgo: 5,
      },
      {
        kind: 'finding',
        by: 'zoe',
        title: 'Nobody owns the whole picture',
        body: 'Housing, the practice and the council each hold part of the story; no one is asked to put it together for a family.',
        source: '',
        tags: ['data sharing'],
        weeksAgo: 3,
      },
    ],
    output: {
      title: 'Damp homes, shared knowledge',
      summary:
        'What a housing officer and a morning with the repairs team showed us about cold, damp homes, and a one-page referral that housing and general practice can both use.',
      theme: 'Housing and health',
      keyFindings: [
        'Housing and the surgery each see half of the same family',
        'Advice to “keep warm and dry” lands on people who cannot',
        'A shared referral would take an afternoon to agree, not a new system',
      ],
    },
  },
  {
    name: 'First 1000 Days',
    challenge: 'What stops families in our most deprived wards from using early-years support?',
    members: ['ola', 'ken', 'amy'],
    evidence: [
      {
        kind: 'interview',
        by: 'amy',
        title: 'Two mums at the children’s centre',
        body: 'We didn’t know the baby groups were free. And you have to book online, and my phone runs out of data by the middle of the month.',
        source: 'Conversation over coffee, 20 minutes',
        tags: ['access', 'digital'],
        weeksAgo: 6,
      },
      {
        kind: 'observation',
        by: 'ken',
        title: 'Health visitor’s Tuesday clinic',
        body: 'Three of the nine families who came had walked past the children’s centre on the way and never been in.',
        source: 'Observation, shadowing a health visitor',
        tags: ['access'],
        weeksAgo: 4,
      },
      {
        kind: 'finding',
        by: 'ola',
        title: 'Support is near, but not known',
        body: 'The services are close to families; what keeps them away is not knowing, booking online, and not feeling it is for them.',
        source: '',
        tags: ['access'],
        weeksAgo: 2,
      },
    ],
    output: {
      title: 'Walking past the door',
      summary:
        'What two mums and a health visitor’s clinic told us about why families walk past the children’s centre, and what we would change first.',
      theme: 'Early years',
      keyFindings: [
        'Families did not know the groups were free',
        'Booking online shuts out those without data',
        'A health visitor’s invitation brings people through the door',
      ],
    },
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

/** The facilitator's reflection prompt, and the answer a participant shared with the cohort. */
export const PROMPT = {
  text: 'What has surprised you most about working with people from other organisations?',
  answer: [
    'How much the same problems look different from the other side of the table.',
    'The housing officer in our set sees the discharge delays we fight every week as a housing problem, and she is right. I have stopped thinking of the council as the people who say no.',
  ],
};
