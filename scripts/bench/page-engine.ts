// Bundled for the page by the benchmark (scripts/bench/bundle.ts): the extension's own
// extraction, segmentation and highlighting code, exposed to the page's main world so that the
// highlighting comparison with mark.js runs exactly the code the analyzer runs.
import { extractMainText, rangesFor } from '../../lib/analysis/extract';
import { segmentClauses } from '../../lib/analysis/segment';
import { paintHighlights } from '../../lib/content/highlights';

Object.assign(globalThis, {
  fineprintBench: { extractMainText, rangesFor, segmentClauses, paintHighlights },
});
