import { describe, expect, it } from 'vitest';
import type { Group, Member } from './api/api';
import { canChangeRole, canOrganize, canRemove } from './roles';

const me = 'me';
const groupWhere = (myRole: Group['myRole']): Group => ({ id: 'g', name: 'Katas', myRole });
const member = (userId: string, role: Member['role']): Member => ({ userId, role, displayName: userId });

describe('what each role is offered on a group page', () => {
  it('lets owners and organizers organize, not members or outsiders', () => {
    expect(canOrganize(groupWhere('OWNER'))).toBe(true);
    expect(canOrganize(groupWhere('ORGANIZER'))).toBe(true);
    expect(canOrganize(groupWhere('MEMBER'))).toBe(false);
    expect(canOrganize(groupWhere(undefined))).toBe(false);
  });

  it('offers role changes to the owner only, for others', () => {
    expect(canChangeRole(groupWhere('OWNER'), member('ada', 'MEMBER'), me)).toBe(true);
    expect(canChangeRole(groupWhere('OWNER'), member(me, 'OWNER'), me)).toBe(false);
    expect(canChangeRole(groupWhere('ORGANIZER'), member('ada', 'MEMBER'), me)).toBe(false);
  });

  it('offers removal to the owner for anyone else and to organizers for plain members', () => {
    expect(canRemove(groupWhere('OWNER'), member('ada', 'ORGANIZER'), me)).toBe(true);
    expect(canRemove(groupWhere('ORGANIZER'), member('ada', 'MEMBER'), me)).toBe(true);
    expect(canRemove(groupWhere('ORGANIZER'), member('bob', 'ORGANIZER'), me)).toBe(false);
    expect(canRemove(groupWhere('ORGANIZER'), member('own', 'OWNER'), me)).toBe(false);
    expect(canRemove(groupWhere('MEMBER'), member('ada', 'MEMBER'), me)).toBe(false);
    expect(canRemove(groupWhere('OWNER'), member(me, 'OWNER'), me)).toBe(false);
  });
});
