/**
 * schemas/whfbrc.schema.json: the JSON Schema of .whfbrc.json / whfb.config.json, from the rule
 * table (server/src/model/ruleCodes.ts) and the deployment models, so completion in VS Code offers
 * every rule code with its summary and default severity.
 */
import { DEPLOYMENT_MODELS } from '../../server/src/config/repoConfig';
import { RULES } from '../../server/src/model/ruleCodes';
import type { GeneratedFile } from '../generatedFile';

const SEVERITY = { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'] };

export function buildConfigSchema(): GeneratedFile {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://whfb-policy-tools.invalid/schemas/whfbrc.schema.json',
    title: 'whfb-lint configuration (.whfbrc.json, whfb.config.json)',
    description: 'Read by whfb-lint and the WHfB Policy Tools extension for the files in this folder and below (up to the repository root). The command line\'s --rule and the editor\'s whfb.rules setting win over it.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Severity per rule code: error, warning, information, hint or off.',
        propertyNames: { pattern: '^[Ww][Hh][Ff][Bb]\\d{3}$' },
        properties: Object.fromEntries(RULES.map((rule) => [rule.code, { ...SEVERITY, description: `${rule.summary} (default: ${rule.defaultSeverity})` }])),
        additionalProperties: SEVERITY,
      },
      ignore: {
        type: 'array',
        description: 'Globs of files not to check, relative to this file\'s folder (* any characters but /, ** any folders, ? one character). A pattern without / matches at any depth; a folder ignores everything under it.',
        items: { type: 'string', minLength: 1 },
      },
      deploymentModel: {
        type: 'string',
        description: 'The deployment model the checklist shows when no policy file with a deployment block is open (the whfb.deploymentModel setting wins).',
        enum: [...DEPLOYMENT_MODELS],
      },
    },
  };
  return { path: 'schemas/whfbrc.schema.json', content: `${JSON.stringify(schema, null, 2)}\n` };
}
