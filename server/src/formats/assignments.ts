/**
 * A Graph policy's `assignments` (as Graph returns them with `$expand=assignments`, and as IntuneCD
 * writes them) into the model's PolicyAudience, so cross-file rules can tell whether two policies
 * reach the same devices. Target kinds are Graph's `@odata.type` names:
 * allDevicesAssignmentTarget, allLicensedUsersAssignmentTarget, groupAssignmentTarget and
 * exclusionGroupAssignmentTarget. A group is named by `groupId` (Graph) or `groupName` (IntuneCD
 * replaces ids with names). A target with an assignment filter reaches only part of its group.
 */
import type { PolicyAudience } from '../model/types';
import { property, propertyEntry, type AstNode } from './jsonAst';

function text(node: AstNode | undefined): string | undefined {
  return node?.kind === 'string' && node.value.trim() ? node.value.trim() : undefined;
}

/** The audience of one policy object, or undefined when it holds no `assignments` list. */
export function readAudience(policy: AstNode): PolicyAudience | undefined {
  const entry = propertyEntry(policy, 'assignments');
  if (!entry || entry.value.kind !== 'array') return undefined;
  const audience: PolicyAudience = {
    range: { start: entry.keyRange.start, end: entry.value.range.end },
    allDevices: false, allUsers: false, groups: [], excludedGroups: [], filtered: false,
  };
  for (const item of entry.value.items) {
    const target = property(item, 'target') ?? item;
    const type = (text(property(target, '@odata.type')) ?? '').toLowerCase();
    const group = (text(property(target, 'groupId')) ?? text(property(target, 'groupName')))?.toLowerCase();
    const filter = text(property(target, 'deviceAndAppManagementAssignmentFilterId'));
    const filterType = (text(property(target, 'deviceAndAppManagementAssignmentFilterType')) ?? '').toLowerCase();
    if (filter && filterType !== 'none' && !/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(filter)) audience.filtered = true;
    if (type.endsWith('exclusiongroupassignmenttarget')) {
      if (group) audience.excludedGroups.push(group);
    } else if (type.endsWith('alldevicesassignmenttarget')) {
      audience.allDevices = true;
    } else if (type.endsWith('alllicensedusersassignmenttarget')) {
      audience.allUsers = true;
    } else if (group) {
      audience.groups.push(group);
    }
  }
  return audience;
}
