import { describe, expect, it, vi } from 'vitest';
import { createMessageHandler, type HandlerMap } from '@/lib/messaging/handler';
import {
  type BackgroundRequest,
  backgroundRequestSchema,
  parseRequest,
  tabRequestSchema,
} from '@/lib/messaging/protocol';

const validReport = {
  type: 'page/report',
  report: {
    url: 'https://example.com/privacy',
    title: 'Privacy Policy',
    isPolicy: true,
    documentType: 'privacy-policy',
    language: 'en',
    clauses: [
      {
        id: 0,
        text: 'We may share your data with advertisers.',
        start: 0,
        end: 40,
        heading: null,
        categories: ['data-sharing'],
        severity: 'medium',
        hash: '0123456789abcdef',
      },
    ],
    notice: null,
    analysedAt: 1,
  },
};

describe('message validation', () => {
  it('accepts a well-formed report', () => {
    expect(parseRequest(backgroundRequestSchema, validReport).ok).toBe(true);
  });

  it('rejects an unknown message type with a reason naming it', () => {
    const result = parseRequest(backgroundRequestSchema, { type: 'page/delete-everything' });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toContain('page/delete-everything');
  });

  it('rejects a category id that is not in the taxonomy', () => {
    const bad = structuredClone(validReport);
    bad.report.clauses[0]!.categories = ['ai-stuff'];
    const result = parseRequest(backgroundRequestSchema, bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('report.clauses.0.categories.0');
  });

  it('rejects non-objects and missing fields', () => {
    expect(parseRequest(backgroundRequestSchema, 'page/report').ok).toBe(false);
    expect(parseRequest(backgroundRequestSchema, null).ok).toBe(false);
    expect(parseRequest(backgroundRequestSchema, { type: 'tab/get-state' }).ok).toBe(false);
    expect(parseRequest(tabRequestSchema, { type: 'page/scroll-to-clause', clauseId: -1 }).ok).toBe(
      false,
    );
  });
});

describe('createMessageHandler', () => {
  const makeHandler = () => {
    const log = vi.fn();
    const tabState = vi.fn(() => null);
    type Responses = Record<BackgroundRequest['type'], unknown>;
    const handlers = Object.fromEntries(
      backgroundRequestSchema.options.map((option) => [option.shape.type.value, () => null]),
    ) as unknown as HandlerMap<BackgroundRequest, Responses, unknown>;
    handlers['tab/get-state'] = tabState;
    handlers['feed/get-status'] = () => {
      throw new Error('feed exploded');
    };
    const handle = createMessageHandler<BackgroundRequest, Responses, unknown>(
      backgroundRequestSchema,
      handlers,
      log,
    );
    return { handle, log, tabState };
  };

  it('dispatches a valid message to its handler', async () => {
    const { handle, tabState } = makeHandler();
    await expect(handle({ type: 'tab/get-state', tabId: 3 }, {})).resolves.toEqual({
      ok: true,
      data: null,
    });
    expect(tabState).toHaveBeenCalledWith({ type: 'tab/get-state', tabId: 3 }, {});
  });

  it('rejects a malformed message without calling a handler, and logs why', async () => {
    const { handle, log, tabState } = makeHandler();
    const reply = await handle({ type: 'tab/get-state', tabId: 'all' }, {});
    expect(reply.ok).toBe(false);
    expect(tabState).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('tab/get-state'));
  });

  it('turns a failing handler into an error reply', async () => {
    const { handle, log } = makeHandler();
    const reply = await handle({ type: 'feed/get-status' }, {});
    expect(reply).toEqual({ ok: false, error: 'feed/get-status failed: feed exploded' });
    expect(log).toHaveBeenCalledOnce();
  });
});
