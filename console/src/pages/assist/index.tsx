import type { ConsoleProduct } from '../registry';
import { Card, PageHeader } from '../../ui';

function Overview() {
  return (
    <>
      <PageHeader title="Assist" subtitle="Live contact-center assistance: the agent's room view." />
      <Card>
        <p className="muted">These pages are being built.</p>
      </Card>
    </>
  );
}

const product: ConsoleProduct = {
  id: 'assist',
  label: 'Assist',
  description: "Live contact-center assistance: the agent's room view.",
  pages: [{ path: '/assist', title: 'Assist', nav: 'Overview', component: Overview }],
};
export default product;
