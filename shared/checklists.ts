/**
 * The shape of the generated checklists (data/generated/checklists.json), produced from the
 * deployment guides by scripts/checklists/generateChecklists.ts. The client's checklist view and the
 * server's hover on `deployment` values read it.
 */

/** Stable ids of the six deployment models the guides describe. */
export type DeploymentModelId =
  | 'hybrid-cloud-kerberos-trust'
  | 'hybrid-key-trust'
  | 'hybrid-certificate-trust'
  | 'on-premises-key-trust'
  | 'on-premises-certificate-trust'
  | 'cloud-only';

export interface ChecklistItem {
  /** Stable id, derived from the guide and heading (never from position), so saved ticks survive guide edits. */
  id: string;
  title: string;
  /** Detail text as Markdown. */
  detail: string;
  /** Guide file relative to data/guides. */
  guide: string;
  anchor: string;
  /** Public URL of the guide section. */
  href: string;
  /** Canonical catalog paths (OMA-URIs) of the settings this item concerns. */
  settings: string[];
  /** Group Policy display names this item concerns. */
  groupPolicies: string[];
  /**
   * The things to do inside this item, where its guide section lists several (review list, policy
   * settings, requirements, numbered steps, subsections); absent when the item is one thing to do.
   * The item counts as done when all of them are; their ids extend the item's id.
   */
  children?: ChecklistItem[];
}

export interface ChecklistSection {
  id: 'prerequisites' | 'deployment-steps';
  title: string;
  items: ChecklistItem[];
}

export interface DeploymentModelChecklist {
  id: DeploymentModelId;
  title: string;
  /** The policy-file deployment block that selects this model. */
  deployment: { model: 'cloud-only' | 'hybrid' | 'on-premises'; trust?: 'cloud-kerberos' | 'key' | 'certificate' };
  /** Short summary from the guide, Markdown. */
  summary: string;
  /** One line, from the guides' deployment and trust type tooltips: when to choose this model. */
  choose?: string;
  /** The guides recommend this trust type for hybrid deployments (cloud Kerberos trust). */
  recommended?: boolean;
  /** Main guide of the model, and its URL. */
  guide: string;
  href: string;
  sections: ChecklistSection[];
}

export interface Checklists {
  schemaVersion: 1;
  models: DeploymentModelChecklist[];
}


/** Every item, each followed by its children, depth first. */
export function allItems(items: readonly ChecklistItem[]): ChecklistItem[] {
  return items.flatMap((item) => [item, ...allItems(item.children ?? [])]);
}

/** The id of every item's parent (top-level items have none). */
export function parentIds(items: readonly ChecklistItem[]): Map<string, string> {
  const parents = new Map<string, string>();
  const walk = (list: readonly ChecklistItem[], parent?: string): void => {
    for (const item of list) {
      if (parent) parents.set(item.id, parent);
      walk(item.children ?? [], item.id);
    }
  };
  walk(items);
  return parents;
}
