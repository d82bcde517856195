/**
 * "When to choose it" for each deployment model, from the guides' own one-line tooltips
 * (deploy/includes/tooltip-deployment-*.md and tooltip-trust-*.md, the hover texts of the guides'
 * "applies to" boxes): the deployment type says whose identities it is for, the trust type what it
 * needs. A trust whose tooltip calls itself "the recommended choice" is the guides' recommendation
 * for hybrid deployments (cloud Kerberos trust).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentModelChecklist } from '../../server/src/checklists/types';

const TOOLTIPS_DIR = 'data/guides/hello-for-business/deploy/includes';
const DEPLOYMENT_TOOLTIP = { 'cloud-only': 'tooltip-deployment-cloud.md', hybrid: 'tooltip-deployment-hybrid.md', 'on-premises': 'tooltip-deployment-onpremises.md' } as const;
const TRUST_TOOLTIP = { 'cloud-kerberos': 'tooltip-trust-cloud-kerberos.md', key: 'tooltip-trust-key.md', certificate: 'tooltip-trust-cert.md' } as const;

/** The link title of a tooltip include: `[label](target "the tooltip text")`. */
function tooltipText(root: string, file: string): string {
  const text = readFileSync(join(root, TOOLTIPS_DIR, file), 'utf8');
  const title = /\]\([^)\s]*\s+"([^"]+)"\)/.exec(text)?.[1]?.trim();
  if (!title) throw new Error(`${TOOLTIPS_DIR}/${file}: no tooltip text (a link title) found`);
  return title;
}

const sentences = (text: string): string[] => text.split(/(?<=\.)\s+/).map((s) => s.replace(/\.$/, '').trim()).filter(Boolean);

export function modelChoice(root: string, deployment: DeploymentModelChecklist['deployment']): { choose: string; recommended?: true } {
  const whose = sentences(tooltipText(root, DEPLOYMENT_TOOLTIP[deployment.model]))[0];
  if (!deployment.trust) return { choose: `${whose}.` };
  // The trust tooltip's first sentence says how it works; the rest says what it needs.
  const trust = sentences(tooltipText(root, TRUST_TOOLTIP[deployment.trust]));
  const needs = trust.slice(1).join('. ') || trust[0];
  const recommended = deployment.model === 'hybrid' && /\brecommended\b/i.test(needs);
  return { choose: `${whose}. ${needs}.`, ...(recommended ? { recommended: true as const } : {}) };
}
