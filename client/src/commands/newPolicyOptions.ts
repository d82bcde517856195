/**
 * The optional argument of "WHfB: New policy" for programmatic use (other extensions, tests,
 * command links): `{ model?, tenantId?, untitled? }`. Each part given skips its prompt. Pure, so
 * the checks are unit-tested; the command turns a rejection into an error message.
 */
import type { DeploymentModelId } from '../../../shared/protocol';
import { validateTenantIdInput } from './newPolicyText';
import { englishL10n, type L10n } from '../l10nText';

export interface NewPolicyOptions {
  model?: DeploymentModelId;
  tenantId?: string;
  /** true: an untitled editor; false: the save dialog (untitled when no folder is open). Absent: ask. */
  untitled?: boolean;
}

export type NewPolicyOptionsResult = { ok: true; options: NewPolicyOptions } | { ok: false; message: string };

const OPTION_KEYS = ['model', 'tenantId', 'untitled'] as const;

/**
 * Menus can pass their own arguments (a URI, a tree element): anything that names none of our
 * keys means "no options", so the command prompts as from the palette.
 */
export function parseNewPolicyOptions(arg: unknown, knownModels: readonly DeploymentModelId[], l10n: L10n = englishL10n): NewPolicyOptionsResult {
  if (arg === null || typeof arg !== 'object' || !OPTION_KEYS.some((key) => key in arg)) return { ok: true, options: {} };
  const { model, tenantId, untitled } = arg as Record<string, unknown>;
  const options: NewPolicyOptions = {};
  if (model !== undefined) {
    if (typeof model !== 'string' || !(knownModels as readonly string[]).includes(model)) {
      return { ok: false, message: l10n.t('"{0}" is not a deployment model. Use one of: {1}.', String(model), knownModels.join(', ')) };
    }
    options.model = model as DeploymentModelId;
  }
  if (tenantId !== undefined) {
    if (typeof tenantId !== 'string') return { ok: false, message: l10n.t('the tenant id must be a string (a GUID).') };
    const problem = validateTenantIdInput(tenantId, l10n);
    if (problem) return { ok: false, message: l10n.t('"{0}" is not a tenant id. {1}', tenantId, problem) };
    options.tenantId = tenantId;
  }
  if (untitled !== undefined) {
    if (typeof untitled !== 'boolean') return { ok: false, message: l10n.t('"untitled" must be true or false.') };
    options.untitled = untitled;
  }
  return { ok: true, options };
}
