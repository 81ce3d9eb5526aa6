import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Pages load lazily; the first import of a module can take seconds while the server and
// browser suites load both cores. A budget for waiting, not a speed check.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
});
