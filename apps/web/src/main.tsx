// First, before any schema is built: the app's Content-Security-Policy allows no eval.
import '@colab/shared/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles.css';
import { startTheme } from './ui/theme.ts';

startTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
