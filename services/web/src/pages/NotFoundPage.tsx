import { Page } from '../components/page';

export default function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address. <a href="/groups">Go to the groups</a>.</p>
    </Page>
  );
}
