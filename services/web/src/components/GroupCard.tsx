import type { Group } from '../api/api';
import { roleLabel } from '../roles';

export function GroupCard({ group }: { group: Group }) {
  return (
    <li class="card group-card">
      <h2><a href={`/groups/${group.id}`}>{group.name}</a></h2>
      {group.description && <p>{group.description}</p>}
      <p class="meta">
        <span class={`tag ${group.visibility === 'PRIVATE' ? 'private' : ''}`}>{group.visibility === 'PRIVATE' ? 'Private' : 'Public'}</span>
        {' '}{group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
        {group.myRole && <> · you are {roleLabel(group.myRole).toLowerCase()}</>}
      </p>
    </li>
  );
}
