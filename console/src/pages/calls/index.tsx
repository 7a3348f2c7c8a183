import type { ConsoleProduct } from '../registry';
import { Card, PageHeader } from '../../ui';

function Overview() {
  return (
    <>
      <PageHeader title="Calls" subtitle="Memorial voice calls: a phonebook of personas, their trained voices, and calls with them." />
      <Card>
        <p className="muted">These pages are being built.</p>
      </Card>
    </>
  );
}

const product: ConsoleProduct = {
  id: 'calls',
  label: 'Calls',
  description: 'Memorial voice calls: a phonebook of personas, their trained voices, and calls with them.',
  pages: [{ path: '/calls', title: 'Calls', nav: 'Overview', component: Overview }],
};
export default product;
