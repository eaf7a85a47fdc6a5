import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  readSettings,
  settingsItem,
  updateSettings,
} from '@/lib/settings/settings';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings', () => {
  it('defaults when nothing is stored', async () => {
    await expect(readSettings()).resolves.toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the valid fields of a damaged stored value', async () => {
    await fakeBrowser.storage.local.set({
      settings: { feedUrl: 'https://feed.example/index.json', watchIntervalHours: 'often' },
    });
    await expect(readSettings()).resolves.toEqual({
      ...DEFAULT_SETTINGS,
      feedUrl: 'https://feed.example/index.json',
    });
  });

  it('validates updates', async () => {
    await updateSettings({ watchIntervalHours: 6 });
    await expect(settingsItem.getValue()).resolves.toMatchObject({ watchIntervalHours: 6 });
    await expect(updateSettings({ watchIntervalHours: 0 })).rejects.toThrow();
  });
});
