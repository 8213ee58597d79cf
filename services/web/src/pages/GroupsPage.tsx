import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { groups } from '../api/api';
import { GroupCard } from '../components/GroupCard';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { usePaged } from '../components/usePaged';

function GroupList() {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState({ q: '', mine: false });
  const { items, error, more } = usePaged(
    (cursor) => groups.list({ q: search.q || undefined, mine: search.mine || undefined, cursor }), [search]);

  return (
    <>
      <form role="search" class="search" onSubmit={(e) => { e.preventDefault(); setSearch({ ...search, q: draft.trim() }); }}>
        <label for="group-search">Search groups by name</label>
        <div class="row">
          <input id="group-search" type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
          <button type="submit">Search</button>
        </div>
        <label class="check">
          <input type="checkbox" checked={search.mine}
            onChange={(e) => setSearch({ ...search, mine: e.currentTarget.checked })} />
          Only groups I belong to
        </label>
      </form>
      {error && <ErrorMessage message={error} />}
      {!items && !error && <Loading what="groups" />}
      {items?.length === 0 && (
        <p class="empty">{search.q ? `No group has “${search.q}” in its name.` : 'No groups yet.'} <a href="/groups/new">Create one</a>.</p>
      )}
      {items && items.length > 0 && (
        <ul class="cards" aria-label="Groups">
          {items.map((group) => <GroupCard key={group.id} group={group} />)}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>Show more groups</button>}
    </>
  );
}

export default function GroupsPage() {
  const { query } = useLocation();
  return (
    <RequireLogin>
      <Page title="Groups" actions={<a class="button" href="/groups/new">Create a group</a>}>
        {query.left && <p class="notice" role="status">You left the group.</p>}
        <GroupList />
      </Page>
    </RequireLogin>
  );
}
