import { CATEGORY_EXPLANATIONS, SEVERITY_LABELS } from '../explanations';
import { CATEGORY_LABELS, type CategoryId, type Severity } from '../taxonomy';
import { OWN_NODE_ATTRIBUTE } from './sentinel';

export interface CardContent {
  clauseId: number;
  categories: CategoryId[];
  severity: Severity;
  /** The feed's plain-language summary for a curated clause; null for automatic findings. */
  curatedTitle: string | null;
  curatedSummary: string | null;
}

export interface ClauseCard {
  show(content: CardContent, anchor: DOMRect, options: { focus: boolean }): void;
  hide(): void;
  isOpen(): boolean;
  destroy(): void;
}

const CARD_CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; max-width: 340px; box-sizing: border-box;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #101828;
  background: #ffffff; border: 1px solid #d0d5dd; border-radius: 10px; padding: 12px 14px;
  box-shadow: 0 8px 24px rgba(16, 24, 40, 0.18); }
.card[hidden] { display: none; }
.meta { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin-bottom: 6px; }
.pill { border-radius: 999px; padding: 1px 8px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.sev-high { color: #b42318; } .sev-medium { color: #b54708; } .sev-low { color: #175cd3; } .sev-info { color: #475467; }
.kind { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: #475467; }
h2 { font-size: 14px; margin: 4px 0; }
p { margin: 4px 0 10px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
button { font: inherit; border-radius: 6px; padding: 4px 10px; cursor: pointer; border: 1px solid #d0d5dd; background: #f9fafb; color: #101828; }
button.primary { background: #1849a9; border-color: #1849a9; color: #fff; }
button:focus-visible { outline: 3px solid #84adff; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .card { background: #1d2939; color: #f2f4f7; border-color: #475467; }
  .kind { color: #d0d5dd; }
  button { background: #344054; color: #f2f4f7; border-color: #667085; }
  .sev-high { color: #fda29b; } .sev-medium { color: #fec84b; } .sev-low { color: #84caff; } .sev-info { color: #d0d5dd; }
}`;

/**
 * The small card shown over a highlighted clause. It lives in a closed shadow root so the page's
 * CSS cannot restyle it and its scripts cannot read it; every text goes in through textContent.
 */
export function createClauseCard(
  doc: Document,
  onOpenPanel: (clauseId: number) => void,
): ClauseCard {
  const { host, root } = createHost(doc);
  host.setAttribute(OWN_NODE_ATTRIBUTE, 'card');
  const style = doc.createElement('style');
  style.textContent = CARD_CSS;
  const card = doc.createElement('div');
  card.className = 'card';
  card.hidden = true;
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', 'Fineprint clause explanation');
  root.append(style, card);
  doc.documentElement.append(host);

  let currentClause = -1;
  const hide = () => {
    card.hidden = true;
    currentClause = -1;
  };
  card.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
  });

  return {
    show(content, anchor, { focus }) {
      currentClause = content.clauseId;
      const meta = doc.createElement('div');
      meta.className = 'meta';
      const severity = doc.createElement('span');
      severity.className = `pill sev-${content.severity}`;
      severity.textContent = SEVERITY_LABELS[content.severity];
      meta.append(severity);
      for (const category of content.categories) {
        const pill = doc.createElement('span');
        pill.className = 'pill';
        pill.textContent = CATEGORY_LABELS[category];
        meta.append(pill);
      }
      const kind = doc.createElement('div');
      kind.className = 'kind';
      kind.textContent = content.curatedSummary ? 'Curated by Fineprint' : 'Automatic finding';
      const title = doc.createElement('h2');
      title.textContent =
        content.curatedTitle ?? CATEGORY_LABELS[content.categories[0] ?? 'data-collection'];
      const body = doc.createElement('p');
      body.textContent =
        content.curatedSummary ??
        content.categories.map((category) => CATEGORY_EXPLANATIONS[category]).join(' ');
      const actions = doc.createElement('div');
      actions.className = 'actions';
      const close = doc.createElement('button');
      close.type = 'button';
      close.textContent = 'Close';
      close.addEventListener('click', hide);
      const open = doc.createElement('button');
      open.type = 'button';
      open.className = 'primary';
      open.textContent = 'Explain in side panel';
      open.addEventListener('click', () => onOpenPanel(content.clauseId));
      actions.append(close, open);
      card.replaceChildren(kind, meta, title, body, actions);
      // The page may have removed the host since the last time.
      if (!host.isConnected) doc.documentElement.append(host);
      card.hidden = false;
      const width = Math.min(340, doc.documentElement.clientWidth - 16);
      const left = Math.max(8, Math.min(anchor.left, doc.documentElement.clientWidth - width - 8));
      const below = anchor.bottom + 8;
      const top =
        below + 180 > doc.documentElement.clientHeight ? Math.max(8, anchor.top - 190) : below;
      card.style.left = `${left}px`;
      card.style.top = `${top}px`;
      if (focus) open.focus({ preventScroll: true });
    },
    hide,
    isOpen: () => !card.hidden && currentClause >= 0,
    destroy() {
      host.remove();
    },
  };
}

/**
 * A page can define `<fineprint-card>` itself (custom elements are upgraded whichever world
 * creates them) and take its shadow root first; a plain element cannot be redefined.
 */
function createHost(doc: Document): { host: HTMLElement; root: ShadowRoot } {
  try {
    const host = doc.createElement('fineprint-card');
    return { host, root: host.attachShadow({ mode: 'closed' }) };
  } catch {
    const host = doc.createElement('div');
    return { host, root: host.attachShadow({ mode: 'closed' }) };
  }
}
