import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { portalSession } from './api/queries.ts';
import { createQueryClient } from './api/query-client.ts';
import { App } from './app.tsx';
import { consoleSession } from './features/console/console-queries.ts';
import { BrandGate } from './theme/brand-gate.tsx';
import './styles.css';

const queryClient = createQueryClient([portalSession, consoleSession]);

const root = document.getElementById('root');
if (!root) throw new Error('The portal page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <BrandGate>
          <App />
        </BrandGate>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
