/**
 * The client's side of the custom requests (shared/protocol.ts): everything that needs the
 * catalog, a parser or the generated guide data is asked of the language server, so the client
 * bundle carries none of them. Each call waits until the server has started.
 */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CATALOG_ITEMS_REQUEST, CHECKLISTS_REQUEST, PLAN_INSERT_SETTING_REQUEST, POLICY_TEMPLATE_REQUEST, REFERENCE_AT_REQUEST,
  type CatalogItem, type Checklists, type DeploymentModelId, type DocumentText, type PlanInsertSettingParams, type PlanInsertSettingResult,
  type PolicyTemplateParams, type ReferenceAtParams, type ReferenceLink,
} from '../../shared/protocol';

export class ServerRequests {
  constructor(private readonly client: LanguageClient, private readonly started: Promise<void>) {}

  private async send<R>(method: string, params?: unknown): Promise<R> {
    await this.started;
    return params === undefined ? this.client.sendRequest<R>(method) : this.client.sendRequest<R>(method, params);
  }

  catalogItems(): Promise<CatalogItem[]> {
    return this.send<CatalogItem[] | null>(CATALOG_ITEMS_REQUEST).then((items) => items ?? []);
  }

  /** Null when the server could not answer (its log says why). */
  planInsertSetting(params: PlanInsertSettingParams): Promise<PlanInsertSettingResult | null> {
    return this.send<PlanInsertSettingResult | null>(PLAN_INSERT_SETTING_REQUEST, params);
  }

  referenceAt(params: ReferenceAtParams): Promise<ReferenceLink[]> {
    return this.send<ReferenceLink[] | null>(REFERENCE_AT_REQUEST, params).then((links) => links ?? []);
  }

  checklists(): Promise<Checklists | null> {
    return this.send<Checklists | null>(CHECKLISTS_REQUEST);
  }

  policyTemplate(model: DeploymentModelId): Promise<string | null> {
    const params: PolicyTemplateParams = { model };
    return this.send<string | null>(POLICY_TEMPLATE_REQUEST, params);
  }
}

/** The document as the editor holds it now: the server answers about exactly this text. */
export function documentText(document: vscode.TextDocument): DocumentText {
  return { uri: document.uri.toString(), languageId: document.languageId, version: document.version, text: document.getText() };
}
