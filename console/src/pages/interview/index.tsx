import type { ConsoleProduct } from '../registry';
import { Card, PageHeader } from '../../ui';

function Overview() {
  return (
    <>
      <PageHeader title="Interview" subtitle="AI mock interviews: answer question by question and read the scored report." />
      <Card>
        <p className="muted">These pages are being built.</p>
      </Card>
    </>
  );
}

const product: ConsoleProduct = {
  id: 'interview',
  label: 'Interview',
  description: 'AI mock interviews: answer question by question and read the scored report.',
  pages: [{ path: '/interview', title: 'Interview', nav: 'Overview', component: Overview }],
};
export default product;
