/**
 * README.md's settings table, between its marker comments, from package.json's
 * contributes.configuration (English text from package.nls.json), so the Marketplace page and
 * the Settings editor never disagree. The rest of README.md is left byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedFile } from '../generatedFile';
import { readManifest } from './localizedManifest';

export const SETTINGS_START = '<!-- settings-table:start (generated from package.json: npm run generate) -->';
export const SETTINGS_END = '<!-- settings-table:end -->';

interface SettingProperty {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  scope?: string;
  description?: string;
  markdownDescription?: string;
}

/** Table cell text: one line, no column breaks. */
function cell(text: string): string {
  return text.replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

function code(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function allowedValues(property: SettingProperty): string {
  if (property.enum) return property.enum.map((value) => code(value)).join(', ');
  const range = [property.minimum !== undefined ? `≥ ${property.minimum}` : '', property.maximum !== undefined ? `≤ ${property.maximum}` : ''].filter(Boolean);
  const type = Array.isArray(property.type) ? property.type.join(' or ') : (property.type ?? '');
  return [type, ...range].join(', ');
}

export function settingsTable(root: string): string {
  const properties = readManifest(root).resolved.contributes.configuration.properties as Record<string, SettingProperty>;
  const rows = Object.entries(properties).map(([id, property]) =>
    `| \`${id}\` | ${cell(allowedValues(property))} | ${code(property.default)} | ${cell(property.markdownDescription ?? property.description ?? '')} |`,
  );
  return ['| Setting | Values | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function buildReadmeSettings(root: string): GeneratedFile {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(SETTINGS_START);
  const end = readme.indexOf(SETTINGS_END);
  if (start < 0 || end < start) throw new Error(`README.md: the settings table markers are missing:\n${SETTINGS_START}\n${SETTINGS_END}`);
  const content = `${readme.slice(0, start + SETTINGS_START.length)}\n${settingsTable(root)}\n${readme.slice(end)}`;
  return { path: 'README.md', content };
}
