import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The toolbar popup, opened as a tab for a given browser tab (`?tabId=`). */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string, tabId: number) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    return new PopupPage(page);
  }

  get documentLine(): Locator {
    return this.page.getByTestId('popup-document');
  }
  get emptyMessage(): Locator {
    return this.page.getByTestId('popup-empty');
  }
  get aiCard(): Locator {
    return this.page.getByTestId('ai-card');
  }
  get openPanelButton(): Locator {
    return this.page.getByRole('button', { name: 'Open side panel' });
  }
}
