/** The checklist shapes are part of the client/server protocol (the client shows them): see shared/. */
export type { ChecklistItem, ChecklistSection, Checklists, DeploymentModelChecklist, DeploymentModelId } from '../../../shared/checklists';
