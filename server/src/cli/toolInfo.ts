/** whfb-lint's name and version, from package.json so a release bump needs no code change. */
import { version } from '../../../package.json';

export const TOOL_NAME = 'whfb-lint';
export const TOOL_VERSION: string = version;
export const TOOL_INFORMATION_URI = 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/';
