import type { ConsoleProduct } from '../registry';
import { Card, PageHeader } from '../../ui';

function Overview() {
  return (
    <>
      <PageHeader title="Operator" subtitle="Users, jobs, realtime connections, knowledge, logs and AI usage." />
      <Card>
        <p className="muted">These pages are being built.</p>
      </Card>
    </>
  );
}

const product: ConsoleProduct = {
  id: 'operator',
  label: 'Operator',
  description: 'Users, jobs, realtime connections, knowledge, logs and AI usage.',
  adminOnly: true,
  pages: [{ path: '/operator', title: 'Operator', nav: 'Overview', component: Overview }],
};
export default product;
