import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The side panel page, opened as a tab for a given browser tab (`?tabId=`). */
export class SidePanelPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string, tabId: number) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    return new SidePanelPage(page);
  }

  get platformName(): Locator {
    return this.page.getByTestId('platform-name');
  }
  get documentLine(): Locator {
    return this.page.getByTestId('document-line');
  }
  get provisions(): Locator {
    return this.page.getByTestId('provision');
  }
  get findings(): Locator {
    return this.page.getByTestId('finding');
  }
  get emptyState(): Locator {
    return this.page.getByTestId('empty-state');
  }
  provision(title: string): Locator {
    return this.provisions.filter({ hasText: title });
  }
  async reload() {
    await this.page.reload();
  }
}
