/**
 * The JSON Schema (draft-07, for ajv and yaml-language-server) of the WHfB policy file, from the
 * design (docs: policy-file) and the catalog: canonical OMA-URIs and Group Policy names become
 * completions, while unknown OMA-URIs and policy names stay schema-valid (rules WHFB101 and WHFB161
 * report them with a "did you mean").
 * Enum descriptions of the deployment choices come from the guides' tooltips.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentedCatalog as Catalog, DocumentedCatalogNode as CatalogNode } from '../../server/src/catalog/types';
import {
  AUTHENTICATION_METHODS, DEPLOYMENT_MODELS, JOIN_TYPES, MANAGEMENT_CHANNELS, TRUST_TYPES,
  type AuthenticationMethod, type DeploymentModel, type JoinType, type ManagementChannel, type TrustType,
} from '../../server/src/vocabulary/deployment';

const TOOLTIPS_DIR = 'data/guides/hello-for-business/deploy/includes';

/** The guides explain each deployment choice in a tooltip include: `[label](link "explanation")`. */
function tooltip(root: string, file: string): string | undefined {
  try {
    const text = readFileSync(join(root, TOOLTIPS_DIR, file), 'utf8');
    return /\]\([^)\s]*\s+"([^"]+)"\)/.exec(text)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

interface Choice {
  value: string;
  description: string;
}

function choices(values: Choice[]): { enum: string[]; enumDescriptions: string[]; markdownEnumDescriptions: string[] } {
  return {
    enum: values.map((c) => c.value),
    enumDescriptions: values.map((c) => c.description),
    markdownEnumDescriptions: values.map((c) => `\`${c.value}\`: ${c.description}`),
  };
}

function withGuide(guideText: string | undefined, fallback: string): string {
  return guideText ? `${fallback} ${guideText}.`.replace(/\.\.$/, '.') : fallback;
}

/** Settable leaves: what a policy file's settings[] can name. */
function settableLeaves(catalog: Catalog): CatalogNode[] {
  return catalog.nodes.filter((node) => !node.interior && node.accessTypes.some((access) => access === 'Add' || access === 'Replace'));
}

export function buildSchema(catalog: Catalog, root: string = resolve(__dirname, '../..')): object {
  const leaves = settableLeaves(catalog);
  const canonicalPaths = [...new Set(leaves.map((node) => node.path))].sort();
  // Examples: the settings the policy settings reference documents (they carry its GP display name), device scope first.
  const documented = leaves
    .filter((node) => node.csp === 'PassportForWork' && node.groupPolicy?.displayName && !node.deprecated)
    .sort((a, b) => (a.scope === b.scope ? (a.path < b.path ? -1 : 1) : a.scope === 'device' ? -1 : 1))
    .map((node) => node.path);
  const gpNames = [...new Set(catalog.nodes.map((node) => node.groupPolicy?.displayName).filter((name): name is string => !!name))].sort();

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://whfb-policy-tools/schemas/whfb-policy.schema.json',
    title: 'Windows Hello for Business policy file',
    description:
      'One Windows Hello for Business rollout: the deployment model the organisation chose and the settings it pushes to devices (*.whfb.yaml).',
    type: 'object',
    additionalProperties: false,
    required: ['whfb', 'tenantId', 'deployment', 'settings'],
    properties: {
      whfb: { description: 'Format version of the policy file. Always 1.', const: 1 },
      name: { description: 'Optional free-text name of the rollout, for example "Contoso WHfB pilot".', type: 'string' },
      tenantId: {
        description:
          'Microsoft Entra tenant id: a GUID without braces. The {TenantId} placeholder in PassportForWork OMA-URIs stands for it.',
        type: 'string',
        pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
        examples: ['3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
      },
      deployment: deploymentSchema(root),
      settings: {
        description: 'MDM settings, as an Intune custom configuration profile would carry them (OMA-URI, data type, value).',
        type: 'array',
        items: settingSchema(canonicalPaths, documented),
      },
      groupPolicy: {
        description:
          'Optional Group Policy settings, named as the guides and the Group Policy editor name them. Where Group Policy and MDM configure the same setting, Group Policy wins.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['policy', 'scope', 'state'],
          properties: {
            policy: {
              description: 'The policy\'s display name, for example "Use Windows Hello for Business".',
              type: 'string',
              minLength: 1,
              examples: gpNames,
            },
            scope: {
              description: 'Where the policy is set in the Group Policy editor.',
              type: 'string',
              ...choices([
                { value: 'computer', description: 'Computer Configuration > Administrative Templates' },
                { value: 'user', description: 'User Configuration > Administrative Templates' },
              ]),
            },
            state: {
              description: 'The policy\'s state in the Group Policy editor.',
              type: 'string',
              ...choices([
                { value: 'enabled', description: 'Enabled' },
                { value: 'disabled', description: 'Disabled' },
              ]),
            },
          },
        },
      },
    },
  };
}

/** One choice per word of the vocabulary: a Record over the word type, so a new word without a description fails the type check. */
function vocabularyChoices<Word extends string>(words: readonly Word[], describe: Record<Word, string>) {
  return choices(words.map((value) => ({ value, description: describe[value] })));
}

function deploymentSchema(root: string): object {
  const guide = (file: string) => tooltip(root, file);
  const models: Record<DeploymentModel, string> = {
    'cloud-only': withGuide(guide('tooltip-deployment-cloud.md'), 'Cloud-only deployment.'),
    hybrid: withGuide(guide('tooltip-deployment-hybrid.md'), 'Hybrid deployment.'),
    'on-premises': withGuide(guide('tooltip-deployment-onpremises.md'), 'On-premises deployment.'),
  };
  const trusts: Record<TrustType, string> = {
    'cloud-kerberos': withGuide(guide('tooltip-trust-cloud-kerberos.md'), 'Cloud Kerberos trust.'),
    key: withGuide(guide('tooltip-trust-key.md'), 'Key trust.'),
    certificate: withGuide(guide('tooltip-trust-cert.md'), 'Certificate trust.'),
  };
  const joins: Record<JoinType, string> = {
    entra: withGuide(guide('tooltip-join-entra.md'), 'Microsoft Entra join.'),
    hybrid: withGuide(guide('tooltip-join-hybrid.md'), 'Microsoft Entra hybrid join.'),
    domain: withGuide(guide('tooltip-join-domain.md'), 'Active Directory domain join.'),
  };
  const authentications: Record<AuthenticationMethod, string> = {
    'password-hash-sync': 'Password hash synchronization (managed authentication).',
    'pass-through': 'Pass-through authentication (managed authentication).',
    federated: 'Federated authentication, for example with AD FS. Hybrid certificate trust requires it.',
  };
  const channels: Record<ManagementChannel, string> = {
    intune: 'Intune or another MDM: the settings below.',
    'group-policy': 'Group Policy: the groupPolicy entries.',
    both: 'Both. Where both configure a setting, Group Policy wins and the Intune value is ignored.',
  };
  const needTrust = DEPLOYMENT_MODELS.filter((model) => model !== 'cloud-only');
  return {
    description: 'The deployment model the organisation chose, as the Windows Hello for Business deployment guides describe it.',
    type: 'object',
    additionalProperties: false,
    required: ['model', 'management'],
    properties: {
      model: {
        description: 'Deployment model: where the identities live.',
        type: 'string',
        ...vocabularyChoices(DEPLOYMENT_MODELS, models),
      },
      trust: {
        description: 'Trust type: how users authenticate to Active Directory. Required for hybrid and on-premises deployments; absent for cloud-only.',
        type: 'string',
        ...vocabularyChoices(TRUST_TYPES, trusts),
      },
      join: {
        description: 'Optional: how the devices are joined.',
        type: 'string',
        ...vocabularyChoices(JOIN_TYPES, joins),
      },
      authentication: {
        description: 'Hybrid deployments only: how users authenticate to Microsoft Entra ID.',
        type: 'string',
        ...vocabularyChoices(AUTHENTICATION_METHODS, authentications),
      },
      management: {
        description: 'How the settings reach the devices.',
        type: 'string',
        ...vocabularyChoices(MANAGEMENT_CHANNELS, channels),
      },
      minimumOsBuild: {
        description: 'Optional: the oldest Windows build in scope, for example 10.0.19044.1566. Settings that need a newer build are reported.',
        type: 'string',
        pattern: '^\\d+\\.\\d+\\.\\d+(\\.\\d+)?$',
        examples: ['10.0.19044.1566', '10.0.22000.527', '10.0.22621'],
      },
    },
    if: { properties: { model: { enum: needTrust } }, required: ['model'] },
    then: { required: ['model', 'trust', 'management'] },
  };
}

function settingSchema(canonicalPaths: string[], documented: string[]): object {
  return {
    description: 'One MDM setting.',
    type: 'object',
    additionalProperties: false,
    required: ['omaUri', 'type', 'value'],
    properties: {
      omaUri: {
        description:
          'The OMA-URI of the CSP node. ./Device/... and ./User/... follow the DDF; the legacy ./Vendor/MSFT/... root means device scope. {TenantId} stands for tenantId; the tenant GUID itself is accepted too.',
        type: 'string',
        examples: documented,
        // The enum offers the catalog's paths as completions; the pattern keeps any other OMA-URI
        // schema-valid, so that an unknown one is reported once, by WHFB101, with a "did you mean".
        anyOf: [{ enum: canonicalPaths }, { pattern: '^\\S+$' }],
      },
      type: {
        description: 'Data type of the value; it must be the node\'s DDF format. bool | int | string, with the aliases boolean, integer, chr, and xml, b64/base64, float for the nodes that take them.',
        type: 'string',
        ...choices([
          { value: 'bool', description: 'Boolean (DDF bool).' },
          { value: 'boolean', description: 'Alias of bool.' },
          { value: 'int', description: 'Integer (DDF int).' },
          { value: 'integer', description: 'Alias of int.' },
          { value: 'string', description: 'String (DDF chr).' },
          { value: 'chr', description: 'Alias of string (the DDF name).' },
          { value: 'xml', description: 'XML string (DDF xml).' },
          { value: 'b64', description: 'Base64 data (DDF b64).' },
          { value: 'base64', description: 'Alias of b64.' },
          { value: 'float', description: 'Floating point (DDF float).' },
        ]),
      },
      value: {
        description: 'The value to set. It must be one the node allows (its enum, range or pattern).',
        type: ['boolean', 'integer', 'number', 'string'],
      },
      name: { description: 'Optional display name, for example "Use Windows Hello for Business".', type: 'string' },
    },
  };
}
