import type { RouteObject } from 'react-router';
import { SignedInOnly, SignedOutOnly } from './features/accounts/guards.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { RouteErrorPage } from './routes/route-error.tsx';
import { SignInPage } from './routes/sign-in.tsx';
import { PublicLayout } from './ui/public-layout.tsx';
import { LoadingScreen } from './ui/status.tsx';

/**
 * Every page of the app. Only the sign-in page ships in the first bundle; the others load on
 * demand, so the first visit stays small (the sign-up page brings zod with the shared schemas).
 */
export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    // Shown while the code of the first page loads.
    HydrateFallback: LoadingScreen,
    children: [
      {
        element: <SignedInOnly />,
        children: [
          {
            lazy: () => import('./ui/app-shell.tsx').then((m) => ({ Component: m.AppShell })),
            children: [
              {
                index: true,
                lazy: () => import('./routes/home.tsx').then((m) => ({ Component: m.HomePage })),
              },
              {
                path: 'profile',
                lazy: () =>
                  import('./routes/profile.tsx').then((m) => ({ Component: m.ProfilePage })),
              },
              {
                path: 'journal',
                lazy: () =>
                  import('./routes/journal.tsx').then((m) => ({ Component: m.JournalPage })),
              },
              {
                path: 'journal/:entryId',
                lazy: () =>
                  import('./routes/journal-entry.tsx').then((m) => ({
                    Component: m.JournalEntryPage,
                  })),
              },
              {
                path: 'cohorts/new',
                lazy: () =>
                  import('./routes/cohort-new.tsx').then((m) => ({ Component: m.NewCohortPage })),
              },
              {
                path: 'cohorts/:cohortId',
                lazy: () =>
                  import('./routes/cohort/layout.tsx').then((m) => ({
                    Component: m.CohortLayout,
                  })),
                children: [
                  {
                    index: true,
                    lazy: () =>
                      import('./routes/cohort/home.tsx').then((m) => ({
                        Component: m.CohortHomePage,
                      })),
                  },
                  {
                    path: 'boards',
                    lazy: () =>
                      import('./routes/cohort/boards.tsx').then((m) => ({
                        Component: m.BoardsPage,
                      })),
                  },
                  {
                    path: 'boards/:boardId',
                    lazy: () =>
                      import('./routes/cohort/board.tsx').then((m) => ({
                        Component: m.BoardPage,
                      })),
                  },
                  {
                    path: 'reflections',
                    lazy: () =>
                      import('./routes/cohort/reflections.tsx').then((m) => ({
                        Component: m.ReflectionsPage,
                      })),
                  },
                  {
                    path: 'sets',
                    lazy: () =>
                      import('./routes/cohort/sets.tsx').then((m) => ({ Component: m.SetsPage })),
                  },
                  {
                    path: 'groups',
                    lazy: () =>
                      import('./routes/cohort/groups.tsx').then((m) => ({
                        Component: m.GroupsPage,
                      })),
                  },
                  {
                    path: 'groups/:groupId',
                    lazy: () =>
                      import('./routes/cohort/group.tsx').then((m) => ({ Component: m.GroupPage })),
                  },
                  {
                    path: 'showcase',
                    lazy: () =>
                      import('./routes/cohort/showcase.tsx').then((m) => ({
                        Component: m.ShowcasePage,
                      })),
                  },
                  {
                    path: 'celebration',
                    lazy: () =>
                      import('./routes/cohort/celebration.tsx').then((m) => ({
                        Component: m.CelebrationPage,
                      })),
                  },
                  {
                    path: 'search',
                    lazy: () =>
                      import('./routes/cohort/search.tsx').then((m) => ({
                        Component: m.SearchPage,
                      })),
                  },
                  {
                    path: 'calendar',
                    lazy: () =>
                      import('./routes/cohort/calendar.tsx').then((m) => ({
                        Component: m.CalendarPage,
                      })),
                  },
                  {
                    path: 'sets/:setId',
                    lazy: () =>
                      import('./routes/cohort/set.tsx').then((m) => ({ Component: m.SetPage })),
                  },
                  {
                    path: 'sets/:setId/meetings/:meetingId',
                    lazy: () =>
                      import('./routes/cohort/meeting.tsx').then((m) => ({
                        Component: m.MeetingPage,
                      })),
                  },
                  {
                    path: 'members',
                    lazy: () =>
                      import('./routes/cohort/members.tsx').then((m) => ({
                        Component: m.MembersPage,
                      })),
                  },
                  {
                    path: 'invitations',
                    lazy: () =>
                      import('./routes/cohort/invitations.tsx').then((m) => ({
                        Component: m.InvitationsPage,
                      })),
                  },
                  {
                    path: 'settings',
                    lazy: () =>
                      import('./routes/cohort/settings.tsx').then((m) => ({
                        Component: m.SettingsPage,
                      })),
                  },
                  {
                    path: 'activity',
                    lazy: () =>
                      import('./routes/cohort/activity.tsx').then((m) => ({
                        Component: m.ActivityPage,
                      })),
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        element: <PublicLayout />,
        children: [
          {
            element: <SignedOutOnly />,
            children: [
              { path: 'sign-in', element: <SignInPage /> },
              {
                path: 'sign-up',
                lazy: () =>
                  import('./routes/sign-up.tsx').then((m) => ({ Component: m.SignUpPage })),
              },
            ],
          },
          {
            // Works signed in or out: the page itself offers the right next step.
            path: 'invitations/:token',
            lazy: () =>
              import('./routes/invitation.tsx').then((m) => ({ Component: m.InvitationPage })),
          },
          {
            // A published output's public link: no sign-in, nothing but the output.
            path: 'showcase/:token',
            lazy: () =>
              import('./routes/public-output.tsx').then((m) => ({ Component: m.PublicOutputPage })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
