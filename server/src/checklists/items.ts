/** Walking a checklist's items is shared with the client: see shared/checklists.ts. */
export { allItems, parentIds } from '../../../shared/checklists';
