import type { CohortAction } from '@colab/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { ActivityFeed } from '../../features/activity/feed.tsx';
import { ComingUp } from '../../features/calendar/coming-up.tsx';
import { may, ROLE_LABELS, useAudit, useMembers } from '../../features/cohorts/api.ts';
import { describeEvent, nameFinder } from '../../features/cohorts/audit-text.ts';
import { cohortTiming, formatDateRange, formatMoment } from '../../features/cohorts/dates.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import type { Cohort } from '../../features/cohorts/types.ts';
import { CohortPrompts } from '../../features/journal/cohort-prompts.tsx';
import { MyActions } from '../../features/sets/my-actions.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Page } from '../../ui/page.tsx';

const SPACES: { title: string; body: string; path?: string; onlyFor?: CohortAction }[] = [
  {
    title: 'Reflection boards',
    path: 'boards',
    onlyFor: 'boards.view',
    body: 'Shared boards for the whole cohort: a facilitator’s prompt, sticky notes, themes and dot-voting.',
  },
  {
    title: 'Journal',
    path: '/journal',
    body: 'Your private notes between sessions. Only you can read them, unless you choose to share an entry.',
  },
  {
    title: 'Action learning sets',
    path: 'sets',
    onlyFor: 'sets.view',
    body: 'Your set’s meetings, the presenter rota and the actions you commit to. What is said in a set stays in the set.',
  },
  {
    title: 'Project groups',
    path: 'groups',
    body: 'Your group’s evidence, findings and resources, and the output you will showcase.',
  },
  {
    title: 'Showcase',
    path: 'showcase',
    body: 'The films, reports and findings of the project groups, for sponsors and the wider programme.',
  },
];

export function CohortHomePage() {
  const cohort = useCohortSpace();
  return (
    <Page title="Cohort home" documentTitle={cohort.name} section>
      <About cohort={cohort} />

      {may(cohort, 'invitations.manage') && cohort.memberCount <= 1 && !cohort.archived ? (
        <GettingStarted cohort={cohort} />
      ) : null}

      <section className="section" aria-labelledby="coming-up">
        <h2 id="coming-up" className="section__title">
          What’s coming up
        </h2>
        <ComingUp cohortId={cohort.id} />
      </section>

      {may(cohort, 'sets.view') ? <MyActions cohortId={cohort.id} /> : null}

      {may(cohort, 'reflections.view') ? <CohortPrompts cohort={cohort} /> : null}

      <section className="section" aria-labelledby="spaces">
        <h2 id="spaces" className="section__title">
          Spaces in this cohort
        </h2>
        <ul className="space-grid">
          {SPACES.filter((space) => !space.onlyFor || may(cohort, space.onlyFor)).map((space) => (
            <li key={space.title} className="space-card">
              <h3 className="space-card__title">
                {space.path ? (
                  <Link
                    to={
                      space.path.startsWith('/')
                        ? space.path
                        : `/cohorts/${cohort.id}/${space.path}`
                    }
                  >
                    {space.title}
                  </Link>
                ) : (
                  space.title
                )}
              </h3>
              <p className="space-card__body">{space.body}</p>
              {space.path ? null : (
                <p className="space-card__status">
                  <Badge>Coming soon</Badge>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="recent">
        <h2 id="recent" className="section__title">
          What’s happening
        </h2>
        <ActivityFeed cohortId={cohort.id} />
        {may(cohort, 'audit.view') ? <RecentActivity cohort={cohort} /> : null}
      </section>
    </Page>
  );
}

function About({ cohort }: { cohort: Cohort }) {
  const facts: [string, ReactNode][] = [
    [
      'Dates',
      <>
        {formatDateRange(cohort.startsOn, cohort.endsOn)}{' '}
        <span className="muted">({cohortTiming(cohort.startsOn, cohort.endsOn)})</span>
      </>,
    ],
    ['Timezone', cohort.timezone.replaceAll('_', ' ')],
    ['Your role', cohort.myRole ? ROLE_LABELS[cohort.myRole] : 'You look after this Colab'],
    [
      'Members',
      <Link key="members" to={`/cohorts/${cohort.id}/members`}>
        {cohort.memberCount} {cohort.memberCount === 1 ? 'person' : 'people'}
      </Link>,
    ],
  ];
  return (
    <section className="card cohort-about" aria-label="About this cohort">
      {cohort.description ? (
        <p className="cohort-about__description">{cohort.description}</p>
      ) : (
        <p className="muted">
          No description yet.
          {may(cohort, 'cohort.edit') ? (
            <>
              {' '}
              <Link to={`/cohorts/${cohort.id}/settings`}>Add one in Settings</Link>.
            </>
          ) : null}
        </p>
      )}
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term} className="facts__item">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RecentActivity({ cohort }: { cohort: Cohort }) {
  const person = useCurrentPerson();
  const audit = useAudit(cohort.id);
  const members = useMembers(cohort.id);

  if (audit.isPending) return <p className="muted">Loading recent activity…</p>;
  if (audit.error) return <p className="muted">Recent activity could not be loaded just now.</p>;
  const nameOf = nameFinder(members.data, person, audit.data);
  const recent = audit.data.slice(0, 5);
  return (
    <>
      <h3 className="section__subtitle">Latest in the activity log</h3>
      <ul className="activity-list">
        {recent.map((event) => (
          <li key={event.id}>
            <span>{describeEvent(event, nameOf)}</span>{' '}
            <span className="muted activity-list__when">
              {formatMoment(event.createdAt, person.timezone)}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/cohorts/${cohort.id}/activity`}>See the full activity log</Link>
      </p>
    </>
  );
}

/** For whoever runs a cohort nobody has joined yet: what to do next, in order. */
function GettingStarted({ cohort }: { cohort: Cohort }) {
  const base = `/cohorts/${cohort.id}`;
  return (
    <section className="section note" aria-labelledby="getting-started">
      <h2 id="getting-started" className="section__title">
        Getting started
      </h2>
      <ol className="steps">
        <li>
          <Link to={`${base}/invitations`}>Invite people</Link>: facilitators, participants and
          sponsors, one by one or as a pasted list. They join with the link they are sent.
        </li>
        {may(cohort, 'sets.manage') ? (
          <li>
            <Link to={`${base}/sets`}>Form the action learning sets</Link> once people have joined,
            and schedule their first meetings.
          </li>
        ) : null}
        {may(cohort, 'boards.create') ? (
          <li>
            <Link to={`${base}/boards`}>Open a reflection board</Link> for the first session, for
            example a word wall of what people hope for.
          </li>
        ) : null}
      </ol>
    </section>
  );
}
