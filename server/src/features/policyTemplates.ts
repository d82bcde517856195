/** The policy skeleton per deployment model, generated from the guides, for "WHfB: New policy". */
import policyTemplatesJson from '../../../data/generated/policy-templates.json';
import type { DeploymentModelId } from '../checklists/types';

const templates = policyTemplatesJson as Partial<Record<DeploymentModelId, string>>;

/** Undefined for an unknown model (the client sends ids, but a message is untrusted input). */
export function policyTemplate(model: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(templates, model) ? templates[model as DeploymentModelId] : undefined;
}
