import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { uiNotificationSchema } from '@/lib/messaging/protocol';
import { queryKeys } from '@/lib/ui/queries';

/** Turns background broadcasts into cache invalidations, so open pages stay current. */
function BackgroundNotifications() {
  const client = useQueryClient();
  useEffect(() => {
    const listener = (message: unknown) => {
      const parsed = uiNotificationSchema.safeParse(message);
      if (!parsed.success) return;
      const notification = parsed.data;
      if (notification.type === 'ui/tab-updated') {
        void client.invalidateQueries({ queryKey: queryKeys.tabState(notification.tabId) });
      } else if (
        notification.type === 'ui/feed-updated' ||
        notification.type === 'ui/changes-updated'
      ) {
        void client.invalidateQueries({ queryKey: queryKeys.all });
      }
    };
    browser.runtime.onMessage.addListener(listener);
    const refreshActive = () => void client.invalidateQueries({ queryKey: queryKeys.activeTab() });
    browser.tabs.onActivated.addListener(refreshActive);
    return () => {
      browser.runtime.onMessage.removeListener(listener);
      browser.tabs.onActivated.removeListener(refreshActive);
    };
  }, [client]);
  return null;
}

function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 2_000 } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <BackgroundNotifications />
      {children}
    </QueryClientProvider>
  );
}

export function mountApp(app: ReactNode) {
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from the page');
  createRoot(container).render(
    <StrictMode>
      <Providers>{app}</Providers>
    </StrictMode>,
  );
}
