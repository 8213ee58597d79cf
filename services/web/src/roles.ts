import type { Group, Member, Role } from './api/api';

export const roles: Role[] = ['OWNER', 'ORGANIZER', 'MEMBER'];

export function roleLabel(role: Role): string {
  return { OWNER: 'Owner', ORGANIZER: 'Organizer', MEMBER: 'Member' }[role];
}

/** Who may schedule sessions and invite people (sessions README: owner and organizers). */
export function canOrganize(group: Group): boolean {
  return group.myRole === 'OWNER' || group.myRole === 'ORGANIZER';
}

/** Only the owner changes roles, and not their own. */
export function canChangeRole(group: Group, member: Member, myId: string): boolean {
  return group.myRole === 'OWNER' && member.userId !== myId;
}

/** The owner removes anyone else; organizers remove plain members. */
export function canRemove(group: Group, member: Member, myId: string): boolean {
  if (member.userId === myId) return false;
  if (group.myRole === 'OWNER') return true;
  return group.myRole === 'ORGANIZER' && member.role === 'MEMBER';
}
