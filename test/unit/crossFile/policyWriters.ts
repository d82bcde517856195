/**
 * Writes the same WHfB settings in every format the tool reads, so the cross-file tests run each
 * finding over every pair of formats that can express it.
 */
export type SettingName = 'UsePassportForWork' | 'RequireSecurityDevice' | 'UseCertificateForOnPremAuth' | 'UseCloudTrustForOnPremAuth' | 'MinimumPINLength' | 'MaximumPINLength';

export interface WrittenSetting { name: SettingName; value: boolean | number }

export type Assignment = { kind: 'all-devices' } | { kind: 'all-users' } | { kind: 'group'; id: string } | { kind: 'exclude'; id: string };

export interface PolicySpec {
  settings: WrittenSetting[];
  tenant?: string;
  assignments?: Assignment[];
  /** Policy file only: groupPolicy entries. */
  groupPolicy?: { policy: string; state: 'enabled' | 'disabled' }[];
}

export const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

export const FORMATS = ['whfb-yaml', 'custom-profile-json', 'custom-profile-yaml', 'settings-catalog-json', 'settings-catalog-yaml', 'syncml'] as const;
export type WrittenFormat = (typeof FORMATS)[number];

/** Formats that carry Graph assignments. */
export const WITH_ASSIGNMENTS: readonly WrittenFormat[] = ['custom-profile-json', 'custom-profile-yaml', 'settings-catalog-json', 'settings-catalog-yaml'];

export const EXTENSION: Record<WrittenFormat, string> = {
  'whfb-yaml': '.whfb.yaml',
  'custom-profile-json': '.json',
  'custom-profile-yaml': '.yaml',
  'settings-catalog-json': '.json',
  'settings-catalog-yaml': '.yaml',
  syncml: '.syncml.xml',
};

export const LANGUAGE: Record<WrittenFormat, string> = {
  'whfb-yaml': 'whfb-yaml',
  'custom-profile-json': 'json',
  'custom-profile-yaml': 'yaml',
  'settings-catalog-json': 'json',
  'settings-catalog-yaml': 'yaml',
  syncml: 'xml',
};

function relative(name: SettingName): string {
  return name.endsWith('PINLength') ? `PINComplexity/${name}` : name;
}

function omaUri(name: SettingName, tenant: string): string {
  return `./Device/Vendor/MSFT/PassportForWork/${tenant}/Policies/${relative(name)}`;
}

function settingId(name: SettingName): string {
  return `device_vendor_msft_passportforwork_{tenantid}_policies_${relative(name).replace('/', '_').toLowerCase()}`;
}

function graphAssignments(assignments: readonly Assignment[]): unknown[] {
  return assignments.map((assignment) => {
    switch (assignment.kind) {
      case 'all-devices': return { target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } };
      case 'all-users': return { target: { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' } };
      case 'group': return { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: assignment.id } };
      case 'exclude': return { target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: assignment.id } };
    }
  });
}

function customProfile(spec: PolicySpec): Record<string, unknown> {
  const tenant = spec.tenant ?? TENANT;
  return {
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    displayName: 'Contoso - WHfB',
    omaSettings: spec.settings.map((setting) => ({
      '@odata.type': typeof setting.value === 'boolean' ? '#microsoft.graph.omaSettingBoolean' : '#microsoft.graph.omaSettingInteger',
      displayName: setting.name,
      omaUri: omaUri(setting.name, tenant),
      value: setting.value,
    })),
    ...(spec.assignments ? { assignments: graphAssignments(spec.assignments) } : {}),
  };
}

function settingsCatalog(spec: PolicySpec): Record<string, unknown> {
  const children = spec.settings.map((setting) => typeof setting.value === 'boolean'
    ? {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: settingId(setting.name),
      choiceSettingValue: { value: `${settingId(setting.name)}_${String(setting.value)}`, children: [] },
    }
    : {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
      settingDefinitionId: settingId(setting.name),
      simpleSettingValue: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue', value: setting.value },
    });
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
    name: 'Contoso - WHfB',
    platforms: 'windows10',
    technologies: 'mdm',
    settings: [{
      id: '0',
      settingInstance: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance',
        settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}',
        groupSettingCollectionValue: [{ children }],
      },
    }],
    ...(spec.assignments ? { assignments: graphAssignments(spec.assignments) } : {}),
  };
}

/** A small YAML writer for the objects above (IntuneCD writes the same objects as YAML). */
function yaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map((item) => `\n${indent}- ${yaml(item, `${indent}  `).replace(/^\n\s*/, '')}`).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    return entries.map(([key, item]) => {
      const written = yaml(item, `${indent}  `);
      return `\n${indent}${JSON.stringify(key)}:${written.startsWith('\n') || written.startsWith(' ') ? written : ` ${written}`}`;
    }).join('');
  }
  return ` ${JSON.stringify(value)}`;
}

function policyFile(spec: PolicySpec): string {
  const lines = ['whfb: 1', `tenantId: ${spec.tenant ?? TENANT}`, 'deployment:', '  model: hybrid', 'settings:'];
  if (spec.settings.length === 0) lines[lines.length - 1] = 'settings: []';
  for (const setting of spec.settings) {
    lines.push(`  - omaUri: ${omaUri(setting.name, '{TenantId}')}`, `    type: ${typeof setting.value === 'boolean' ? 'bool' : 'int'}`, `    value: ${String(setting.value)}`);
  }
  if (spec.groupPolicy && spec.groupPolicy.length > 0) {
    lines.push('groupPolicy:');
    for (const entry of spec.groupPolicy) lines.push(`  - policy: ${entry.policy}`, '    scope: computer', `    state: ${entry.state}`);
  }
  return `${lines.join('\n')}\n`;
}

function syncml(spec: PolicySpec): string {
  const tenant = spec.tenant ?? TENANT;
  const commands = spec.settings.map((setting, index) => `    <Replace>
      <CmdID>${index + 2}</CmdID>
      <Item>
        <Target><LocURI>${omaUri(setting.name, tenant)}</LocURI></Target>
        <Meta><Format xmlns="syncml:metinf">${typeof setting.value === 'boolean' ? 'bool' : 'int'}</Format></Meta>
        <Data>${String(setting.value)}</Data>
      </Item>
    </Replace>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<SyncML xmlns="SYNCML:SYNCML1.2">\n  <SyncBody>\n${commands}\n    <Final/>\n  </SyncBody>\n</SyncML>\n`;
}

export function writePolicy(format: WrittenFormat, spec: PolicySpec): string {
  switch (format) {
    case 'whfb-yaml': return policyFile(spec);
    case 'custom-profile-json': return `${JSON.stringify(customProfile(spec), null, 2)}\n`;
    case 'custom-profile-yaml': return `${yaml(customProfile(spec)).replace(/^\n/, '')}\n`;
    case 'settings-catalog-json': return `${JSON.stringify(settingsCatalog(spec), null, 2)}\n`;
    case 'settings-catalog-yaml': return `${yaml(settingsCatalog(spec)).replace(/^\n/, '')}\n`;
    case 'syncml': return syncml(spec);
  }
}
