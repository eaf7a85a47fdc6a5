import { termsClassifier } from '@/lib/analysis/terms-classifier';
import { registerTermsClassifier } from '@/lib/content/bridge';
import { guarded } from '@/lib/content/guard';

// Imported by the analyzer on policy pages written in German, Italian or Polish, so that other
// pages never load those languages' terms models.
export default defineUnlistedScript(
  guarded(() => {
    registerTermsClassifier(termsClassifier);
  }),
);
