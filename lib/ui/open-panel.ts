import { browser } from 'wxt/browser';

interface FirefoxSidebar {
  sidebarAction?: { open(): Promise<void> };
}

/**
 * Opens Fineprint's panel for a tab: Chrome's side panel, or Firefox's sidebar. Must run inside
 * a user gesture (a click in the popup or card), which both browsers require.
 */
export async function openPanelForTab(tabId: number, windowId?: number): Promise<boolean> {
  const firefox = browser as unknown as FirefoxSidebar;
  if (firefox.sidebarAction) {
    await firefox.sidebarAction.open();
    return true;
  }
  if (browser.sidePanel?.open) {
    await browser.sidePanel.open(windowId === undefined ? { tabId } : { tabId, windowId });
    return true;
  }
  return false;
}
