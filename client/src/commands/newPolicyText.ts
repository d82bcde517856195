/** The text side of "WHfB: New policy": the tenant id (a GUID without braces, as tenantId wants it) and the file name. */
import { englishL10n, type L10n } from '../l10nText';

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The input box's validation message, or undefined when the input is acceptable (empty = zero GUID). */
export function validateTenantIdInput(input: string, l10n: L10n = englishL10n): string | undefined {
  const value = input.trim();
  if (value === '' || GUID.test(value)) return undefined;
  if (/^\{.*\}$/.test(value) && GUID.test(value.slice(1, -1))) return l10n.t('Write the tenant id without braces.');
  return l10n.t('A tenant id is a GUID such as {0} (Entra admin center > Overview > Tenant ID). Leave empty to use the zero GUID for now.', '3f2504e0-4f89-11d3-9a0c-0305e82c3301');
}

export function normalizeTenantId(input: string): string {
  const value = input.trim();
  return value === '' ? ZERO_GUID : value.toLowerCase();
}

/**
 * Puts the tenant id into a policy template: the top-level `tenantId:` value, and any literal
 * GUID a template wrote in its place. `{TenantId}` placeholders stay: they stand for tenantId.
 */
export function applyTenantId(template: string, tenantId: string): string {
  if (/^tenantId:/m.test(template)) {
    return template.replace(/^tenantId:[^\S\n]*[^#\n]*?([^\S\n]*#.*)?$/m, (_line, comment: string | undefined) => `tenantId: ${tenantId}${comment ?? ''}`);
  }
  // A template without the key gets it after the format version line.
  return template.replace(/^(whfb:.*\n)/m, `$1tenantId: ${tenantId}\n`);
}

/** `name.yaml` -> `name.whfb.yaml`, so the new file gets the policy language. */
export function policyFileName(name: string): string {
  if (/\.whfb\.ya?ml$/i.test(name)) return name;
  return `${name.replace(/\.ya?ml$/i, '')}.whfb.yaml`;
}
