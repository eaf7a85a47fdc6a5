import type { Browser, WxtBrowser } from 'wxt/browser';
import type { FineprintDb } from '../db/schema';
import { createMessageHandler } from '../messaging/handler';
import {
  type BackgroundRequest,
  type BackgroundResponses,
  backgroundRequestSchema,
} from '../messaging/protocol';
import { readSettings, updateSettings } from '../settings/settings';
import { badgeForTab } from './badge';
import { TabStates } from './tab-states';

export interface BackgroundEnv {
  browser: WxtBrowser;
  db: FineprintDb;
}

type Sender = Browser.runtime.MessageSender;

/** Requests a web page's content script may send; everything else needs an extension page. */
const FROM_CONTENT_SCRIPTS = new Set<BackgroundRequest['type']>([
  'page/detected',
  'page/report',
  'page/left',
]);

export function startBackground({ browser }: BackgroundEnv) {
  const tabs = new TabStates();
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const isExtensionPage = (sender: Sender) =>
    typeof sender.url === 'string' && new URL(sender.url).origin === extensionOrigin;
  const senderTab = (sender: Sender): number => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || isExtensionPage(sender)) {
      throw new Error('only a content script in a tab may send this');
    }
    return tabId;
  };

  async function showBadge(tabId: number) {
    const look = badgeForTab(tabs.get(tabId));
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: look.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: look.color }),
      browser.action.setTitle({ tabId, title: look.title }),
    ]).catch(() => {
      // The tab may have closed between the report and the badge update.
    });
  }

  const handle = createMessageHandler<BackgroundRequest, BackgroundResponses, Sender>(
    backgroundRequestSchema,
    {
      'page/detected': async ({ url }, sender) => {
        const tabId = senderTab(sender);
        tabs.markDetected(tabId, url, sender.tab?.title ?? '');
        await showBadge(tabId);
        return { ok: true };
      },
      'page/report': async ({ report }, sender) => {
        const tabId = senderTab(sender);
        tabs.setReport(tabId, report, {
          platform: null,
          document: null,
          provisions: [],
          aiTraining: null,
          peers: {},
        });
        await showBadge(tabId);
        return { ok: true };
      },
      'page/left': async (_request, sender) => {
        const tabId = senderTab(sender);
        tabs.forget(tabId);
        await showBadge(tabId);
        return { ok: true };
      },
      'tab/get-state': ({ tabId }) => tabs.get(tabId),
      'feed/get-status': () => {
        throw new Error('the feed is not wired yet');
      },
      'feed/sync-now': () => {
        throw new Error('the feed is not wired yet');
      },
      'settings/get': () => readSettings(),
      'settings/update': ({ patch }) => updateSettings(patch),
    },
  );

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const type =
      typeof message === 'object' && message !== null && 'type' in message ? message.type : null;
    if (!isExtensionPage(sender) && !FROM_CONTENT_SCRIPTS.has(type as BackgroundRequest['type'])) {
      sendResponse({
        ok: false,
        error: `rejected message (${String(type)}): not allowed from a web page`,
      });
      return false;
    }
    void handle(message, sender).then(sendResponse);
    return true;
  });

  browser.tabs.onRemoved.addListener((tabId) => tabs.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) {
      tabs.forget(tabId);
      void showBadge(tabId);
    }
  });

  return { tabs };
}
