import type { CategoryId, Severity } from './taxonomy';

/** What an automatically found clause of each category usually means for the reader. */
export const CATEGORY_EXPLANATIONS: Readonly<Record<CategoryId, string>> = {
  'ai-training':
    'What you type, upload or generate may be used to train or improve their AI models.',
  'human-review':
    'People at the company or its contractors may read your content or conversations.',
  'ai-output':
    'Who owns AI-generated output, or a warning that it may be wrong: check it before relying on it.',
  'data-collection': 'Which personal data they collect about you and what they use it for.',
  'data-sharing':
    'Your personal data may be disclosed, sold or transferred to other companies or authorities.',
  'data-retention': 'How long they keep your data, and when (or whether) it is deleted.',
  tracking: 'Cookies, pixels or device identifiers that follow what you do, possibly across sites.',
  'user-rights': 'Your rights to see, correct, delete or export your data, and how to use them.',
  'opt-out': 'A setting or request that lets you refuse or limit a use of your data.',
  children: 'Age limits and how children’s data is treated.',
  security: 'How they protect your data and whether they tell you about breaches.',
  'international-transfer': 'Your data may be stored or processed in other countries.',
  arbitration:
    'Disputes go to private arbitration instead of a court; you may give up class actions or a jury.',
  jurisdiction: 'Which courts, and where, would hear a dispute with them.',
  'governing-law': 'Which country’s or state’s law governs the agreement.',
  liability: 'They limit or exclude their responsibility if something goes wrong.',
  'unilateral-change': 'They can change the terms or the service, sometimes without telling you.',
  termination: 'They can suspend or close your account or stop the service.',
  'contract-by-using': 'Simply using the service counts as accepting these terms.',
  'content-removal': 'They can remove or restrict what you post.',
  'content-license': 'You grant them a licence to use the content you create or upload.',
  indemnification: 'You may have to pay their costs if a claim against them arises from your use.',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  high: 'High concern',
  medium: 'Medium concern',
  low: 'Low concern',
  info: 'Informational',
};
