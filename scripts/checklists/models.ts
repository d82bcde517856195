/**
 * Which guide pages describe which deployment model: read from the deployment guides' table of
 * contents (deploy/toc.yml: a model is a leaf page or a group whose first page is its main guide)
 * and from each main page's "applies to" block (Deployment type / Trust type).
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { DeploymentModelChecklist } from '../../server/src/checklists/types';
import { deploymentModelIdOf, type DeploymentModel, type DeploymentModelId, type TrustType } from '../../server/src/vocabulary/deployment';
import type { Guide } from '../guides/markdown';
import { stripInlineMarkdown } from '../guides/markdown';

const DEPLOY_DIR = 'hello-for-business/deploy';

export interface ModelPages {
  id: DeploymentModelId;
  deployment: DeploymentModelChecklist['deployment'];
  /** The current main page, relative to data/guides. */
  mainGuide: string;
  /** Every page of the model's group in the table of contents, main page first. */
  pages: string[];
  /** The table of contents' name for each page ("Configure AD FS"). */
  pageNames: Record<string, string>;
  /** The "applies to" lines, plain text ("Deployment type: hybrid"). */
  appliesTo: string[];
}

interface TocNode {
  name?: string;
  href?: string;
  items?: TocNode[];
}

/** Candidate (main page, group pages) pairs in table-of-contents order. */
function tocGroups(root: string): { main: string; pages: string[]; names: Record<string, string> }[] {
  const toc = parseYaml(readFileSync(join(root, 'data/guides', DEPLOY_DIR, 'toc.yml'), 'utf8')) as { items?: TocNode[] };
  const out: { main: string; pages: string[]; names: Record<string, string> }[] = [];
  const page = (href: string): string => posix.normalize(posix.join(DEPLOY_DIR, href));
  const walk = (nodes: TocNode[]): void => {
    for (const node of nodes) {
      if (node.items && node.items.length > 0) {
        const linked = node.items.filter((item) => item.href);
        const pages = linked.map((item) => page(item.href!));
        const names = Object.fromEntries(linked.map((item) => [page(item.href!), item.name ?? '']));
        if (pages.length > 0 && node.items.every((item) => !item.items)) out.push({ main: pages[0], pages, names });
        else walk(node.items);
      } else if (node.href) {
        out.push({ main: page(node.href), pages: [page(node.href)], names: { [page(node.href)]: node.name ?? '' } });
      }
    }
  };
  walk(toc.items ?? []);
  return out;
}

/** "- **Deployment type:** hybrid" lines of the applies-to block at the top of a page. */
export function appliesTo(guide: Guide): Map<string, string> {
  const facts = new Map<string, string>();
  const top = guide.sections.slice(0, 2).map((s) => s.text).join('\n');
  for (const match of top.matchAll(/^\s*[-*]\s+\*\*([^*]+?):?\*\*:?\s*(.+)$/gm)) {
    facts.set(match[1].replace(/:$/, '').trim().toLowerCase(), stripInlineMarkdown(match[2]).replace(/\s+,/g, ','));
  }
  return facts;
}

/** The guides' "applies to" words for each model and trust type of the vocabulary. */
const DEPLOYMENT_TYPES: Record<string, DeploymentModel> = {
  cloud: 'cloud-only',
  hybrid: 'hybrid',
  'on-premises': 'on-premises',
};
const TRUST_TYPES: Record<string, TrustType> = {
  'cloud kerberos trust': 'cloud-kerberos',
  'key trust': 'key',
  'certificate trust': 'certificate',
};

/** The six models, each with its pages, in table-of-contents order. */
export function discoverModels(root: string, guides: ReadonlyMap<string, Guide>): ModelPages[] {
  const models: ModelPages[] = [];
  for (const group of tocGroups(root)) {
    const guide = guides.get(group.main);
    if (!guide) continue;
    const facts = appliesTo(guide);
    const model = DEPLOYMENT_TYPES[(facts.get('deployment type') ?? '').toLowerCase()];
    if (!model) continue;
    const trust = TRUST_TYPES[(facts.get('trust type') ?? '').toLowerCase()];
    const id = deploymentModelIdOf(model, trust);
    if (!id) continue;
    if (models.some((m) => m.id === id)) throw new Error(`Two main guides for ${id}: ${group.main}`);
    models.push({
      id,
      deployment: model === 'cloud-only' ? { model } : { model, trust },
      mainGuide: group.main,
      pages: group.pages.filter((p) => guides.has(p)),
      pageNames: group.names,
      appliesTo: [...facts].map(([key, value]) => `${key[0].toUpperCase()}${key.slice(1)}: ${value}`),
    });
  }
  return models;
}
