/**
 * Writes the large files of test/fixtures/realworld-shapes: security-baseline-sized Settings Catalog
 * and IntuneCD exports with hundreds of settings that are not Windows Hello for Business (Defender,
 * Edge, BitLocker, DeviceLock, Kerberos, CredentialProviders, ADMX-backed Administrative Templates
 * ...). They have the shapes public baselines have (OpenIntuneBaseline, Microsoft's security
 * baselines exported from Intune, IntuneCD backups): choices `<id>_<option>`, ADMX-backed choices
 * `_1`/`_0` with child settings, integer and string simple values, group collections. No public
 * file is copied: setting ids are built from real-looking area and setting names with a seeded
 * generator, so the output is the same on every run.
 *
 *   npx tsx scripts/realworld/generateShapes.ts
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { getCatalog } from '../../server/src/catalog/catalog';
import { cspScopeOf } from '../../server/src/catalog/cspScope';
import type { CatalogNode } from '../../server/src/catalog/types';

/**
 * Settings of an area the catalog covers get values the DDF allows (a baseline that works), taken
 * from the catalog; settings of other areas get any option.
 */
const catalog = getCatalog();
const covered = cspScopeOf(catalog);

function optionFor(random: () => number, id: string, fallback: () => string): string {
  const node = catalog.bySettingsCatalogId(id);
  const allowed = node?.allowed;
  if (allowed?.kind === 'enum') return allowed.values[Math.floor(random() * allowed.values.length)]!.value;
  if (allowed?.kind === 'admx') return random() < 0.8 ? '1' : '0';
  if (node?.format === 'bool') return random() < 0.5 ? 'true' : 'false';
  return fallback();
}

function integerFor(random: () => number, node: CatalogNode | undefined): number {
  const allowed = node?.allowed;
  if (allowed?.kind === 'enum') return Number(allowed.values[Math.floor(random() * allowed.values.length)]!.value);
  if (allowed?.kind === 'range') return allowed.min + Math.floor(random() * (Math.min(allowed.max, allowed.min + 60) - allowed.min + 1));
  return 1 + Math.floor(random() * 30);
}

const OUT = resolve(__dirname, '..', '..', 'test', 'fixtures', 'realworld-shapes');

/** mulberry32: a small seeded generator, enough for fixture variety. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Areas and setting names as baselines use them; none of them is a PassportForWork node. */
const CHOICE_AREAS: Record<string, string[]> = {
  defender: ['allowarchivescanning', 'allowbehaviormonitoring', 'allowcloudprotection', 'allowemailscanning', 'allowfullscanremovabledrivescanning', 'allowioavprotection', 'allowrealtimemonitoring', 'allowscanningnetworkfiles', 'allowscriptscanning', 'checkforsignaturesbeforerunningscan', 'disablecatchupquickscan', 'enablenetworkprotection', 'puaprotection', 'submitsamplesconsent', 'cloudblocklevel'],
  devicelock: ['devicepasswordenabled', 'allowsimpledevicepassword', 'alphanumericdevicepasswordrequired'],
  localpoliciessecurityoptions: ['accounts_limitlocalaccountuseofblankpasswordstoconsolelogononly', 'interactivelogon_donotdisplaylastsignedin', 'networksecurity_lanmanagerauthenticationlevel', 'useraccountcontrol_behavioroftheelevationpromptforadministrators', 'useraccountcontrol_runalladministratorsinadminapprovalmode', 'networkaccess_donotallowanonymousenumerationofsamaccounts'],
  bitlocker: ['requiredeviceencryption', 'allowwarningforotherdiskencryption', 'allowstandarduserencryption', 'encryptionmethodbydrivetype'],
  browser: ['allowpasswordmanager', 'allowsmartscreen', 'preventsmartscreenpromptoverride', 'preventsmartscreenpromptoverrideforfiles'],
  credentialsui: ['disablepasswordreveal', 'enumerateadministrators'],
  experience: ['allowcortana', 'allowwindowsspotlight', 'allowwindowstips', 'allowthirdpartysuggestionsinwindowsspotlight'],
  privacy: ['letappsaccesscamera', 'letappsaccessaccountinfo', 'disableadvertisingid'],
  remotedesktopservices: ['donotallowpasswordsaving', 'promptforpassworduponconnection', 'donotallowdriveredirection', 'clientconnectionencryptionlevel'],
  windowsdefendersecuritycenter: ['disableaccountprotectionui', 'disablefamilyui', 'hidewindowssecuritynotificationareacontrol'],
  smartscreen: ['enablesmartscreeninshell', 'preventoverrideforfilesinshell'],
  kerberos: ['pkinithashalgorithmconfiguration', 'requirekerberosarmoring', 'kerberosclientsupportsclaimscompoundarmor'],
  credentialproviders: ['allowpinlogon', 'blockpicturepassword', 'disableautomaticredeploymentcredentials'],
  authentication: ['allowaadpasswordreset', 'enablewebsignin', 'allowsecuritykeysignin', 'enablefastfirstsignin'],
};

/** ADMX-backed Administrative Templates as the Settings Catalog shows them, with their child elements. */
const ADMX_POLICIES: { id: string; children: { suffix: string; kind: 'text' | 'int' | 'choice' }[] }[] = [
  { id: 'device_vendor_msft_policy_config_admx_credentialproviders_defaultcredentialprovider', children: [{ suffix: 'defaultcredentialprovider_message', kind: 'text' }] },
  { id: 'device_vendor_msft_policy_config_admx_credentialproviders_excludedcredentialproviders', children: [{ suffix: 'excludedcredentialproviders_message', kind: 'text' }] },
  { id: 'device_vendor_msft_policy_config_admx_credentialproviders_allowdomaindelaylock', children: [] },
  { id: 'device_vendor_msft_policy_config_admx_kerberos_kdcproxyserver', children: [{ suffix: 'kdcproxyserver_servers', kind: 'text' }] },
  { id: 'device_vendor_msft_policy_config_admx_kerberos_alwayssendcompoundid', children: [] },
  { id: 'device_vendor_msft_policy_config_admx_smartcard_allowcertificateswithnoeku', children: [] },
  { id: 'device_vendor_msft_policy_config_admx_kdc_ticketsizethreshold', children: [{ suffix: 'ticketsizethreshold_value', kind: 'int' }] },
  { id: 'device_vendor_msft_policy_config_admx_kdc_cbacandarmor', children: [{ suffix: 'cbacandarmor_levels', kind: 'choice' }] },
  { id: 'device_vendor_msft_policy_config_kerberos_requirestrictkdcvalidation', children: [] },
  { id: 'device_vendor_msft_policy_config_admx_auditsettings_includecmdline', children: [] },
  { id: 'device_vendor_msft_policy_config_admx_dnsclient_turn_off_multicast', children: [] },
  { id: 'device_vendor_msft_policy_config_admx_msslegacy_ipv6disableipsourcerouting', children: [{ suffix: 'disableipsourceroutingipv6', kind: 'choice' }] },
  { id: 'device_vendor_msft_policy_config_admx_powershellexecutionpolicy_enablescriptblocklogging', children: [{ suffix: 'executionpolicy_enablescriptblockinvocationlogging', kind: 'choice' }] },
  { id: 'device_vendor_msft_policy_config_admx_terminalserver_ts_server_auth', children: [{ suffix: 'ts_security_layer', kind: 'choice' }] },
];

const INTEGER_SETTINGS = [
  'device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock',
  'device_vendor_msft_policy_config_devicelock_mindevicepasswordlength',
  'device_vendor_msft_policy_config_devicelock_devicepasswordhistory',
  'device_vendor_msft_policy_config_devicelock_maxdevicepasswordfailedattempts',
  'device_vendor_msft_policy_config_devicelock_mindevicepasswordcomplexcharacters',
  'device_vendor_msft_policy_config_defender_avgcpuloadfactor',
  'device_vendor_msft_policy_config_defender_daystoretaincleanedmalware',
  'device_vendor_msft_policy_config_defender_signatureupdateinterval',
];

const GUID_VALUES = ['{60b78e88-ead8-445c-9cfd-0b87f74ea6cd}', '{D6886603-9D2F-4EB2-B667-1971041FA96B}', '{8AF662BF-65A0-4D0A-A540-A338A999D36F}', '{BEC09223-B018-416D-A0AC-523971B639F5}'];

type Instance = Record<string, unknown>;

function choice(id: string, option: string, children: Instance[] = []): Instance {
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
    settingDefinitionId: id,
    settingInstanceTemplateReference: null,
    choiceSettingValue: { settingValueTemplateReference: null, value: `${id}_${option}`, children },
  };
}

function simple(id: string, value: string | number): Instance {
  const isInteger = typeof value === 'number';
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
    settingDefinitionId: id,
    settingInstanceTemplateReference: null,
    simpleSettingValue: {
      '@odata.type': isInteger ? '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue' : '#microsoft.graph.deviceManagementConfigurationStringSettingValue',
      settingValueTemplateReference: null,
      value,
    },
  };
}

function admxInstance(random: () => number, policy: (typeof ADMX_POLICIES)[number]): Instance {
  const enabled = random() < 0.8;
  const children = enabled ? policy.children.map((child) => {
    const id = `${policy.id}_${child.suffix}`;
    if (child.kind === 'text') return simple(id, GUID_VALUES[Math.floor(random() * GUID_VALUES.length)]!);
    if (child.kind === 'int') return simple(id, 1 + Math.floor(random() * 64));
    return choice(id, String(Math.floor(random() * 3)));
  }) : [];
  return choice(policy.id, enabled ? '1' : '0', children);
}

/** `count` non-WHfB settings in baseline order: choices, integers and ADMX-backed templates mixed. */
function baselineSettings(seed: number, count: number): Instance[] {
  const random = seeded(seed);
  const areas = Object.entries(CHOICE_AREAS);
  const instances: Instance[] = [];
  const used = new Set<string>();
  while (instances.length < count) {
    const pick = random();
    let instance: Instance;
    if (pick < 0.15) {
      instance = admxInstance(random, ADMX_POLICIES[Math.floor(random() * ADMX_POLICIES.length)]!);
    } else if (pick < 0.25) {
      const id = INTEGER_SETTINGS[Math.floor(random() * INTEGER_SETTINGS.length)]!;
      instance = simple(id, integerFor(random, catalog.bySettingsCatalogId(id)));
    } else {
      const [area, names] = areas[Math.floor(random() * areas.length)]!;
      const name = names[Math.floor(random() * names.length)]!;
      // Baselines repeat a setting only in different policies; vary the id so each is set once here.
      // Areas the catalog does not cover get numbered variants; covered ones only their real ids.
      const base = `device_vendor_msft_policy_config_${area}_${name}`;
      if (used.has(base) && covered.coversSettingId(base)) continue;
      const id = used.has(base) ? `${base}_v${instances.length}` : base;
      instance = choice(id, optionFor(random, id, () => String(Math.floor(random() * 3))));
    }
    const id = (instance as { settingDefinitionId: string }).settingDefinitionId;
    if (used.has(id) && covered.coversSettingId(id)) continue;
    used.add(id);
    instances.push(instance);
  }
  return instances;
}

function passportSetting(name: string, option: string): Instance {
  return choice(`device_vendor_msft_passportforwork_{tenantid}_policies_${name}`, option);
}

/** The PassportForWork tenant group as the Settings Catalog exports it. */
function whfbGroup(children: Instance[]): Instance {
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance',
    settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}',
    settingInstanceTemplateReference: null,
    groupSettingCollectionValue: [{
      settingValueTemplateReference: null,
      children,
    }],
  };
}

function policy(name: string, instances: Instance[]): Record<string, unknown> {
  return {
    '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies(settings())/$entity',
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
    createdDateTime: '2025-03-14T09:26:53.1234567Z',
    creationSource: null,
    description: 'Generated fixture of a public baseline shape',
    lastModifiedDateTime: '2025-06-02T16:40:11.7654321Z',
    name,
    platforms: 'windows10',
    priorityMetaData: null,
    roleScopeTagIds: ['0'],
    settingCount: instances.length,
    technologies: 'mdm',
    id: '0f4c6e2a-7d1b-4a3c-8e9f-2b5d6a7c8e9f',
    templateReference: { templateId: '', templateFamily: 'none', templateDisplayName: null, templateDisplayVersion: null },
    settings: instances.map((settingInstance, index) => ({ id: String(index), settingInstance })),
  };
}

function write(file: string, content: string): void {
  writeFileSync(join(OUT, file), content);
  console.log(`wrote test/fixtures/realworld-shapes/${file}`);
}

// 1. A security baseline with 450 settings and nothing of WHfB: not a WHfB policy, no diagnostic.
write('sc-security-baseline-450.json', `${JSON.stringify(policy('Win - Security Baseline - Device - 450 settings', baselineSettings(101, 450)), null, 2)}\n`);

// 2. An all-in-one device baseline (OpenIntuneBaseline style): 300 other settings around a valid
//    WHfB block, ADMX-backed lock screen and credential provider choices among them. No diagnostic.
const mixed = baselineSettings(202, 300);
mixed.splice(150, 0, whfbGroup([
  passportSetting('usepassportforwork', 'true'),
  passportSetting('requiresecuritydevice', 'true'),
  passportSetting('usecloudtrustforonpremauth', 'true'),
  simple('device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_minimumpinlength', 6),
  simple('device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_maximumpinlength', 127),
]));
mixed.splice(40, 0, choice('device_vendor_msft_policy_config_devicelock_preventenablinglockscreencamera', '1'));
mixed.splice(41, 0, choice('device_vendor_msft_policy_config_devicelock_preventlockscreenslideshow', '1'));
mixed.splice(42, 0, choice('device_vendor_msft_policy_config_admx_credentialproviders_defaultcredentialprovider', '1', [
  simple('device_vendor_msft_policy_config_admx_credentialproviders_defaultcredentialprovider_defaultcredentialprovider_message', '{D6886603-9D2F-4EB2-B667-1971041FA96B}'),
]));
mixed.splice(43, 0, simple('device_vendor_msft_passportforwork_deviceunlock_groupa', '{D6886603-9D2F-4EB2-B667-1971041FA96B},{8AF662BF-65A0-4D0A-A540-A338A999D36F}'));
mixed.splice(44, 0, simple('device_vendor_msft_passportforwork_deviceunlock_groupb', '{27FBDB57-B613-4AF2-9D7E-4FA7A66C21AD}'));
write('sc-device-baseline-with-whfb-306.json', `${JSON.stringify(policy('Win - OIB-style - Device Security - All in one', mixed), null, 2)}\n`);

// 3. The same kind of baseline as an IntuneCD backup (YAML, ids and dates removed), 250 settings.
const intunecd = policy('Win - Security Baseline - IntuneCD backup', baselineSettings(303, 250));
for (const key of ['id', 'createdDateTime', 'lastModifiedDateTime', '@odata.context']) delete intunecd[key];
write('intunecd-security-baseline-250.yaml', stringify(intunecd, { lineWidth: 0 }));
