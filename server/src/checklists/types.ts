/**
 * The shape of the generated checklists (data/generated/checklists.json), produced from the
 * deployment guides by scripts/checklists/generateChecklists.ts. The client's checklist view and the
 * server's hover on `deployment` values read it.
 */

import type { DeploymentModel, DeploymentModelId, TrustType } from '../vocabulary/deployment';

export type { DeploymentModelId };

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
  deployment: { model: DeploymentModel; trust?: TrustType };
  /** Short summary from the guide, Markdown. */
  summary: string;
  /** Main guide of the model, and its URL. */
  guide: string;
  href: string;
  sections: ChecklistSection[];
}

export interface Checklists {
  schemaVersion: 1;
  models: DeploymentModelChecklist[];
}
