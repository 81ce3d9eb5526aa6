import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

/** Retries only what may succeed on a second try: no connection, or a fault on the server. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
