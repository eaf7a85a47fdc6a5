import { detectPolicyPage } from '@/lib/analysis/detect';
import { registerDetector } from '@/lib/content/bridge';
import { guarded } from '@/lib/content/guard';

// Imported by the sentinel on the pages its first pass (lib/analysis/page-gate.ts) cannot turn
// away, so that ordinary pages never load, parse or compile the detector.
export default defineUnlistedScript(
  guarded(() => {
    registerDetector(detectPolicyPage);
  }),
);
