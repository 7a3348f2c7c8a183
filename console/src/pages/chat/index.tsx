import type { ConsoleProduct } from '../registry';
import { Card, PageHeader } from '../../ui';

function Overview() {
  return (
    <>
      <PageHeader title="Chat" subtitle="Chat with avatar personas: streamed replies, branches and feedback." />
      <Card>
        <p className="muted">These pages are being built.</p>
      </Card>
    </>
  );
}

const product: ConsoleProduct = {
  id: 'chat',
  label: 'Chat',
  description: 'Chat with avatar personas: streamed replies, branches and feedback.',
  pages: [{ path: '/chat', title: 'Chat', nav: 'Overview', component: Overview }],
};
export default product;
