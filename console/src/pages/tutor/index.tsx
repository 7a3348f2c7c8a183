import type { ConsoleProduct } from '../registry';
import { Card, PageHeader } from '../../ui';

function Overview() {
  return (
    <>
      <PageHeader title="Tutor" subtitle="Speaking practice with tutors: practice screen and the tutor dashboard." />
      <Card>
        <p className="muted">These pages are being built.</p>
      </Card>
    </>
  );
}

const product: ConsoleProduct = {
  id: 'tutor',
  label: 'Tutor',
  description: 'Speaking practice with tutors: practice screen and the tutor dashboard.',
  pages: [{ path: '/tutor', title: 'Tutor', nav: 'Overview', component: Overview }],
};
export default product;
