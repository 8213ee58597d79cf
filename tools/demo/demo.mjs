// Fills a running Nexus with a study group across three time zones, through the public API (the
// gateway): members, a weekly series with a cancelled and a moved occurrence, a closed availability
// poll, notes with code, a problem with solutions, votes, an accepted answer, comments with
// mentions and the unread notifications they leave. Prints the log-ins to try.
//
//   node tools/demo/demo.mjs [gateway URL]      (default: $NEXUS_URL or http://localhost:8080)
//
// Each run makes new accounts (their addresses carry the run's time), so it can run again.

const base = (process.argv[2] ?? process.env.NEXUS_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const run = Date.now().toString(36);
const PASSWORD = 'nexus-demo-2026';
const DAY = 24 * 3600 * 1000;

async function call(token, method, path, body) {
  let response;
  try {
    response = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Error(`Nexus does not answer at ${base} (${e.cause?.code ?? e.message}); start it with ./nexus up`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

async function register(displayName, timeZone) {
  const email = `${displayName.toLowerCase()}.${run}@demo.nexus.dev`;
  const tokens = await call(null, 'POST', '/api/v1/auth/register', { email, password: PASSWORD, displayName, timeZone });
  return { name: displayName, email, timeZone, id: tokens.user.id, token: tokens.accessToken };
}

/** The next `weekday` (0 Sunday … 6 Saturday) at `hour`:00 in the organizer's zone, at least two days away. */
function nextWeekday(weekday, hour, timeZone) {
  const day = new Date(Date.now() + 2 * DAY);
  while (day.getUTCDay() !== weekday) day.setTime(day.getTime() + DAY);
  const date = day.toISOString().slice(0, 10);
  // the zone's offset on that date, found by formatting noon UTC of that day in the zone
  const probe = new Date(`${date}T12:00:00Z`);
  const local = new Date(probe.toLocaleString('en-US', { timeZone }));
  const utcNoon = new Date(probe.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offsetMinutes = Math.round((local - utcNoon) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${date}T${String(hour).padStart(2, '0')}:00:00${offset}`;
}

async function main() {
  console.log(`==> Filling Nexus at ${base}`);
  const olga = await register('Olga', 'Europe/Berlin');
  const ada = await register('Ada', 'Europe/London');
  const bob = await register('Bob', 'America/New_York');
  const chen = await register('Chen', 'Asia/Tokyo');
  const people = [olga, ada, bob, chen];

  const group = await call(olga.token, 'POST', '/api/v1/groups', {
    name: `Graph Algorithms Circle ${run}`, visibility: 'PUBLIC', timeZone: 'Europe/Berlin',
    description: 'We meet every week to work through graph problems together: Dijkstra, flows, matchings.',
  });
  for (const member of [ada, bob, chen]) {
    await call(member.token, 'POST', `/api/v1/groups/${group.id}/members`);
  }
  await call(olga.token, 'PUT', `/api/v1/groups/${group.id}/members/${ada.id}/role`, { role: 'ORGANIZER' });
  console.log(`    group "${group.name}": Olga (owner, Berlin), Ada (organizer, London), Bob (New York), Chen (Tokyo)`);

  // a weekly series on Tuesdays 18:00 Berlin: the second date cancelled, the third moved a day later
  const series = await call(olga.token, 'POST', `/api/v1/groups/${group.id}/sessions`, {
    title: 'Weekly graph session', description: 'Bring one problem you are stuck on.',
    startsAt: nextWeekday(2, 18, 'Europe/Berlin'), durationMinutes: 90, timeZone: 'Europe/Berlin',
    capacity: 12, recurrence: 'FREQ=WEEKLY;COUNT=8', meetingUrl: 'https://meet.example.org/graphs',
  });
  const dates = await call(olga.token, 'GET', `/api/v1/groups/${group.id}/sessions?limit=10`);
  const starts = dates.items.filter((o) => o.sessionId === series.id).map((o) => o.startsAt);
  await call(olga.token, 'POST', `/api/v1/sessions/${series.id}/occurrences/${encodeURIComponent(starts[1])}/cancel`,
    { reason: 'Room closed for the holiday' });
  const moved = new Date(new Date(starts[2]).getTime() + DAY).toISOString();
  await call(olga.token, 'PUT', `/api/v1/sessions/${series.id}/occurrences/${encodeURIComponent(starts[2])}`,
    { startsAt: moved });
  for (const member of [ada, bob]) {
    await call(member.token, 'PUT', `/api/v1/sessions/${series.id}/rsvp`, { status: 'GOING' });
  }
  await call(chen.token, 'PUT', `/api/v1/sessions/${series.id}/rsvp`, { status: 'MAYBE' });
  console.log('    weekly series "Weekly graph session": 8 Tuesdays, the 2nd cancelled, the 3rd moved to Wednesday');

  // an availability poll: three slots, everyone answers, Olga closes it on the best one
  const poll = await call(olga.token, 'POST', `/api/v1/groups/${group.id}/polls`, {
    title: 'Max-flow deep dive', timeZone: 'Europe/Berlin', deadline: new Date(Date.now() + DAY).toISOString(),
    slots: [3, 4, 5].map((days) => ({
      startsAt: nextWeekday(new Date(Date.now() + days * DAY).getUTCDay(), 17, 'Europe/Berlin'), durationMinutes: 60,
    })),
  });
  const slots = poll.slots.map((s) => s.id);
  const answers = { [olga.id]: ['YES', 'YES', 'NO'], [ada.id]: ['YES', 'IF_NEED_BE', 'YES'],
    [bob.id]: ['YES', 'NO', 'NO'], [chen.id]: ['IF_NEED_BE', 'YES', 'NO'] };
  for (const person of people) {
    await call(person.token, 'PUT', `/api/v1/polls/${poll.id}/answer`,
      { answers: slots.map((slotId, i) => ({ slotId, answer: answers[person.id][i] })) });
  }
  await call(olga.token, 'POST', `/api/v1/polls/${poll.id}/close`, { slotId: slots[0] });
  console.log('    poll "Max-flow deep dive": answered by all four, closed on the first slot');

  // notes with code, a problem with three solutions, votes, an accepted one, comments with mentions
  const note = await call(ada.token, 'POST', '/api/v1/notes', {
    groupId: group.id, sessionId: series.id, title: 'Dijkstra with a binary heap', tags: ['graphs', 'dijkstra'],
    body: [
      'Relax edges from the closest unvisited vertex; a heap makes each step `O(log V)`.', '',
      '```python', 'import heapq', '', 'def dijkstra(graph, source):', '    dist = {source: 0}',
      '    queue = [(0, source)]', '    while queue:', '        d, u = heapq.heappop(queue)',
      '        if d > dist.get(u, float("inf")):', '            continue', '        for v, w in graph[u]:',
      '            if d + w < dist.get(v, float("inf")):', '                dist[v] = d + w',
      '                heapq.heappush(queue, (d + w, v))', '    return dist', '```',
    ].join('\n'),
  });
  await call(bob.token, 'POST', '/api/v1/notes', {
    groupId: group.id, title: 'Union-find cheat sheet', tags: ['graphs'],
    body: 'Path compression plus union by rank:\n\n```java\nint find(int x) {\n  return parent[x] == x ? x : (parent[x] = find(parent[x]));\n}\n```',
  });
  await call(chen.token, 'POST', `/api/v1/notes/${note.id}/comments`,
    { body: '@Bob does this also work with negative weights? I think we need Bellman-Ford then.' });

  const problem = await call(olga.token, 'POST', '/api/v1/problems', {
    groupId: group.id, sessionId: series.id, title: 'Number of islands',
    statement: 'Given a grid of `1` (land) and `0` (water), count the islands. Cells connect up, down, left and right.',
    link: 'https://leetcode.com/problems/number-of-islands/',
  });
  const solutions = [];
  for (const [author, language, body] of [
    [ada, 'python', 'Flood fill each unvisited land cell with a DFS and count the fills.\n\n```python\ndef islands(grid):\n    seen, count = set(), 0\n    def fill(r, c):\n        if (r, c) in seen or not (0 <= r < len(grid) and 0 <= c < len(grid[0])) or grid[r][c] == "0":\n            return\n        seen.add((r, c))\n        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):\n            fill(r + dr, c + dc)\n    for r in range(len(grid)):\n        for c in range(len(grid[0])):\n            if grid[r][c] == "1" and (r, c) not in seen:\n                fill(r, c)\n                count += 1\n    return count\n```'],
    [bob, 'java', 'Union-find over the land cells: islands = land cells minus successful unions.\n\n```java\nint islands(char[][] g) { /* union each land cell with its right and lower neighbour */ return 0; }\n```'],
    [chen, 'go', 'BFS with a queue, so deep islands do not overflow the stack.\n\n```go\nfunc numIslands(grid [][]byte) int { return 0 }\n```'],
  ]) {
    solutions.push(await call(author.token, 'POST', `/api/v1/problems/${problem.id}/solutions`, { body, language }));
  }
  await call(bob.token, 'PUT', `/api/v1/solutions/${solutions[0].id}/vote`, { value: 1 });
  await call(chen.token, 'PUT', `/api/v1/solutions/${solutions[0].id}/vote`, { value: 1 });
  await call(ada.token, 'PUT', `/api/v1/solutions/${solutions[2].id}/vote`, { value: 1 });
  await call(olga.token, 'POST', `/api/v1/solutions/${solutions[0].id}/accept`);
  await call(bob.token, 'POST', `/api/v1/solutions/${solutions[0].id}/comments`,
    { body: 'Neat. @Ada the recursion depth can hit the limit on a 300×300 grid, though.' });
  console.log('    notes "Dijkstra with a binary heap" and "Union-find cheat sheet", problem "Number of islands"'
    + ' with 3 solutions, votes, an accepted one and comments with mentions');

  console.log('');
  console.log(`==> Done. Open ${base} and log in as any of them (password: ${PASSWORD}):`);
  for (const p of people) {
    console.log(`    ${p.name.padEnd(5)} ${p.email.padEnd(40)} ${p.timeZone}`);
  }
  console.log('    Their notifications arrive within seconds (unread in the bell).');
}

main().catch((e) => {
  console.error(`ERROR: ${e.message}`);
  process.exit(1);
});
