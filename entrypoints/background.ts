import { browser } from 'wxt/browser';
import { startBackground } from '@/lib/background';
import { openDb } from '@/lib/db/schema';

export default defineBackground(() => {
  startBackground({ browser, db: openDb() });
});
