/**
 * The server's custom messages. Plain names and shapes with no LSP import, so the client can
 * import this file too and both sides spell the methods the same way.
 */
export const POLICY_SUMMARY_REQUEST = 'whfb/policySummary';
export const POLICY_SUMMARY_CHANGED_NOTIFICATION = 'whfb/policySummaryChanged';

/** Params of both the request and the notification. The request answers PolicySummary | null. */
export interface PolicySummaryParams { uri: string }
