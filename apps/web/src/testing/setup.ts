import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Pages load lazily; the first import of a module in a test run can take a moment.
configure({ asyncUtilTimeout: 3000 });

afterEach(() => {
  cleanup();
});
