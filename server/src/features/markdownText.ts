/** The escaping helpers live with the client/server protocol (shared/), which the client may import. */
export { markdownCode, markdownText } from '../../../shared/markdownText';
