/** A note's tags, each a link to the notes with that tag. */
export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label="Tags">
      {tags.map((tag) => <li key={tag}><a class="tag" href={`/notes?tag=${encodeURIComponent(tag)}`}>{tag}</a></li>)}
    </ul>
  );
}
