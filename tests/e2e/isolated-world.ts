import type { BrowserContext, Page } from '@playwright/test';

/**
 * Evaluates an expression in the extension's isolated world of `page` (where the content scripts
 * run), through the DevTools protocol: the page's own scripts cannot see that world.
 * Returns null when the extension has no isolated world in the page.
 */
export async function evaluateInExtensionWorld(
  context: BrowserContext,
  page: Page,
  extensionId: string,
  expression: string,
): Promise<unknown> {
  const session = await context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await session.send('Runtime.enable');
  const isolated = contexts.find(
    (candidate) => candidate.auxData?.type === 'isolated' && candidate.origin.includes(extensionId),
  );
  try {
    if (!isolated) return null;
    const result = await session.send('Runtime.evaluate', {
      expression,
      contextId: isolated.id,
      returnByValue: true,
    });
    return result.result.value;
  } finally {
    await session.detach();
  }
}
