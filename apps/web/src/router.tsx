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
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
