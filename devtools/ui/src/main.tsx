import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LiveDecisions } from './api/live-decisions.js';
import { App } from './app.js';
import './styles.css';

const live = new LiveDecisions();
live.start();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App live={live} />
  </StrictMode>,
);
